package io.github.cognitotoken;

import java.util.concurrent.TimeUnit;

/**
 * A token held by {@link CognitoTokenManager}, with the {@link Ticker} readings until
 * which it is used and from which it is renewed.
 *
 * @param token the token
 * @param receivedAt the ticker reading when it was received
 * @param usableUntil the ticker reading from which the token is no longer handed out
 * @param refreshAt the ticker reading from which the token is renewed
 * @author cognito-token contributors
 */
record CachedToken(CognitoAccessToken token, long receivedAt, long usableUntil, long refreshAt) {

	/**
	 * Schedule a token that has just been received.
	 * @param token the token
	 * @param policy the renewal policy
	 * @param time the sources of time
	 * @param jitterDraw a uniformly distributed number in {@code [0, 1)}
	 * @param description how log lines and messages name the client
	 * @return the token with its schedule
	 * @throws CognitoTokenException if the token is usable for too short a time
	 */
	static CachedToken of(CognitoAccessToken token, TokenRenewalPolicy policy, ManagerTime time, double jitterDraw,
			String description) {
		// the token's times are wall-clock instants: what is left of its lifetime is
		// measured on the wall clock now, then counted on the ticker
		long tick = time.tick();
		TokenRenewalPolicy.Schedule schedule = policy.schedule(token, time.wallMillis(), jitterDraw);
		if (schedule.tooShort()) {
			// using it would mean a token request per call, or a renewal loop
			throw CognitoTokenException.invalidResponse("The Cognito access token received for " + description
					+ " expires at " + token.getExpiresAt() + ", too soon to be used (less than " + schedule.minUsable()
					+ " ms before its expiry minus the clock skew)", null, true);
		}
		return new CachedToken(token, tick, tick + TimeUnit.MILLISECONDS.toNanos(schedule.usableFor()),
				tick + TimeUnit.MILLISECONDS.toNanos(schedule.renewIn()));
	}

	boolean isUsable(long now) {
		return now - this.usableUntil < 0;
	}

	boolean isDueForRenewal(long now) {
		return now - this.refreshAt >= 0;
	}

}
