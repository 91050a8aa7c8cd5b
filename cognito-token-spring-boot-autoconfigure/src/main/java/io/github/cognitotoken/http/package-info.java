/**
 * HTTP client integration: the bearer token interceptor and the client customizers.
 */
@NullMarked
package io.github.cognitotoken.http;

import org.jspecify.annotations.NullMarked;
