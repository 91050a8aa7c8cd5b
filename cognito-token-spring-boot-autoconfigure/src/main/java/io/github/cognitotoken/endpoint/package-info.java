/**
 * Client for the Cognito OAuth2 token endpoint.
 */
@NullMarked
package io.github.cognitotoken.endpoint;

import org.jspecify.annotations.NullMarked;
