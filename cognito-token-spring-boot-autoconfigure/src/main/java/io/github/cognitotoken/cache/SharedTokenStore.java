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
 * @since 0.1.0
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
	 * Return the value stored under the given key, or only its first
	 * {@code maxLength + 1} characters when it is longer, so that an oversized value
	 * planted in the store is recognised without being transferred (Redis:
	 * {@code GETRANGE key 0 maxLength}). The default calls {@link #get(String)} and cuts
	 * the result; override it when the store can cut the value on its side.
	 * @param key the key
	 * @param maxLength the longest value the caller accepts
	 * @return the value or its first {@code maxLength + 1} characters, or {@code null} or
	 * an empty string when there is none
	 * @since 0.1.0
	 */
	default @Nullable String get(String key, int maxLength) {
		String value = get(key);
		return (value != null && value.length() > maxLength) ? value.substring(0, maxLength + 1) : value;
	}

	/**
	 * Store a value that expires after the given time, replacing any previous value.
	 * @param key the key
	 * @param value the value
	 * @param timeToLive how long the value is kept, positive
	 */
	void put(String key, String value, Duration timeToLive);

	/**
	 * Acquire a lock: store the owner under the key only if the key has no value, with
	 * the given expiry, atomically (Redis: {@code SET key owner NX PX ttl}). When the
	 * lock is held but has no expiry (someone set the key by hand, or removed its
	 * expiry), give it the time to live, so that it delays the instances at most once
	 * instead of at every renewal.
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
