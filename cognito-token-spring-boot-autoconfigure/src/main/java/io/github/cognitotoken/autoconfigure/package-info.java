/**
 * Auto-configuration and configuration properties.
 */
@NullMarked
package io.github.cognitotoken.autoconfigure;

import org.jspecify.annotations.NullMarked;
