/**
 * A local Cognito-shaped token endpoint for JUnit 5 tests, with scripted faults.
 */
@NullMarked
package io.github.cognitotoken.test.endpoint;

import org.jspecify.annotations.NullMarked;
