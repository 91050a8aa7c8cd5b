/**
 * Public API: the token manager, the token and the exception types.
 */
@NullMarked
package io.github.cognitotoken;

import org.jspecify.annotations.NullMarked;
