package io.github.cognitotoken;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryBackoff}: the limits that keep retries from becoming a storm of
 * token requests.
 */
@ExtendWith(OutputCaptureExtension.class)
class RetryBackoffTests {

	private static final CognitoTokenException TRANSIENT = CognitoTokenException.httpError("503", 503, true, null);

	private static final CognitoTokenException TERMINAL = CognitoTokenException.oauth2Error("invalid_client",
			"invalid_client", 400);

	@Test
	void delaysBelowTheMinimumsAreRaisedWithAWarning(CapturedOutput output) {
		RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(1), 1, Duration.ofMillis(1));
		assertThat(backoff.initialDelay()).isEqualTo(Duration.ofMillis(500));
		assertThat(backoff.maxDelay()).isEqualTo(Duration.ofSeconds(20));
		assertThat(backoff.terminalDelay()).isEqualTo(Duration.ofMinutes(1));
		assertThat(output).contains("retry initial delay PT0.001S is outside PT0.5S to PT1H")
			.contains("retry maximum delay PT0.001S is outside PT20S to PT1H")
			.contains("retry terminal delay PT0.001S is outside PT1M to PT24H");
	}

	@Test
	void delaysThatWouldOverflowAreLowered() {
		Duration huge = Duration.ofSeconds(Long.MAX_VALUE);
		RetryBackoff backoff = new RetryBackoff(huge, huge, 2, huge);
		assertThat(backoff.initialDelay()).isEqualTo(Duration.ofHours(1));
		assertThat(backoff.maxDelay()).isEqualTo(Duration.ofHours(1));
		assertThat(backoff.terminalDelay()).isEqualTo(Duration.ofDays(1));
		assertThat(backoff.delayMillis(TRANSIENT, 1, 0.99)).isEqualTo(3_564_000);
		assertThat(backoff.delayMillis(TERMINAL, 1, 0.99)).isEqualTo(86_400_000 + 8_553_600);
	}

	@Test
	void transientDelayIsAtLeastHalfItsBound() {
		long[] expected = { 500, 1000, 2000, 4000, 8000, 15000, 15000 };
		for (int failures = 1; failures <= expected.length; failures++) {
			assertThat(RetryBackoff.DEFAULTS.delayMillis(TRANSIENT, failures, 0)).isEqualTo(expected[failures - 1]);
		}
		assertThat(RetryBackoff.DEFAULTS.delayMillis(TRANSIENT, 3, 0.75)).isEqualTo(3000);
	}

	@Test
	void boundIsTheMaximumFromTheSixthConsecutiveFailureWhateverTheMultiplier() {
		RetryBackoff constant = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 1,
				Duration.ofMinutes(5));
		for (int failures = 1; failures <= RetryBackoff.ATTEMPTS_BEFORE_MAX_DELAY; failures++) {
			assertThat(constant.delayMillis(TRANSIENT, failures, 0)).isEqualTo(500);
		}
		assertThat(constant.delayMillis(TRANSIENT, 6, 0)).isEqualTo(15_000);
		assertThat(constant.delayMillis(TRANSIENT, 1000, 0)).isEqualTo(15_000);
	}

	@Test
	void terminalDelayOfTheSmallestSettingIsAMinuteAtLeast() {
		RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2, Duration.ofMillis(1));
		assertThat(backoff.delayMillis(TERMINAL, 1, 0)).isEqualTo(60_000);
		assertThat(backoff.delayMillis(TERMINAL, 50, 0)).isEqualTo(60_000);
	}

}
