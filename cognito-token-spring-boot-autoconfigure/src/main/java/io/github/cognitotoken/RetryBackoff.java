package io.github.cognitotoken;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How long {@link CognitoTokenManager} waits before it tries the token endpoint again
 * after a failure: exponential backoff with jitter for transient failures (honouring
 * {@code Retry-After}), and a long fixed delay for failures that only a configuration
 * change can fix.
 * <p>
 * Every token request is billed and counts against the account's request-rate quota, so
 * no setting can make the retries a storm:
 * <ul>
 * <li>Each transient delay is drawn at random below its bound but is at least half of it.
 * The bound grows from {@code initialDelay} by {@code multiplier} per consecutive failure
 * and is {@code maxDelay} from the {@value #ATTEMPTS_BEFORE_MAX_DELAY}th consecutive
 * failure on, whatever the multiplier (a multiplier of 1 would otherwise keep it at
 * {@code initialDelay} for ever).</li>
 * <li>{@code initialDelay} is at least {@link #MIN_INITIAL_DELAY} (500 ms) and
 * {@code maxDelay} at least {@link #MIN_MAX_DELAY} (20 s). A streak of transient failures
 * therefore costs at most {@value #ATTEMPTS_BEFORE_MAX_DELAY} quick attempts, at least
 * 250 ms apart, then at most one attempt every 10 s: 6 a minute at the smallest settings,
 * 4 a minute with the defaults.</li>
 * <li>{@code terminalDelay} is at least {@link #MIN_TERMINAL_DELAY} (1 minute): a
 * configuration error such as {@code invalid_client} costs at most one request a
 * minute.</li>
 * <li>{@code initialDelay} and {@code maxDelay} are at most {@link #MAX_TRANSIENT_DELAY}
 * (1 hour) and {@code terminalDelay} at most {@link #MAX_TERMINAL_DELAY} (1 day), so that
 * no computation overflows and a fixed configuration is noticed within a day.</li>
 * </ul>
 * Values outside these limits are clamped to them, with a warning; the Spring Boot
 * auto-configuration rejects them at startup instead.
 *
 * @param initialDelay upper bound of the first delay
 * @param maxDelay upper bound of any transient delay
 * @param multiplier growth of the upper bound per consecutive failure
 * @param terminalDelay delay after a failure that retrying cannot fix, such as
 * {@code invalid_client}
 * @author cognito-token contributors
 * @since 0.1.0
 */
public record RetryBackoff(Duration initialDelay, Duration maxDelay, double multiplier, Duration terminalDelay) {

	/**
	 * Smallest upper bound of the first delay.
	 */
	public static final Duration MIN_INITIAL_DELAY = Duration.ofMillis(500);

	/**
	 * Smallest upper bound of transient delays: with delays of at least half the bound, a
	 * long streak of transient failures costs at most 6 token requests a minute.
	 */
	public static final Duration MIN_MAX_DELAY = Duration.ofSeconds(20);

	/**
	 * Longest upper bound of transient delays.
	 */
	public static final Duration MAX_TRANSIENT_DELAY = Duration.ofHours(1);

	/**
	 * Shortest delay after a failure that retrying cannot fix: at most one request a
	 * minute for an app client that Cognito rejects.
	 */
	public static final Duration MIN_TERMINAL_DELAY = Duration.ofMinutes(1);

	/**
	 * Longest delay after a failure that retrying cannot fix.
	 */
	public static final Duration MAX_TERMINAL_DELAY = Duration.ofDays(1);

	/**
	 * How many consecutive transient failures may have a delay bound below
	 * {@code maxDelay}.
	 */
	public static final int ATTEMPTS_BEFORE_MAX_DELAY = 5;

	/**
	 * Defaults: 1 s initial, 30 s maximum, multiplier 2, 5 minutes after a terminal
	 * error.
	 */
	public static final RetryBackoff DEFAULTS = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2,
			Duration.ofMinutes(5));

	/**
	 * Smallest delay between two attempts, whatever the jitter draws.
	 */
	static final long MIN_DELAY_MILLIS = 100;

	/**
	 * Longest {@code Retry-After} that is honoured.
	 */
	static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

	private static final Log logger = LogFactory.getLog(RetryBackoff.class);

	public RetryBackoff {
		Assert.isTrue(initialDelay != null && !initialDelay.isZero() && !initialDelay.isNegative(),
				"'initialDelay' must be positive");
		Assert.isTrue(maxDelay != null && maxDelay.compareTo(initialDelay) >= 0,
				"'maxDelay' must not be less than 'initialDelay'");
		Assert.isTrue(multiplier >= 1, "'multiplier' must be at least 1");
		Assert.isTrue(terminalDelay != null && !terminalDelay.isZero() && !terminalDelay.isNegative(),
				"'terminalDelay' must be positive");
		initialDelay = clamp("initial delay", initialDelay, MIN_INITIAL_DELAY, MAX_TRANSIENT_DELAY);
		maxDelay = clamp("maximum delay", maxDelay, MIN_MAX_DELAY, MAX_TRANSIENT_DELAY);
		terminalDelay = clamp("terminal delay", terminalDelay, MIN_TERMINAL_DELAY, MAX_TERMINAL_DELAY);
	}

	/**
	 * Return the delay before the next attempt.
	 * @param failure the failure of the last attempt
	 * @param consecutiveFailures how many attempts in a row failed, at least 1
	 * @param random a uniformly distributed number in {@code [0, 1)}
	 * @return the delay in milliseconds
	 */
	long delayMillis(CognitoTokenException failure, int consecutiveFailures, double random) {
		if (!failure.isRetryable()) {
			long terminal = this.terminalDelay.toMillis();
			// up to 10% of jitter so a fleet does not retry in the same second
			return terminal + (long) (random * terminal / 10);
		}
		double bound = (consecutiveFailures > ATTEMPTS_BEFORE_MAX_DELAY) ? this.maxDelay.toMillis()
				: this.initialDelay.toMillis() * Math.pow(this.multiplier, Math.max(consecutiveFailures - 1, 0));
		long cap = (long) Math.min(bound, (double) this.maxDelay.toMillis());
		// at least half the bound: the worst draw still keeps a streak to a few requests
		long delay = Math.max(Math.max(MIN_DELAY_MILLIS, cap / 2), (long) (random * cap));
		Duration retryAfter = failure.getRetryAfter();
		if (retryAfter != null) {
			delay = Math.max(delay, min(retryAfter, MAX_RETRY_AFTER).toMillis());
		}
		return delay;
	}

	/**
	 * Return the longest delay this backoff can produce.
	 * @return the longest delay in milliseconds
	 */
	long longestDelayMillis() {
		long terminal = this.terminalDelay.toMillis();
		return Math.max(terminal + terminal / 10, Math.max(this.maxDelay.toMillis(), MAX_RETRY_AFTER.toMillis()));
	}

	private static Duration min(@Nullable Duration a, Duration b) {
		return (a == null || a.compareTo(b) > 0) ? b : a;
	}

	private static Duration clamp(String name, Duration value, Duration min, Duration max) {
		Duration clamped = (value.compareTo(min) < 0) ? min : (value.compareTo(max) > 0) ? max : value;
		if (!clamped.equals(value)) {
			logger.warn("The Cognito token retry " + name + " " + value + " is outside " + min + " to " + max
					+ " (fewer token requests, each billed, and no overflow): using " + clamped);
		}
		return clamped;
	}

}
