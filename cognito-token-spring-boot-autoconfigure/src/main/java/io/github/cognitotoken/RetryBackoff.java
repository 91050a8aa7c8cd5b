package io.github.cognitotoken;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How long {@link CognitoTokenManager} waits before it tries the token endpoint again
 * after a failure: exponential backoff with full jitter for transient failures (honouring
 * {@code Retry-After}), and a long fixed delay for failures that only a configuration
 * change can fix.
 *
 * @param initialDelay upper bound of the first delay
 * @param maxDelay upper bound of any transient delay
 * @param multiplier growth of the upper bound per consecutive failure
 * @param terminalDelay delay after a failure that retrying cannot fix, such as
 * {@code invalid_client}
 * @author cognito-token contributors
 */
public record RetryBackoff(Duration initialDelay, Duration maxDelay, double multiplier, Duration terminalDelay) {

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

	public RetryBackoff {
		Assert.isTrue(initialDelay != null && !initialDelay.isZero() && !initialDelay.isNegative(),
				"'initialDelay' must be positive");
		Assert.isTrue(maxDelay != null && maxDelay.compareTo(initialDelay) >= 0,
				"'maxDelay' must not be less than 'initialDelay'");
		Assert.isTrue(multiplier >= 1, "'multiplier' must be at least 1");
		Assert.isTrue(terminalDelay != null && !terminalDelay.isZero() && !terminalDelay.isNegative(),
				"'terminalDelay' must be positive");
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
		double bound = this.initialDelay.toMillis() * Math.pow(this.multiplier, Math.min(consecutiveFailures - 1, 62));
		long cap = (long) Math.min(bound, this.maxDelay.toMillis());
		long delay = Math.max(MIN_DELAY_MILLIS, (long) (random * cap));
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

}
