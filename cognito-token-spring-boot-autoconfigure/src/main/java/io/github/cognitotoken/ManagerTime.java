package io.github.cognitotoken;

import java.time.Clock;
import java.time.Instant;

/**
 * The two sources of time of {@link CognitoTokenManager}: the monotonic {@link Ticker}
 * that judges usability and schedules renewals, and the wall {@link Clock} that dates
 * tokens and names instants.
 *
 * @author cognito-token contributors
 */
final class ManagerTime {

	private final Clock clock;

	private final Ticker ticker;

	ManagerTime(Clock clock, Ticker ticker) {
		this.clock = clock;
		this.ticker = ticker;
	}

	long tick() {
		return this.ticker.read();
	}

	long wallMillis() {
		return this.clock.millis();
	}

	Instant instant() {
		return this.clock.instant();
	}

	/**
	 * Return the wall-clock instant of a ticker reading.
	 * @param tick the reading
	 * @param now the current reading
	 * @return the instant
	 */
	Instant wallTime(long tick, long now) {
		return this.clock.instant().plusNanos(tick - now);
	}

	Instant wallTime(long tick) {
		return wallTime(tick, tick());
	}

}
