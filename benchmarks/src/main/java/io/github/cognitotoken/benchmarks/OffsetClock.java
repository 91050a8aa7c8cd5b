package io.github.cognitotoken.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset that can be moved forward, to make a cached token
 * expire at a chosen moment.
 *
 * @author cognito-token contributors
 */
final class OffsetClock extends Clock {

	private volatile long offsetMillis;

	/**
	 * Move the clock forward.
	 * @param amount how far
	 */
	void advance(Duration amount) {
		this.offsetMillis += amount.toMillis();
	}

	@Override
	public long millis() {
		return System.currentTimeMillis() + this.offsetMillis;
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(millis());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("OffsetClock is always UTC");
	}

}
