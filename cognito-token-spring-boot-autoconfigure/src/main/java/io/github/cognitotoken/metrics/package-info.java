/**
 * Micrometer integration: meters of the token manager.
 */
@NullMarked
package io.github.cognitotoken.metrics;

import org.jspecify.annotations.NullMarked;
