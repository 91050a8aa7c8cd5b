package io.github.cognitotoken.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.CognitoTokenManagerTestSupport;
import io.github.cognitotoken.MutableClock;
import io.github.cognitotoken.TokenRenewalPolicy;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Properties of {@link TokenRenewalPolicy} as the token manager and the shared cache use
 * it, over random lifetimes (5 s to 1 day; Cognito's are 5 minutes to 1 day), clock
 * skews, refresh-ahead times and jitter draws: the guarantees behind "one token request
 * per token lifetime for the whole fleet".
 */
class RenewalPolicyPropertyTests {

	private static final long DAY = 24 * 60 * 60 * 1000L;

	private static final String SECRET = "property-secret";

	private final SharedTokenKey key = SharedTokenKey.of("cognito-token:", "https://auth.example.com/oauth2/token",
			"client-1", List.of());

	@Property(tries = 1000)
	void tokenTakenFromTheSharedStoreIsNeverDueForRenewal(@ForAll @LongRange(min = 5_000, max = DAY) long lifetime,
			@ForAll @LongRange(min = 0, max = DAY) long clockSkew,
			@ForAll @LongRange(min = 0, max = DAY) long refreshAhead,
			@ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double jitter,
			@ForAll @DoubleRange(min = 0, max = 1) double age) {
		MutableClock clock = MutableClock.startingAt("2026-04-01T00:00:00Z");
		TokenRenewalPolicy policy = TokenRenewalPolicy.of(Duration.ofMillis(clockSkew),
				Duration.ofMillis(refreshAhead));
		Instant now = clock.instant();
		Instant issued = now.minusMillis((long) (age * lifetime));
		CognitoAccessToken stored = new CognitoAccessToken("stored", issued, issued.plusMillis(lifetime));
		Assume.that(policy.isFresh(stored, now));
		// due for renewal on no instance, whatever jitter it draws
		assertThat(policy.renewalTime(stored).minus(policy.jitterBound(stored))).isAfter(now);
		AtomicInteger requests = new AtomicInteger();
		try (SharedTokenCache cache = cache(new InMemorySharedTokenStore(), clock, policy)) {
			cache.write(stored);
			CognitoTokenManager manager = CognitoTokenManagerTestSupport
				.withJitter(
						CognitoTokenManager.builder(
								cache.decorate(new CountingTokenFetcher(clock, Duration.ofMillis(lifetime), requests))),
						() -> jitter)
				.clock(clock)
				.renewalPolicy(cache.getRenewalPolicy())
				.build();
			assertThat(manager.getToken()).isEqualTo("stored");
			assertThat(requests).hasValue(0);
			assertThat(manager.getStatus().tokenUsable()).isTrue();
			assertThat(manager.getStatus().nextAttemptAt()).isAfter(now);
		}
	}

	@Property(tries = 100)
	void fleetNeverRequestsTwicePerLifetime(@ForAll @LongRange(min = 5_000, max = DAY) long lifetime,
			@ForAll @LongRange(min = 0, max = DAY) long clockSkew,
			@ForAll @LongRange(min = 0, max = DAY) long refreshAhead,
			@ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double firstJitter,
			@ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double secondJitter) {
		MutableClock clock = MutableClock.startingAt("2026-04-01T00:00:00Z");
		TokenRenewalPolicy policy = TokenRenewalPolicy.of(Duration.ofMillis(clockSkew),
				Duration.ofMillis(refreshAhead));
		// when each token request was sent, on the ticker, and the token it returned
		List<Long> requestedAt = new CopyOnWriteArrayList<>();
		List<CognitoAccessToken> issued = new CopyOnWriteArrayList<>();
		CognitoTokenFetcher endpoint = () -> {
			requestedAt.add(clock.read());
			Instant now = clock.instant();
			CognitoAccessToken token = new CognitoAccessToken("token-" + issued.size(), now, now.plusMillis(lifetime));
			issued.add(token);
			return token;
		};
		SharedTokenStore store = new InMemorySharedTokenStore();
		List<SharedTokenCache> caches = new ArrayList<>();
		List<CognitoTokenManager> fleet = new ArrayList<>();
		try {
			for (double jitter : new double[] { firstJitter, secondJitter }) {
				SharedTokenCache cache = cache(store, clock, policy);
				caches.add(cache);
				fleet.add(CognitoTokenManagerTestSupport
					.withJitter(CognitoTokenManager.builder(cache.decorate(endpoint)), () -> jitter)
					.clock(clock)
					.renewalPolicy(policy)
					.build());
			}
			fleet.forEach(CognitoTokenManager::start);
			long step = lifetime / 16;
			for (int i = 0; i < 3 * 16; i++) {
				clock.advance(Duration.ofMillis(step));
				for (CognitoTokenManager manager : fleet) {
					CognitoAccessToken token = manager.getAccessToken();
					// never expired on the wire
					assertThat(token.getExpiresAt()).isAfter(clock.instant());
					await().pollDelay(Duration.ZERO)
						.pollInterval(Duration.ofMillis(1))
						.atMost(Duration.ofSeconds(30))
						.until(() -> !manager.getStatus().requestInProgress());
				}
			}
		}
		finally {
			fleet.forEach(CognitoTokenManager::stop);
			caches.forEach(SharedTokenCache::close);
		}
		// each token is renewed once for the fleet, never before its renewal window
		for (int i = 1; i < requestedAt.size(); i++) {
			CognitoAccessToken previous = issued.get(i - 1);
			Duration renewalWindow = Duration.between(previous.getIssuedAt(), policy.renewalTime(previous))
				.minus(policy.jitterBound(previous));
			assertThat(Duration.ofNanos(requestedAt.get(i) - requestedAt.get(i - 1)))
				.as("time between token requests %d and %d", i, i + 1)
				.isGreaterThanOrEqualTo(renewalWindow);
		}
		assertThat(requestedAt).hasSizeLessThanOrEqualTo(1 + (int) (3 * lifetime / minimumRenewal(policy, lifetime)));
	}

	private static long minimumRenewal(TokenRenewalPolicy policy, long lifetime) {
		Instant now = Instant.EPOCH;
		CognitoAccessToken token = new CognitoAccessToken("any", now, now.plusMillis(lifetime));
		return Duration.between(now, policy.renewalTime(token)).minus(policy.jitterBound(token)).toMillis();
	}

	private SharedTokenCache cache(SharedTokenStore store, MutableClock clock, TokenRenewalPolicy policy) {
		return SharedTokenCache.builder(store, this.key, SECRET)
			.clock(clock)
			.renewalPolicy(policy)
			.pollInterval(Duration.ofMillis(10))
			.build();
	}

}
