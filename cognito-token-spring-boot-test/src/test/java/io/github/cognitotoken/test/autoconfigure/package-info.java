/**
 * Tests of the test auto-configuration.
 */
@NullMarked
package io.github.cognitotoken.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
