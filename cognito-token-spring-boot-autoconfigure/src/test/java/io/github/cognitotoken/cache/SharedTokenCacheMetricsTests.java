package io.github.cognitotoken.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.MutableClock;
import io.github.cognitotoken.metrics.SharedTokenCacheMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SharedTokenCacheMetrics}.
 */
class SharedTokenCacheMetricsTests {

	private final MutableClock clock = MutableClock.startingAt("2026-10-01T00:00:00Z");

	@Test
	void metersShowWhereTokensCameFromAndStoreFailures() {
		InMemorySharedTokenStore store = new InMemorySharedTokenStore();
		SharedTokenKey key = SharedTokenKey.of("test:", "https://example.com/oauth2/token", "metrics-client",
				List.of("orders/read"));
		SharedTokenCache cache = SharedTokenCache.builder(store, key, "metrics-secret")
			.clock(this.clock)
			// exact counts below: a store call must not time out on a busy machine
			.timeout(Duration.ofSeconds(10))
			.build();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new SharedTokenCacheMetrics(cache).bindTo(registry);
		AtomicInteger requests = new AtomicInteger();
		CognitoTokenFetcher first = cache.decorate(new CountingTokenFetcher(this.clock, Duration.ofHours(1), requests));
		CognitoTokenFetcher second = cache
			.decorate(new CountingTokenFetcher(this.clock, Duration.ofHours(1), requests));
		first.fetchToken();
		second.fetchToken();
		assertThat(requests).hasValue(1);
		assertThat(registry.get("cognito.token.cache.tokens").tag("source", "token-endpoint").functionCounter().count())
			.isEqualTo(1);
		assertThat(registry.get("cognito.token.cache.tokens").tag("source", "store").functionCounter().count())
			.isEqualTo(1);
		assertThat(registry.get("cognito.token.cache.store.available").gauge().value()).isEqualTo(1);
		store.failing(true);
		second.fetchToken();
		assertThat(registry.get("cognito.token.cache.store.failures").functionCounter().count()).isPositive();
		assertThat(registry.get("cognito.token.cache.store.available").gauge().value()).isZero();
		assertThat(registry.get("cognito.token.cache.unreadable.entries").functionCounter().count()).isZero();
	}

}
