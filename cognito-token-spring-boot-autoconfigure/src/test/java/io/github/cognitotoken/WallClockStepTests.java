package io.github.cognitotoken;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that {@link CognitoTokenManager} judges tokens on its monotonic {@link Ticker}:
 * setting the wall clock back or forward (an NTP step, a virtual machine resumed from
 * suspend) neither costs a token request nor hands out an expired token.
 */
class WallClockStepTests {

	private static final Duration LIFETIME = Duration.ofHours(1);

	private final MutableClock clock = MutableClock.startingAt("2026-06-01T12:00:00Z");

	private final AtomicInteger requests = new AtomicInteger();

	// when each token really expires, on the ticker
	private final Map<String, Long> realExpiry = new ConcurrentHashMap<>();

	private CognitoTokenManager manager;

	@AfterEach
	void stop() {
		if (this.manager != null) {
			this.manager.stop();
		}
	}

	@ParameterizedTest(name = "wall clock set by {0} minutes")
	@ValueSource(ints = { -60, 60 })
	void wallClockSetAnHourBackOrForwardCostsNoTokenRequestAndNeverExposesAnExpiredToken(int stepMinutes) {
		this.manager = CognitoTokenManager.builder(this::fetch)
			.clock(this.clock)
			.random(() -> 0)
			.failFast(true)
			.build();
		this.manager.start();
		assertThat(this.requests).hasValue(1);
		for (int minute = 1; minute <= 120; minute++) {
			this.clock.advance(Duration.ofMinutes(1));
			if (minute == 30) {
				this.clock.stepWallClock(Duration.ofMinutes(stepMinutes));
			}
			assertUnexpiredOnTheTicker(this.manager.getAccessToken());
			await().atMost(Duration.ofSeconds(30)).until(() -> !this.manager.getStatus().requestInProgress());
			// renewed at 55 minutes (refresh-ahead 5 minutes, no jitter), as if the clock
			// had not moved
			assertThat(this.requests).as("token requests after %d minutes", minute).hasValue(1 + minute / 55);
		}
		assertThat(this.requests).hasValue(3);
	}

	@ParameterizedTest(name = "wall clock set by {0} minutes")
	@ValueSource(ints = { -60, 60 })
	void tokenIssuedEarlierByAnotherInstanceIsUsedForWhatWasLeftOfItOnArrival(int stepMinutes) {
		// as from a shared cache: issued 40 minutes ago, 20 minutes left on arrival
		Instant issued = this.clock.instant().minus(Duration.ofMinutes(40));
		this.manager = CognitoTokenManager.builder(() -> {
			this.requests.incrementAndGet();
			return new CognitoAccessToken("shared", issued, issued.plus(LIFETIME));
		}).clock(this.clock).random(() -> 0).build();
		assertThat(this.manager.getToken()).isEqualTo("shared");
		this.clock.stepWallClock(Duration.ofMinutes(stepMinutes));
		this.clock.advance(Duration.ofMinutes(19).minusMillis(1));
		assertThat(this.manager.getStatus().tokenUsable()).isTrue();
		assertThat(this.manager.getToken()).isEqualTo("shared");
		this.clock.advance(Duration.ofMillis(1));
		// usable until 60 s before its expiry, counted on the ticker
		assertThat(this.manager.getStatus().tokenUsable()).isFalse();
		assertThat(this.requests).hasValue(1);
	}

	private void assertUnexpiredOnTheTicker(CognitoAccessToken token) {
		long remaining = this.realExpiry.get(token.getValue()) - this.clock.read();
		// at least the clock skew (60 s) left, as without a step
		assertThat(Duration.ofNanos(remaining)).isGreaterThanOrEqualTo(CognitoTokenManager.DEFAULT_CLOCK_SKEW);
	}

	// dates each token on the wall clock, as the token endpoint client does
	private CognitoAccessToken fetch() {
		String value = "token-" + this.requests.incrementAndGet();
		this.realExpiry.put(value, this.clock.read() + LIFETIME.toNanos());
		Instant now = this.clock.instant();
		return new CognitoAccessToken(value, now, now.plus(LIFETIME));
	}

}
