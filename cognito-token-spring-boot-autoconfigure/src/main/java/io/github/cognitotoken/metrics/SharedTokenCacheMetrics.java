package io.github.cognitotoken.metrics;

import io.github.cognitotoken.cache.SharedTokenCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Meters of the shared token cache: where tokens came from (the shared store or a token
 * request), how often the store failed, how many entries could not be read, and whether
 * the store is available.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public class SharedTokenCacheMetrics implements MeterBinder {

	private final SharedTokenCache cache;

	/**
	 * Create a new binder.
	 * @param cache the cache to measure
	 */
	public SharedTokenCacheMetrics(SharedTokenCache cache) {
		Assert.notNull(cache, "'cache' must not be null");
		this.cache = cache;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter
			.builder("cognito.token.cache.tokens", this.cache, (cache) -> cache.getStatistics().tokensFromStore())
			.tag("source", "store")
			.description("Tokens taken from the shared store instead of a token request")
			.register(registry);
		FunctionCounter
			.builder("cognito.token.cache.tokens", this.cache, (cache) -> cache.getStatistics().tokensFetched())
			.tag("source", "token-endpoint")
			.description("Tokens requested from the token endpoint by this instance")
			.register(registry);
		FunctionCounter
			.builder("cognito.token.cache.store.failures", this.cache, (cache) -> cache.getStatistics().storeFailures())
			.description("Operations on the shared store that failed or took too long")
			.register(registry);
		FunctionCounter
			.builder("cognito.token.cache.unreadable.entries", this.cache,
					(cache) -> cache.getStatistics().unreadableEntries())
			.description("Entries that failed decryption or authentication, or were too large, and were ignored")
			.register(registry);
		Gauge.builder("cognito.token.cache.store.available", this.cache, (cache) -> cache.isStoreAvailable() ? 1 : 0)
			.description("Whether the shared store answered its last operation (1) or not (0)")
			.register(registry);
	}

}
