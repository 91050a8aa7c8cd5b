/**
 * OpenFeign integration: the request interceptor that adds the bearer token to Feign
 * requests and the capability that keeps their redirects and 401 answers under control.
 */
@NullMarked
package io.github.cognitotoken.http.feign;

import org.jspecify.annotations.NullMarked;
