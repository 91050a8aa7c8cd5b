package io.github.cognitotoken;

import java.time.Duration;
import java.time.Instant;

import org.springframework.util.Assert;

/**
 * When a token stops being used and when it is renewed: the one schedule that
 * {@link CognitoTokenManager} follows and that a shared cache
 * ({@link io.github.cognitotoken.cache.SharedTokenCache}) checks entries against, so that
 * a fleet sends one token request per token lifetime. Build it once and give the same
 * instance to both.
 * <p>
 * For a token of lifetime {@code L} (from receipt to expiry), {@code h = L / 2}:
 * <ul>
 * <li><b>Usable until</b> {@code expiry - min(clockSkew, h)}: a short-lived token is
 * still reused.</li>
 * <li><b>Renewal time</b> {@code expiry - min(refreshAhead, h)}, or 90% of the usable
 * time when that is not earlier than the end of the usable time (refresh-ahead shorter
 * than the clock skew); the manager subtracts a random jitter below the <b>jitter
 * bound</b>, a tenth of the time until renewal and at most {@value #MAX_JITTER_SECONDS}
 * seconds, so that a fleet does not renew in the same second. A token received with less
 * than half of its usable time left is renewed half way through what is left, never at
 * once.</li>
 * <li><b>Freshness threshold</b>: the remaining lifetime a token taken from a shared
 * store must have, more than the time from the renewal time to the expiry, plus the
 * largest jitter a token of that lifetime can get, plus the clock skew (at most a tenth
 * of the lifetime) as a margin for clocks that differ between instances. A token taken
 * from the store is therefore never due for renewal, and an instance that renews never
 * takes back the token it is renewing. It is at least the clock skew plus the minimum
 * usable time below, so that a token taken from the store can always be used.</li>
 * <li>A token usable for less than a quarter of its lifetime, and at most 1 s but at
 * least 500 ms, when it arrives is an invalid response: using it would mean a token
 * request per call or a renewal loop.</li>
 * </ul>
 * The clock skew and the refresh-ahead time are at most
 * {@link CognitoTokenManager#MAX_TIMING} (one day); longer values are clamped to it, with
 * a warning. Instances are immutable.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class TokenRenewalPolicy {

	static final int MAX_JITTER_SECONDS = 30;

	private static final long MAX_JITTER_MILLIS = MAX_JITTER_SECONDS * 1000L;

	private static final long MIN_USABLE_MILLIS = 1000;

	// A token usable for less is an invalid response, whatever its lifetime: renewing it
	// would be a loop of token requests
	private static final long MIN_USABLE_FLOOR_MILLIS = 500;

	private static final TokenRenewalPolicy DEFAULTS = new TokenRenewalPolicy(CognitoTokenManager.DEFAULT_CLOCK_SKEW,
			CognitoTokenManager.DEFAULT_REFRESH_AHEAD);

	private final Duration clockSkew;

	private final Duration refreshAhead;

	private final long clockSkewMillis;

	private final long refreshAheadMillis;

	private TokenRenewalPolicy(Duration clockSkew, Duration refreshAhead) {
		this.clockSkew = clockSkew;
		this.refreshAhead = refreshAhead;
		this.clockSkewMillis = clockSkew.toMillis();
		this.refreshAheadMillis = refreshAhead.toMillis();
	}

	/**
	 * Return the policy with the default clock skew (60 s) and refresh-ahead time (5
	 * minutes).
	 * @return the default policy
	 */
	public static TokenRenewalPolicy defaults() {
		return DEFAULTS;
	}

	/**
	 * Return a policy.
	 * @param clockSkew how long before its expiry a token stops being used (capped at
	 * half of its lifetime, and at {@link CognitoTokenManager#MAX_TIMING})
	 * @param refreshAhead how long before its expiry a token is renewed (capped at half
	 * of its lifetime, and at {@link CognitoTokenManager#MAX_TIMING})
	 * @return the policy
	 */
	public static TokenRenewalPolicy of(Duration clockSkew, Duration refreshAhead) {
		Assert.isTrue(clockSkew != null && !clockSkew.isNegative(), "'clockSkew' must not be negative");
		Assert.isTrue(refreshAhead != null && !refreshAhead.isNegative(), "'refreshAhead' must not be negative");
		return new TokenRenewalPolicy(clamp("clock skew", clockSkew), clamp("refresh-ahead time", refreshAhead));
	}

	/**
	 * Return a copy of this policy with another clock skew.
	 * @param clockSkew the clock skew
	 * @return the new policy
	 */
	public TokenRenewalPolicy withClockSkew(Duration clockSkew) {
		return of(clockSkew, this.refreshAhead);
	}

	/**
	 * Return a copy of this policy with another refresh-ahead time.
	 * @param refreshAhead the refresh-ahead time
	 * @return the new policy
	 */
	public TokenRenewalPolicy withRefreshAhead(Duration refreshAhead) {
		return of(this.clockSkew, refreshAhead);
	}

	private static Duration clamp(String name, Duration value) {
		return CognitoTokenManagerLog.clamp(name, value, Duration.ZERO, CognitoTokenManager.MAX_TIMING);
	}

	/**
	 * Return how long before its expiry a token stops being used, before the cap at half
	 * of its lifetime.
	 * @return the clock skew
	 */
	public Duration getClockSkew() {
		return this.clockSkew;
	}

	/**
	 * Return how long before its expiry a token is renewed, before the cap at half of its
	 * lifetime.
	 * @return the refresh-ahead time
	 */
	public Duration getRefreshAhead() {
		return this.refreshAhead;
	}

	/**
	 * Return when the given token stops being used.
	 * @param token the token
	 * @return the end of its usable time
	 */
	public Instant usableUntil(CognitoAccessToken token) {
		return token.getIssuedAt().plusMillis(usableMillis(lifetimeMillis(token)));
	}

	/**
	 * Return when the given token is renewed at the latest, before the jitter is
	 * subtracted.
	 * @param token the token
	 * @return its renewal time
	 */
	public Instant renewalTime(CognitoAccessToken token) {
		return token.getIssuedAt().plusMillis(renewalMillis(lifetimeMillis(token)));
	}

	/**
	 * Return the largest jitter subtracted from the given token's renewal time.
	 * @param token the token
	 * @return the jitter bound
	 */
	public Duration jitterBound(CognitoAccessToken token) {
		return Duration.ofMillis(jitterBoundMillis(lifetimeMillis(token)));
	}

	/**
	 * Return the remaining lifetime that a token of the given lifetime must exceed to be
	 * taken from a shared store.
	 * @param lifetime the lifetime of the token, from receipt to expiry
	 * @return the freshness threshold
	 */
	public Duration freshnessThreshold(Duration lifetime) {
		return Duration.ofMillis(freshnessMillis(lifetime.toMillis()));
	}

	/**
	 * Return whether a token found in a shared store may be taken: its remaining lifetime
	 * at {@code now} exceeds the {@link #freshnessThreshold(Duration) freshness
	 * threshold}.
	 * @param token the token
	 * @param now the current time of the wall clock
	 * @return whether the token is fresh
	 */
	public boolean isFresh(CognitoAccessToken token, Instant now) {
		long remaining = token.getExpiresAt().toEpochMilli() - now.toEpochMilli();
		return remaining > freshnessMillis(lifetimeMillis(token));
	}

	/**
	 * Return the schedule of a token that arrived at {@code now}: how long it is used and
	 * when it is renewed, counted from {@code now}.
	 * @param token the token
	 * @param now the wall-clock time of its arrival, in epoch milliseconds
	 * @param jitterDraw a uniformly distributed number in {@code [0, 1)}
	 * @return the schedule
	 */
	Schedule schedule(CognitoAccessToken token, long now, double jitterDraw) {
		long issued = token.getIssuedAt().toEpochMilli();
		long lifetime = lifetimeMillis(token);
		long usableFor = issued + usableMillis(lifetime) - now;
		long jitter = (long) (jitterDraw * jitterBoundMillis(lifetime));
		long renewIn = issued + renewalMillis(lifetime) - jitter - now;
		// a token issued long ago (by a shared cache, say) is renewed soon, never at once
		return new Schedule(usableFor, Math.max(renewIn, usableFor / 2), minUsableMillis(lifetime));
	}

	/**
	 * Return how long after its receipt a token of the given lifetime stops being used.
	 */
	long usableMillis(long lifetime) {
		return lifetime - Math.min(this.clockSkewMillis, lifetime / 2);
	}

	/**
	 * Return how long after its receipt a token of the given lifetime is renewed at the
	 * latest.
	 */
	long renewalMillis(long lifetime) {
		long renewal = lifetime - Math.min(this.refreshAheadMillis, lifetime / 2);
		long usable = usableMillis(lifetime);
		// renew while the token is still usable, even when refresh-ahead < clock skew
		return (renewal < usable) ? renewal : usable * 9 / 10;
	}

	long jitterBoundMillis(long lifetime) {
		return Math.min(MAX_JITTER_MILLIS, renewalMillis(lifetime) / 10);
	}

	long freshnessMillis(long lifetime) {
		// the largest jitter of any token of at most this lifetime: renewalMillis <=
		// lifetime
		long jitter = Math.min(MAX_JITTER_MILLIS, lifetime / 10);
		long margin = Math.min(this.clockSkewMillis, lifetime / 10);
		long threshold = (lifetime - renewalMillis(lifetime)) + jitter + margin;
		// and usable for the minimum time, which only tokens of a few seconds lack
		return Math.max(threshold, (lifetime - usableMillis(lifetime)) + minUsableMillis(lifetime));
	}

	long minUsableMillis(long lifetime) {
		return Math.max(MIN_USABLE_FLOOR_MILLIS, Math.min(MIN_USABLE_MILLIS, lifetime / 4));
	}

	private static long lifetimeMillis(CognitoAccessToken token) {
		return token.getExpiresAt().toEpochMilli() - token.getIssuedAt().toEpochMilli();
	}

	@Override
	public boolean equals(Object obj) {
		if (this == obj) {
			return true;
		}
		return (obj instanceof TokenRenewalPolicy other) && this.clockSkew.equals(other.clockSkew)
				&& this.refreshAhead.equals(other.refreshAhead);
	}

	@Override
	public int hashCode() {
		return 31 * this.clockSkew.hashCode() + this.refreshAhead.hashCode();
	}

	@Override
	public String toString() {
		return "TokenRenewalPolicy[clockSkew=" + this.clockSkew + ", refreshAhead=" + this.refreshAhead + "]";
	}

	/**
	 * The schedule of a token, counted from its arrival, in milliseconds.
	 *
	 * @param usableFor how long it is used
	 * @param renewIn when it is renewed (with jitter)
	 * @param minUsable the shortest usable time of a token that may be used at all
	 */
	record Schedule(long usableFor, long renewIn, long minUsable) {

		boolean tooShort() {
			return this.usableFor < this.minUsable;
		}

	}

}
