/**
 * Reactive HTTP client integration: the bearer token exchange filter function and the
 * WebClient customizer.
 */
@NullMarked
package io.github.cognitotoken.http.reactive;

import org.jspecify.annotations.NullMarked;
