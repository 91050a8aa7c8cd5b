/**
 * Token cache shared by the instances of a service, so that a fleet requests one token
 * per token lifetime instead of one per instance.
 */
@NullMarked
package io.github.cognitotoken.cache;

import org.jspecify.annotations.NullMarked;
