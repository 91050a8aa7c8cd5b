/**
 * Auto-configuration of the reactive WebClient integration.
 */
@NullMarked
package io.github.cognitotoken.autoconfigure.web.reactive;

import org.jspecify.annotations.NullMarked;
