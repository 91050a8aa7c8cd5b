package io.github.cognitotoken.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.github.cognitotoken.Ticker;

/**
 * The system clock plus an offset that can be moved forward, to make a cached token
 * expire at a chosen moment. It is also the manager's {@link Ticker}, moved by the same
 * offset: the manager judges validity on monotonic time, which a wall clock alone would
 * not move.
 *
 * @author cognito-token contributors
 */
final class OffsetClock extends Clock implements Ticker {

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
	public long read() {
		return System.nanoTime() + this.offsetMillis * 1_000_000L;
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
