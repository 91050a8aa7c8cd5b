package io.github.cognitotoken.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.CognitoTokenManagerTestSupport;
import io.github.cognitotoken.MutableClock;
import io.github.cognitotoken.TokenRenewalPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Properties of {@link TokenRenewalPolicy} as the token manager and the shared cache use
 * it, over random lifetimes (5 s to 1 day; Cognito's are 5 minutes to 1 day), clock
 * skews, refresh-ahead times and jitter draws: the guarantees behind "one token request
 * per token lifetime for the whole fleet".
 * <p>
 * The samples are drawn from a fixed seed (so a failure names a sample that reproduces)
 * and include the edges of each range. A sample is printed in the test name, never a
 * secret.
 */
class RenewalPolicyPropertyTests {

	private static final long DAY = 24 * 60 * 60 * 1000L;

	private static final String SECRET = "property-secret";

	private final SharedTokenKey key = SharedTokenKey.of("cognito-token:", "https://auth.example.com/oauth2/token",
			"client-1", List.of());

	/**
	 * Fresh store entries: random lifetimes, skews, refresh-ahead times, jitters and
	 * ages, keeping those the policy calls fresh (the property is about them).
	 * @return 1000 samples: lifetime, clock skew, refresh ahead (ms), jitter, age
	 */
	static Stream<Arguments> freshEntries() {
		SplittableRandom random = new SplittableRandom(20261130L);
		List<Arguments> samples = new ArrayList<>();
		Instant now = Instant.parse("2026-04-01T00:00:00Z");
		long[][] edges = { { 5_000, 0, 0 }, { DAY, 0, 0 }, { 5_000, DAY, DAY }, { DAY, DAY, DAY },
				{ 300_000, 60_000, 300_000 } };
		for (long[] edge : edges) {
			samples.add(Arguments.of(edge[0], edge[1], edge[2], 0.0, 0.0));
			samples.add(Arguments.of(edge[0], edge[1], edge[2], 0.999999, 0.0));
		}
		while (samples.size() < 1000) {
			long lifetime = random.nextLong(5_000, DAY + 1);
			long clockSkew = random.nextLong(0, DAY + 1);
			long refreshAhead = random.nextLong(0, DAY + 1);
			double jitter = random.nextDouble();
			double age = random.nextDouble();
			TokenRenewalPolicy policy = TokenRenewalPolicy.of(Duration.ofMillis(clockSkew),
					Duration.ofMillis(refreshAhead));
			Instant issued = now.minusMillis((long) (age * lifetime));
			if (policy.isFresh(new CognitoAccessToken("stored", issued, issued.plusMillis(lifetime)), now)) {
				samples.add(Arguments.of(lifetime, clockSkew, refreshAhead, jitter, age));
			}
		}
		return samples.stream();
	}

	@ParameterizedTest(name = "lifetime={0}ms skew={1}ms refreshAhead={2}ms jitter={3} age={4}")
	@MethodSource("freshEntries")
	void tokenTakenFromTheSharedStoreIsNeverDueForRenewal(long lifetime, long clockSkew, long refreshAhead,
			double jitter, double age) {
		MutableClock clock = MutableClock.startingAt("2026-04-01T00:00:00Z");
		TokenRenewalPolicy policy = TokenRenewalPolicy.of(Duration.ofMillis(clockSkew),
				Duration.ofMillis(refreshAhead));
		Instant now = clock.instant();
		Instant issued = now.minusMillis((long) (age * lifetime));
		CognitoAccessToken stored = new CognitoAccessToken("stored", issued, issued.plusMillis(lifetime));
		assertThat(policy.isFresh(stored, now)).isTrue();
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

	/**
	 * Fleet settings: random lifetimes, skews, refresh-ahead times and the jitter each of
	 * two instances draws.
	 * @return 100 samples: lifetime, clock skew, refresh ahead (ms), two jitters
	 */
	static Stream<Arguments> fleets() {
		SplittableRandom random = new SplittableRandom(20261201L);
		List<Arguments> samples = new ArrayList<>();
		samples.add(Arguments.of(5_000L, 0L, 0L, 0.0, 0.999999));
		samples.add(Arguments.of(DAY, DAY, DAY, 0.999999, 0.0));
		samples.add(Arguments.of(3_600_000L, 60_000L, 300_000L, 0.5, 0.5));
		while (samples.size() < 100) {
			samples.add(Arguments.of(random.nextLong(5_000, DAY + 1), random.nextLong(0, DAY + 1),
					random.nextLong(0, DAY + 1), random.nextDouble(), random.nextDouble()));
		}
		return samples.stream();
	}

	@ParameterizedTest(name = "lifetime={0}ms skew={1}ms refreshAhead={2}ms jitters={3},{4}")
	@MethodSource("fleets")
	void fleetNeverRequestsTwicePerLifetime(long lifetime, long clockSkew, long refreshAhead, double firstJitter,
			double secondJitter) {
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
