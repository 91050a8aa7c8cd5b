/**
 * Auto-configuration of the token cache shared by the instances of a service.
 */
@NullMarked
package io.github.cognitotoken.autoconfigure.cache;

import org.jspecify.annotations.NullMarked;
