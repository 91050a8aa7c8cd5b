package io.github.cognitotoken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link Clock} that tests move forward instead of sleeping. It is also the
 * {@link Ticker} of whatever uses it: {@link #advance(Duration)} and
 * {@link #set(Instant)} move the wall clock and the monotonic ticker together, as real
 * time does, and {@link #stepWallClock(Duration)} sets only the wall clock, as an NTP
 * step or a resumed virtual machine does.
 */
public final class MutableClock extends Clock implements Ticker {

	private volatile Instant now;

	private volatile long ticks;

	public MutableClock(Instant now) {
		this.now = now;
	}

	public static MutableClock startingAt(String instant) {
		return new MutableClock(Instant.parse(instant));
	}

	public synchronized void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("Time does not go back: use stepWallClock to set the clock back");
		}
		this.now = this.now.plus(duration);
		this.ticks += duration.toNanos();
	}

	/**
	 * Move time forward to the given instant.
	 * @param instant the new time, not before the current one
	 */
	public synchronized void set(Instant instant) {
		advance(Duration.between(this.now, instant));
	}

	/**
	 * Set the wall clock forward or back without time passing: the ticker does not move.
	 * @param step how far to set the wall clock
	 */
	public synchronized void stepWallClock(Duration step) {
		this.now = this.now.plus(step);
	}

	@Override
	public long read() {
		return this.ticks;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
