/**
 * Auto-configuration of the Actuator health indicator.
 */
@NullMarked
package io.github.cognitotoken.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
