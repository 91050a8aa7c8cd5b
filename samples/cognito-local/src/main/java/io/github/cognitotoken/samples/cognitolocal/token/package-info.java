/**
 * The Cognito-compatible token endpoint, its signing key, JWKS and request counter.
 */
@NullMarked
package io.github.cognitotoken.samples.cognitolocal.token;

import org.jspecify.annotations.NullMarked;
