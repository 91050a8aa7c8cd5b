package io.github.cognitotoken.cache.redis;

import java.time.Duration;
import java.util.List;

import io.github.cognitotoken.cache.SharedTokenStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * {@link SharedTokenStore} on Redis through Spring Data Redis: entries are strings with a
 * time to live ({@code SET key value PX ttl}) read with {@code GETRANGE} up to the
 * longest accepted length, so an oversized value is never transferred whole. The lock is
 * {@code SET key owner NX PX ttl} in a Lua script that also gives a lock without an
 * expiry (left by hand) the time to live, and is released by a Lua script that deletes
 * the key only if it still holds the owner.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public class RedisSharedTokenStore implements SharedTokenStore {

	private static final RedisScript<Long> RELEASE_LOCK = RedisScript.of(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
			Long.class);

	// 1: acquired; 0: held by another owner; -1: held without an expiry, which it now has
	private static final RedisScript<Long> ACQUIRE_LOCK = RedisScript
		.of("if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end "
				+ "if redis.call('pttl', KEYS[1]) == -1 then redis.call('pexpire', KEYS[1], ARGV[2]) return -1 end "
				+ "return 0", Long.class);

	private static final Log logger = LogFactory.getLog(RedisSharedTokenStore.class);

	private final StringRedisTemplate redis;

	/**
	 * Create a store that uses the given connection factory.
	 * @param connectionFactory the Redis connection factory
	 */
	public RedisSharedTokenStore(RedisConnectionFactory connectionFactory) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		this.redis = new StringRedisTemplate(connectionFactory);
	}

	@Override
	public @Nullable String get(String key) {
		return this.redis.opsForValue().get(key);
	}

	@Override
	public @Nullable String get(String key, int maxLength) {
		// GETRANGE: one round trip, at most maxLength + 1 bytes; "" when there is no key
		return this.redis.opsForValue().get(key, 0, maxLength);
	}

	@Override
	public void put(String key, String value, Duration timeToLive) {
		this.redis.opsForValue().set(key, value, timeToLive);
	}

	@Override
	public boolean tryLock(String key, String owner, Duration timeToLive) {
		Long result = this.redis.execute(ACQUIRE_LOCK, List.of(key), owner,
				String.valueOf(Math.max(1, timeToLive.toMillis())));
		if (result != null && result == -1) {
			logger.warn("The shared Cognito token cache's lock " + key + " had no expiry (set by hand?): it now "
					+ "expires in " + timeToLive + ", after which an instance takes it");
		}
		return result != null && result == 1;
	}

	@Override
	public void unlock(String key, String owner) {
		this.redis.execute(RELEASE_LOCK, List.of(key), owner);
	}

}
