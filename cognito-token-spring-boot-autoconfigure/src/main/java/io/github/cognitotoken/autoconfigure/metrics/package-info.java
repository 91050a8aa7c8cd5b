/**
 * Auto-configuration of the Micrometer meters.
 */
@NullMarked
package io.github.cognitotoken.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
