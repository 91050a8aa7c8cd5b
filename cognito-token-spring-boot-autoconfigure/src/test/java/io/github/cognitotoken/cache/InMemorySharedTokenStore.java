package io.github.cognitotoken.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * A {@link SharedTokenStore} in a map, for tests of the cache's rules without Redis.
 * Ignores times to live; can be switched to fail every operation.
 */
public class InMemorySharedTokenStore implements SharedTokenStore {

	private final Map<String, String> values = new ConcurrentHashMap<>();

	private volatile boolean failing;

	void failing(boolean failing) {
		this.failing = failing;
	}

	public Map<String, String> values() {
		return this.values;
	}

	@Override
	public @Nullable String get(String key) {
		check();
		return this.values.get(key);
	}

	@Override
	public void put(String key, String value, Duration timeToLive) {
		check();
		this.values.put(key, value);
	}

	@Override
	public boolean tryLock(String key, String owner, Duration timeToLive) {
		check();
		return this.values.putIfAbsent(key, owner) == null;
	}

	@Override
	public void unlock(String key, String owner) {
		check();
		this.values.remove(key, owner);
	}

	private void check() {
		if (this.failing) {
			throw new IllegalStateException("store down");
		}
	}

}
