package io.github.cognitotoken.cache;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Key-value store that the instances of a service share, such as Redis: holds the
 * encrypted current token and a short lock so that one instance at a time requests a new
 * one. {@link SharedTokenCache} decides what to store; an implementation only moves
 * strings.
 * <p>
 * Any {@link RuntimeException} thrown by an operation means that the store is
 * unavailable: the cache then fetches tokens without it.
 *
 * @author cognito-token contributors
 * @see io.github.cognitotoken.cache.redis.RedisSharedTokenStore
 */
public interface SharedTokenStore {

	/**
	 * Return the value stored under the given key.
	 * @param key the key
	 * @return the value, or {@code null} when there is none or it expired
	 */
	@Nullable String get(String key);

	/**
	 * Store a value that expires after the given time, replacing any previous value.
	 * @param key the key
	 * @param value the value
	 * @param timeToLive how long the value is kept, positive
	 */
	void put(String key, String value, Duration timeToLive);

	/**
	 * Acquire a lock: store the owner under the key only if the key has no value, with
	 * the given expiry, atomically (Redis: {@code SET key owner NX PX ttl}).
	 * @param key the key of the lock
	 * @param owner a value that only the caller knows
	 * @param timeToLive how long the lock is held at most
	 * @return whether the lock was acquired
	 */
	boolean tryLock(String key, String owner, Duration timeToLive);

	/**
	 * Release a lock, atomically and only if the given owner still holds it: a lock that
	 * expired and was taken by another owner is left alone.
	 * @param key the key of the lock
	 * @param owner the value passed to {@link #tryLock(String, String, Duration)}
	 */
	void unlock(String key, String owner);

}
