/**
 * Auto-configuration of the Spring Cloud OpenFeign integration.
 */
@NullMarked
package io.github.cognitotoken.autoconfigure.openfeign;

import org.jspecify.annotations.NullMarked;
