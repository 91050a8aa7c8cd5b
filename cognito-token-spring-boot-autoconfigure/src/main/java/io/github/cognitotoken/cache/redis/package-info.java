/**
 * Shared token store on Redis, through Spring Data Redis.
 */
@NullMarked
package io.github.cognitotoken.cache.redis;

import org.jspecify.annotations.NullMarked;
