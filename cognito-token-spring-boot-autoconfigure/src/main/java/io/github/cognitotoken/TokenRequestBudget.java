package io.github.cognitotoken;

import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The token requests of a {@link CognitoTokenManager} over the last period: the optional
 * ceiling that no request may exceed ({@code maxRequests} in any window of
 * {@code period}, judged exactly on the {@link Ticker}), and the count that the health
 * details and the rate warning read (in {@value #BUCKETS} buckets of a period each, so
 * that it costs the same whatever the number of requests). Times are ticker readings.
 * <p>
 * Not thread-safe: used under the monitor of {@link TokenAttempts}.
 *
 * @author cognito-token contributors
 */
final class TokenRequestBudget {

	/**
	 * Default period: one hour.
	 */
	static final Duration DEFAULT_PERIOD = Duration.ofHours(1);

	/**
	 * How many times the rate that the token lifetime explains the requests of a period
	 * may reach before a warning.
	 */
	static final int RATE_WARNING_FACTOR = 3;

	private static final int BUCKETS = 60;

	private final int maxRequests;

	private final long period;

	private final long bucketLength;

	private final long origin;

	// the times of the last maxRequests requests, oldest at 'oldest', when there is a
	// ceiling
	private final long[] recent;

	private int oldest;

	private int size;

	private final long[] bucketIds = new long[BUCKETS];

	private final int[] requests = new int[BUCKETS];

	private final int[] failures = new int[BUCKETS];

	private boolean warned;

	private long lastWarningAt;

	/**
	 * Create a budget.
	 * @param maxRequests the most requests in any window of the period, or {@code 0} for
	 * no ceiling
	 * @param period the period
	 * @param now the current reading
	 */
	TokenRequestBudget(int maxRequests, Duration period, long now) {
		this.maxRequests = maxRequests;
		this.period = period.toNanos();
		this.bucketLength = Math.max(1, this.period / BUCKETS);
		this.origin = now;
		this.recent = new long[maxRequests];
		Arrays.fill(this.bucketIds, Long.MIN_VALUE);
	}

	boolean hasCeiling() {
		return this.maxRequests > 0;
	}

	int maxRequests() {
		return this.maxRequests;
	}

	Duration period() {
		return Duration.ofNanos(this.period);
	}

	/**
	 * Return whether a token request may be sent now.
	 * @param now the current reading
	 * @return whether the ceiling allows one more request
	 */
	boolean hasRoom(long now) {
		return this.maxRequests == 0 || this.size < this.maxRequests || now - this.recent[this.oldest] >= this.period;
	}

	/**
	 * Return whether a token request may be sent now and still leave room for one more
	 * within the period: for requests that replace a usable token, such as renewals
	 * forced by rejected tokens, so that the regular renewal of the token they would
	 * replace stays possible.
	 * @param now the current reading
	 * @return whether the ceiling allows two more requests
	 */
	boolean hasRoomForTwo(long now) {
		return this.maxRequests == 0 || requestsInPeriod(now) <= this.maxRequests - 2;
	}

	/**
	 * Return when the next token request may be sent, when the budget is spent.
	 * @param now the current reading
	 * @return the reading from which {@link #hasRoom(long)} is true again
	 */
	long refillsAt(long now) {
		return hasRoom(now) ? now : this.recent[this.oldest] + this.period;
	}

	/**
	 * Record a token request that is being sent.
	 * @param now the current reading
	 */
	void recordRequest(long now) {
		if (this.maxRequests > 0) {
			if (this.size < this.maxRequests) {
				this.recent[(this.oldest + this.size) % this.maxRequests] = now;
				this.size++;
			}
			else {
				this.recent[this.oldest] = now;
				this.oldest = (this.oldest + 1) % this.maxRequests;
			}
		}
		this.requests[bucket(now)]++;
	}

	/**
	 * Record a token request that failed.
	 * @param now the current reading
	 */
	void recordFailure(long now) {
		this.failures[bucket(now)]++;
	}

	/**
	 * Return how many token requests were sent in the last period: exactly when there is
	 * a ceiling, otherwise to within a sixtieth of the period.
	 * @param now the current reading
	 * @return the number of requests
	 */
	int requestsInPeriod(long now) {
		if (this.maxRequests > 0) {
			int count = 0;
			for (int i = 0; i < this.size; i++) {
				if (now - this.recent[(this.oldest + i) % this.maxRequests] < this.period) {
					count++;
				}
			}
			return count;
		}
		return sum(this.requests, now);
	}

	int failuresInPeriod(long now) {
		return sum(this.failures, now);
	}

	/**
	 * Return the requests of the last period when they exceed
	 * {@value #RATE_WARNING_FACTOR} times what tokens renewed at the given interval
	 * explain and no warning was given in the last period, and remember the warning.
	 * @param now the current reading
	 * @param renewalInterval how long a token is used before it is renewed, in
	 * nanoseconds
	 * @return the number of requests that deserve a warning, or {@code null}
	 */
	@Nullable Integer excessiveRequests(long now, long renewalInterval) {
		if (renewalInterval <= 0 || (this.warned && now - this.lastWarningAt < this.period)) {
			return null;
		}
		int requests = sum(this.requests, now);
		if (requests <= RATE_WARNING_FACTOR * explainedRequests(renewalInterval)) {
			return null;
		}
		this.warned = true;
		this.lastWarningAt = now;
		return requests;
	}

	/**
	 * Return the most renewals that tokens renewed at the given interval cause in one
	 * period.
	 * @param renewalInterval the renewal interval in nanoseconds
	 * @return the number of requests the token lifetime explains
	 */
	long explainedRequests(long renewalInterval) {
		return this.period / Math.max(renewalInterval, 1) + 1;
	}

	private int bucket(long now) {
		long id = Math.floorDiv(now - this.origin, this.bucketLength);
		int index = (int) Math.floorMod(id, (long) BUCKETS);
		if (this.bucketIds[index] != id) {
			this.bucketIds[index] = id;
			this.requests[index] = 0;
			this.failures[index] = 0;
		}
		return index;
	}

	private int sum(int[] counts, long now) {
		long current = Math.floorDiv(now - this.origin, this.bucketLength);
		int sum = 0;
		for (int i = 0; i < BUCKETS; i++) {
			long id = this.bucketIds[i];
			if (id != Long.MIN_VALUE && id > current - BUCKETS && id <= current) {
				sum += counts[i];
			}
		}
		return sum;
	}

}
