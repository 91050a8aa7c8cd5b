/**
 * Test helpers that need package access to the signing key.
 */
@NullMarked
package io.github.cognitotoken.samples.cognitolocal.token;

import org.jspecify.annotations.NullMarked;
