package io.github.cognitotoken.cache;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters of a {@link SharedTokenCache}, read as one
 * {@link SharedTokenCacheStatistics snapshot}.
 *
 * @author cognito-token contributors
 */
final class SharedTokenCacheCounters {

	private final AtomicLong tokensFromStore = new AtomicLong();

	private final AtomicLong tokensFetched = new AtomicLong();

	private final AtomicLong storeFailures = new AtomicLong();

	private final AtomicLong unreadableEntries = new AtomicLong();

	void tokenFromStore() {
		this.tokensFromStore.incrementAndGet();
	}

	void tokenFetched() {
		this.tokensFetched.incrementAndGet();
	}

	void storeFailure() {
		this.storeFailures.incrementAndGet();
	}

	void unreadableEntry() {
		this.unreadableEntries.incrementAndGet();
	}

	SharedTokenCacheStatistics snapshot() {
		return new SharedTokenCacheStatistics(this.tokensFromStore.get(), this.tokensFetched.get(),
				this.storeFailures.get(), this.unreadableEntries.get());
	}

}
