/**
 * Local stand-in for the Amazon Cognito token endpoint, with a protected demo API.
 */
@NullMarked
package io.github.cognitotoken.samples.cognitolocal;

import org.jspecify.annotations.NullMarked;
