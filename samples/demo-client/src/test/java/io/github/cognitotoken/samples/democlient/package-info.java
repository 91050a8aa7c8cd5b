/**
 * Tests of the demo client, against the packaged cognito-local stand-in.
 */
@NullMarked
package io.github.cognitotoken.samples.democlient;

import org.jspecify.annotations.NullMarked;
