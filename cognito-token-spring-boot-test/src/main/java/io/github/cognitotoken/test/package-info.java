/**
 * Cognito-shaped test tokens, their signing key, and the token stub that issues them to
 * the auto-configured clients without a token endpoint.
 */
@NullMarked
package io.github.cognitotoken.test;

import org.jspecify.annotations.NullMarked;
