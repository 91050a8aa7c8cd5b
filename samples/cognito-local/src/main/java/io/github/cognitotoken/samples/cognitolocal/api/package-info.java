/**
 * Demo API protected by access tokens from this stand-in.
 */
@NullMarked
package io.github.cognitotoken.samples.cognitolocal.api;

import org.jspecify.annotations.NullMarked;
