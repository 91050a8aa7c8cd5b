/**
 * Tests of the local token endpoint.
 */
@NullMarked
package io.github.cognitotoken.test.endpoint;

import org.jspecify.annotations.NullMarked;
