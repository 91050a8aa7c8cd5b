/**
 * Actuator integration: the health indicator of the token manager.
 */
@NullMarked
package io.github.cognitotoken.actuate;

import org.jspecify.annotations.NullMarked;
