/**
 * Demo application that calls a Cognito-protected API through the starter's RestClient.
 */
@NullMarked
package io.github.cognitotoken.samples.democlient;

import org.jspecify.annotations.NullMarked;
