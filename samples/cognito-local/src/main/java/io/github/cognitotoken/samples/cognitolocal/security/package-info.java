/**
 * Spring Security configuration: public token endpoints and a JWT resource server.
 */
@NullMarked
package io.github.cognitotoken.samples.cognitolocal.security;

import org.jspecify.annotations.NullMarked;
