package io.github.cognitotoken;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * How the token requests of a {@link CognitoTokenManager} went, and when the next one may
 * be sent: the failure streak with its backoff, the last success, the rate limit of
 * forced renewals, and the {@link CognitoTokenStatus} made of them. Times are
 * {@link Ticker} readings unless named as instants.
 * <p>
 * Not thread-safe: used under the monitor of {@link TokenAttempts}, except
 * {@link #nextAttemptAt()}, which the fast path reads without it.
 *
 * @author cognito-token contributors
 */
final class TokenRequestHistory {

	private final RetryBackoff backoff;

	private final long forcedRenewalInterval;

	private volatile long nextAttemptAt;

	private boolean nextAttemptKnown;

	private @Nullable CognitoTokenException lastFailure;

	private @Nullable Instant lastFailureAt;

	private int consecutiveFailures;

	private @Nullable Instant lastSuccessAt;

	private @Nullable String lastLoggedFailure;

	private long lastForcedRenewalAt;

	private boolean forcedRenewal;

	TokenRequestHistory(RetryBackoff backoff, Duration forcedRenewalInterval, long now) {
		this.backoff = backoff;
		this.forcedRenewalInterval = forcedRenewalInterval.toNanos();
		this.nextAttemptAt = now;
	}

	long nextAttemptAt() {
		return this.nextAttemptAt;
	}

	boolean isNextAttemptDue(long now) {
		return now - this.nextAttemptAt >= 0;
	}

	void setNextAttemptAt(long at) {
		this.nextAttemptAt = at;
		this.nextAttemptKnown = true;
	}

	@Nullable CognitoTokenException lastFailure() {
		return this.lastFailure;
	}

	/**
	 * Return the failure to report to a caller while the backoff after the last failure
	 * runs, or {@code null} when a token request may be sent.
	 * @param now the current reading
	 * @return the failure, or {@code null}
	 */
	@Nullable CognitoTokenException backingOff(long now) {
		CognitoTokenException failure = this.lastFailure;
		long wait = this.nextAttemptAt - now;
		// never wait longer than any backoff (the next attempt may be a renewal time)
		if (failure == null || wait <= 0 || wait > TimeUnit.MILLISECONDS.toNanos(this.backoff.longestDelayMillis())) {
			return null;
		}
		Duration next = Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(wait));
		return failure.withMessage(failure.getMessage() + " (last attempt failed; next attempt in " + next + ")");
	}

	boolean hasSucceeded() {
		return this.lastSuccessAt != null;
	}

	/**
	 * Record a token request that succeeded: the next attempt is the token's renewal.
	 * @param cached the token received
	 * @return how many attempts in a row had failed before
	 */
	int succeeded(CachedToken cached) {
		int failures = this.consecutiveFailures;
		this.lastFailure = null;
		this.lastFailureAt = null;
		this.consecutiveFailures = 0;
		this.lastLoggedFailure = null;
		this.lastSuccessAt = cached.token().getIssuedAt();
		setNextAttemptAt(cached.refreshAt());
		return failures;
	}

	/**
	 * Record a token request that failed: the next attempt follows the backoff.
	 * @param failure the failure
	 * @param now the current reading
	 * @param failedAt the current instant
	 * @param random a uniformly distributed number in {@code [0, 1)}, for the jitter
	 * @param stopped whether the manager was stopped, which cut the request short
	 * @return what was recorded
	 */
	Failure failed(CognitoTokenException failure, long now, Instant failedAt, double random, boolean stopped) {
		int failures = ++this.consecutiveFailures;
		long delay = this.backoff.delayMillis(failure, failures, random);
		this.lastFailure = failure;
		this.lastFailureAt = failedAt;
		setNextAttemptAt(now + TimeUnit.MILLISECONDS.toNanos(delay));
		String key = failure.getErrorTag();
		// a request cut short by stop() is no news for an operator
		boolean logAtWarn = !stopped && !key.equals(this.lastLoggedFailure);
		if (logAtWarn) {
			this.lastLoggedFailure = key;
		}
		return new Failure(failures, delay, logAtWarn);
	}

	/**
	 * Return whether a renewal forced by a rejected token may happen now, and record it
	 * when it may.
	 * @param now the current reading
	 * @return whether the renewal may happen
	 */
	boolean tryForcedRenewal(long now) {
		if (this.forcedRenewal && now - this.lastForcedRenewalAt < this.forcedRenewalInterval) {
			return false;
		}
		this.forcedRenewal = true;
		this.lastForcedRenewalAt = now;
		setNextAttemptAt(now);
		return true;
	}

	CognitoTokenStatus status(@Nullable CachedToken cached, long now, ManagerTime time, boolean requestInProgress,
			CognitoTokenStatus.Requests requests) {
		return new CognitoTokenStatus(cached != null && cached.isUsable(now),
				(cached != null) ? cached.token().getExpiresAt() : null, this.lastSuccessAt, this.lastFailure,
				this.lastFailureAt, this.consecutiveFailures,
				this.nextAttemptKnown ? time.wallTime(this.nextAttemptAt, now) : null, requestInProgress, requests);
	}

	/**
	 * A failure as recorded.
	 *
	 * @param count how many attempts in a row failed
	 * @param delayMillis the delay before the next attempt
	 * @param logAtWarn whether it is news for an operator
	 */
	record Failure(int count, long delayMillis, boolean logAtWarn) {

	}

}
