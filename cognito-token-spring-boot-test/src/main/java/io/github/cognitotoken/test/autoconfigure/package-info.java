/**
 * Test auto-configuration: {@code @AutoConfigureCognitoTokenStub} and
 * {@code @AutoConfigureCognitoToken}.
 */
@NullMarked
package io.github.cognitotoken.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
