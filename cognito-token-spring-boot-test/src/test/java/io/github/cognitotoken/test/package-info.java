/**
 * Tests of the test tokens and the token stub.
 */
@NullMarked
package io.github.cognitotoken.test;

import org.jspecify.annotations.NullMarked;
