package io.github.cognitotoken.cache.redis;

import java.time.Duration;
import java.util.List;

import io.github.cognitotoken.cache.SharedTokenStore;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * {@link SharedTokenStore} on Redis through Spring Data Redis: entries are strings with a
 * time to live ({@code SET key value PX ttl}), the lock is
 * {@code SET key owner NX PX ttl} and is released by a Lua script that deletes the key
 * only if it still holds the owner.
 *
 * @author cognito-token contributors
 */
public class RedisSharedTokenStore implements SharedTokenStore {

	private static final RedisScript<Long> RELEASE_LOCK = RedisScript.of(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
			Long.class);

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
	public void put(String key, String value, Duration timeToLive) {
		this.redis.opsForValue().set(key, value, timeToLive);
	}

	@Override
	public boolean tryLock(String key, String owner, Duration timeToLive) {
		return Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(key, owner, timeToLive));
	}

	@Override
	public void unlock(String key, String owner) {
		this.redis.execute(RELEASE_LOCK, List.of(key), owner);
	}

}
