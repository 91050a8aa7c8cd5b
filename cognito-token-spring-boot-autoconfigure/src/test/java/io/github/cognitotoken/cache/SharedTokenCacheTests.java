package io.github.cognitotoken.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.CognitoTokenManagerTestSupport;
import io.github.cognitotoken.MutableClock;
import io.github.cognitotoken.TokenRenewalPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SharedTokenCache} and {@link SharedCacheTokenFetcher} with a store in
 * memory: the freshness rule that gives a fleet of token managers one token request per
 * token lifetime, forced renewals and store failures. Time moves through a
 * {@link MutableClock}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedTokenCacheTests {

	private static final String SECRET = "shared-secret-never-logged";

	private static final double MAX_RANDOM = 1.0 - Math.ulp(1.0);

	private final MutableClock clock = MutableClock.startingAt("2026-03-01T08:00:00Z");

	private final InMemorySharedTokenStore store = new InMemorySharedTokenStore();

	private final SharedTokenKey key = SharedTokenKey.of("cognito-token:", "https://auth.example.com/oauth2/token",
			"client-1", List.of("orders/read"));

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private final List<CognitoTokenManager> managers = new ArrayList<>();

	private final List<SharedTokenCache> caches = new ArrayList<>();

	@AfterEach
	void stop() {
		this.managers.forEach(CognitoTokenManager::stop);
		this.caches.forEach(SharedTokenCache::close);
	}

	@Test
	void freshnessThresholdIsTheRenewalWindowPlusJitterPlusSkew() {
		SharedTokenCache cache = cache(Duration.ofMinutes(5), Duration.ofSeconds(60));
		// 5m refresh-ahead + 30s largest jitter + 60s clock skew
		assertThat(cache.freshnessThreshold(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(390));
		// 5-minute token: half the lifetime + 30s jitter + a tenth of the lifetime
		assertThat(cache.freshnessThreshold(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(210));
		// refresh-ahead under the clock skew: the manager renews at 90% of the usable
		// lifetime
		SharedTokenCache late = cache(Duration.ZERO, Duration.ofSeconds(60));
		assertThat(late.freshnessThreshold(Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(60 + 54 + 30 + 60));
	}

	@ParameterizedTest(name = "lifetime {0}, refresh-ahead {1}, clock skew {2}")
	@CsvSource({ "PT1H, PT5M, PT60S", "PT5M, PT5M, PT60S", "PT24H, PT5M, PT60S", "PT10M, PT0S, PT60S",
			"PT1H, PT30M, PT2M", "PT5M, PT10S, PT0S" })
	void fleetRequestsOneTokenPerLifetime(Duration lifetime, Duration refreshAhead, Duration clockSkew) {
		List<CognitoTokenManager> fleet = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			// the first instance renews at its earliest time, the others at their latest
			fleet.add(manager(lifetime, refreshAhead, clockSkew, (i == 0) ? () -> MAX_RANDOM : () -> 0));
		}
		fleet.forEach(CognitoTokenManager::start);
		await().until(() -> fleet.stream().allMatch((manager) -> manager.getTokenExpiry().isPresent()));
		assertThat(this.tokenRequests).hasValue(1);
		assertSameToken(fleet);
		for (int lifetimes = 1; lifetimes <= 3; lifetimes++) {
			CognitoAccessToken current = fleet.get(0).getAccessToken();
			TokenRenewalPolicy policy = TokenRenewalPolicy.of(clockSkew, refreshAhead);
			Instant latest = policy.renewalTime(current);
			Instant earliest = latest.minusMillis((long) (MAX_RANDOM * policy.jitterBound(current).toMillis()));
			this.clock.set(earliest.plusMillis(1));
			fleet.get(0).getAccessToken();
			await().until(() -> !fleet.get(0).getAccessToken().getValue().equals(current.getValue()));
			this.clock.set(latest);
			fleet.forEach(CognitoTokenManager::getAccessToken);
			await().until(() -> fleet.stream()
				.noneMatch((manager) -> manager.getAccessToken().getValue().equals(current.getValue())));
			assertSameToken(fleet);
			assertThat(this.tokenRequests).hasValue(1 + lifetimes);
		}
	}

	@Test
	void newInstanceTakesAFreshEntryButNotOneDueForRenewal() {
		SharedTokenCache cache = cache(Duration.ofMinutes(5), Duration.ofSeconds(60));
		CountingTokenFetcher endpoint = new CountingTokenFetcher(this.clock, Duration.ofHours(1), this.tokenRequests);
		assertThat(cache.decorate(endpoint).fetchToken().getValue()).isEqualTo("token-1");
		// 6m30s is the threshold of a 1-hour token
		this.clock.advance(Duration.ofMinutes(53).plusSeconds(30).minusMillis(1));
		assertThat(cache.decorate(endpoint).fetchToken().getValue()).isEqualTo("token-1");
		this.clock.advance(Duration.ofMillis(1));
		assertThat(cache.decorate(endpoint).fetchToken().getValue()).isEqualTo("token-2");
		assertThat(cache.decorate(endpoint).fetchToken().getValue()).isEqualTo("token-2");
		assertThat(this.tokenRequests).hasValue(2);
		assertThat(cache.getStatistics().tokensFromStore()).isEqualTo(2);
		assertThat(cache.getStatistics().tokensFetched()).isEqualTo(2);
	}

	@Test
	void tokenRejectedWithUnauthorizedIsRenewedOnceForTheFleet() {
		CognitoTokenManager first = manager(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofSeconds(60),
				() -> 0.5);
		CognitoTokenManager second = manager(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofSeconds(60),
				() -> 0.5);
		CognitoAccessToken rejected = first.getAccessToken();
		assertThat(second.getAccessToken().getValue()).isEqualTo(rejected.getValue());
		CognitoAccessToken renewed = first.renewRejectedToken(rejected);
		assertThat(renewed).isNotNull();
		assertThat(renewed.getValue()).isNotEqualTo(rejected.getValue());
		CognitoAccessToken renewedBySecond = second.renewRejectedToken(second.getAccessToken());
		assertThat(renewedBySecond).isNotNull();
		assertThat(renewedBySecond.getValue()).isEqualTo(renewed.getValue());
		assertThat(this.tokenRequests).hasValue(2);
	}

	@Test
	void failingStoreFallsBackToLocalRequestsAndIsLoggedOnce(CapturedOutput output) {
		this.store.failing(true);
		SharedTokenCache cache = cache(Duration.ofMinutes(5), Duration.ofSeconds(60));
		SharedCacheTokenFetcher fetcher = new SharedCacheTokenFetcher(
				new CountingTokenFetcher(this.clock, Duration.ofHours(1), this.tokenRequests), cache);
		assertThat(fetcher.fetchToken().getValue()).isEqualTo("token-1");
		assertThat(fetcher.fetchToken().getValue()).isEqualTo("token-2");
		assertThat(cache.isStoreAvailable()).isFalse();
		assertThat(cache.getStatistics().storeFailures()).isEqualTo(2);
		assertThat(output)
			.containsOnlyOnce("The shared Cognito token cache is unavailable (read: IllegalStateException)");
		this.store.failing(false);
		assertThat(fetcher.fetchToken().getValue()).isEqualTo("token-3");
		assertThat(cache.isStoreAvailable()).isTrue();
		assertThat(output).contains("The shared Cognito token cache is available again");
		assertThat(this.store.values()).containsKey(this.key.value());
		assertThat(output).doesNotContain(SECRET).doesNotContain("token-1").doesNotContain("token-3");
	}

	@Test
	void slowStoreCountsAsUnavailable() {
		AtomicBoolean slow = new AtomicBoolean();
		CountDownLatch answer = new CountDownLatch(1);
		SharedTokenStore store = new InMemorySharedTokenStore() {

			@Override
			public String get(String key) {
				if (slow.get()) {
					// no answer until the test ends (or a minute has passed)
					try {
						answer.await(60, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				return super.get(key);
			}

		};
		// a timeout that a busy machine does not reach with the store's quick answers
		SharedTokenCache cache = SharedTokenCache.builder(store, this.key, SECRET)
			.clock(this.clock)
			.timeout(Duration.ofSeconds(5))
			.build();
		this.caches.add(cache);
		CountingTokenFetcher endpoint = new CountingTokenFetcher(this.clock, Duration.ofHours(1), this.tokenRequests);
		assertThat(cache.decorate(endpoint).fetchToken().getValue()).isEqualTo("token-1");
		slow.set(true);
		try {
			long started = System.nanoTime();
			assertThat(cache.decorate(endpoint).fetchToken().getValue()).isEqualTo("token-2");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
			assertThat(cache.getStatistics().storeFailures()).isEqualTo(1);
			assertThat(cache.isStoreAvailable()).isFalse();
		}
		finally {
			answer.countDown();
		}
	}

	@Test
	void olderEntryWrittenBackIsNotTaken() {
		SharedTokenCache cache = cache(Duration.ofMinutes(5), Duration.ofSeconds(60));
		SharedCacheTokenFetcher fetcher = new SharedCacheTokenFetcher(
				new CountingTokenFetcher(this.clock, Duration.ofHours(1), this.tokenRequests), cache);
		assertThat(fetcher.fetchToken().getValue()).isEqualTo("token-1");
		String olderEntry = this.store.values().get(this.key.value());
		// ten minutes later an API rejects token-1: the instance renews it
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(fetcher.fetchToken().getValue()).isEqualTo("token-2");
		// someone who can write the store puts token-1's authentic entry back: still
		// fresh (50 minutes left), but older than the token held
		this.store.values().put(this.key.value(), olderEntry);
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(fetcher.fetchToken().getValue()).isEqualTo("token-3");
		assertThat(this.tokenRequests).hasValue(3);
		assertThat(cache.getStatistics().tokensFromStore()).isZero();
	}

	@Test
	void entryLongerThanTheLimitIsIgnoredWithoutBeingDecrypted(CapturedOutput output) {
		SharedTokenCache cache = cache(Duration.ofMinutes(5), Duration.ofSeconds(60));
		this.store.values().put(this.key.value(), "v1." + "A".repeat(SharedTokenCache.MAX_ENTRY_LENGTH));
		CountingTokenFetcher endpoint = new CountingTokenFetcher(this.clock, Duration.ofHours(1), this.tokenRequests);
		assertThat(cache.decorate(endpoint).fetchToken().getValue()).isEqualTo("token-1");
		// read before taking the lock and once more under it
		assertThat(cache.getStatistics().unreadableEntries()).isEqualTo(2);
		assertThat(output).contains("Ignoring the shared Cognito token entry: it cannot be used (larger than 16 KiB)")
			.doesNotContain("authentication failed");
		// replaced by the new token's entry
		assertThat(this.store.values().get(this.key.value())).hasSizeLessThan(SharedTokenCache.MAX_ENTRY_LENGTH);
		assertThat(cache.decorate(endpoint).fetchToken().getValue()).isEqualTo("token-1");
	}

	@Test
	void tokenWhoseEntryWouldBeTooLargeIsNotShared(CapturedOutput output) {
		SharedTokenCache cache = cache(Duration.ofMinutes(5), Duration.ofSeconds(60));
		String huge = "h".repeat(13_000);
		CognitoAccessToken token = cache.decorate(() -> {
			this.tokenRequests.incrementAndGet();
			Instant now = this.clock.instant();
			return new CognitoAccessToken(huge, now, now.plus(Duration.ofHours(1)));
		}).fetchToken();
		assertThat(token.getValue()).isEqualTo(huge);
		assertThat(this.store.values()).doesNotContainKey(this.key.value());
		assertThat(output).contains("Not sharing the Cognito access token: its entry would be").doesNotContain(huge);
	}

	private static void assertSameToken(List<CognitoTokenManager> fleet) {
		String value = fleet.get(0).getAccessToken().getValue();
		assertThat(fleet).allSatisfy((manager) -> assertThat(manager.getAccessToken().getValue()).isEqualTo(value));
	}

	private CognitoTokenManager manager(Duration lifetime, Duration refreshAhead, Duration clockSkew,
			DoubleSupplier random) {
		SharedTokenCache cache = cache(refreshAhead, clockSkew);
		CognitoTokenManager manager = CognitoTokenManagerTestSupport
			.withJitter(CognitoTokenManager
				.builder(cache.decorate(new CountingTokenFetcher(this.clock, lifetime, this.tokenRequests))), random)
			.clock(this.clock)
			.renewalPolicy(cache.getRenewalPolicy())
			.build();
		this.managers.add(manager);
		return manager;
	}

	private SharedTokenCache cache(Duration refreshAhead, Duration clockSkew) {
		SharedTokenCache cache = SharedTokenCache.builder(this.store, this.key, SECRET)
			.clock(this.clock)
			.renewalPolicy(TokenRenewalPolicy.of(clockSkew, refreshAhead))
			.pollInterval(Duration.ofMillis(10))
			// store failures only where a test makes the store fail
			.timeout(Duration.ofSeconds(10))
			.build();
		this.caches.add(cache);
		return cache;
	}

}
