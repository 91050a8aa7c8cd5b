package io.github.cognitotoken.test.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.cognitotoken.cache.SharedTokenStore;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SharedTokenStore} in a map, whose entries expire on the token managers' clock.
 *
 * @author cognito-token contributors
 */
final class InMemorySharedTokenStore implements SharedTokenStore {

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final Clock clock;

	InMemorySharedTokenStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public @Nullable String get(String key) {
		Entry entry = this.entries.get(key);
		if (entry == null) {
			return null;
		}
		if (entry.isExpired(this.clock.instant())) {
			this.entries.remove(key, entry);
			return null;
		}
		return entry.value();
	}

	@Override
	public void put(String key, String value, Duration timeToLive) {
		this.entries.put(key, new Entry(value, this.clock.instant().plus(timeToLive)));
	}

	@Override
	public boolean tryLock(String key, String owner, Duration timeToLive) {
		Instant now = this.clock.instant();
		boolean[] acquired = new boolean[1];
		this.entries.compute(key, (name, current) -> {
			if (current != null && !current.isExpired(now)) {
				return current;
			}
			acquired[0] = true;
			return new Entry(owner, now.plus(timeToLive));
		});
		return acquired[0];
	}

	@Override
	public void unlock(String key, String owner) {
		this.entries.computeIfPresent(key, (name, current) -> owner.equals(current.value()) ? null : current);
	}

	private record Entry(String value, Instant expiresAt) {

		boolean isExpired(Instant now) {
			return !now.isBefore(this.expiresAt);
		}

	}

}
