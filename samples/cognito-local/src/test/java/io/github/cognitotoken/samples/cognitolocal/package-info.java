/**
 * Integration tests of the stand-in, over real HTTP.
 */
@NullMarked
package io.github.cognitotoken.samples.cognitolocal;

import org.jspecify.annotations.NullMarked;
