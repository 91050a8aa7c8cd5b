package io.github.cognitotoken.samples.cognitolocal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> instant;

	private final ZoneId zone;

	public MutableClock(Instant instant) {
		this(new AtomicReference<>(instant), ZoneOffset.UTC);
	}

	private MutableClock(AtomicReference<Instant> instant, ZoneId zone) {
		this.instant = instant;
		this.zone = zone;
	}

	/**
	 * Move the clock forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.instant.updateAndGet((current) -> current.plus(duration));
	}

	@Override
	public Instant instant() {
		return this.instant.get();
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new MutableClock(this.instant, zone);
	}

}
