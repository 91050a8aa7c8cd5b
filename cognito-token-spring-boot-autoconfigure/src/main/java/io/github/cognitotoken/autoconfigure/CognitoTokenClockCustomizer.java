package io.github.cognitotoken.autoconfigure;

import java.time.Clock;
import java.util.stream.Stream;

import io.github.cognitotoken.CognitoTokenManager;

import org.springframework.util.Assert;

/**
 * {@link CognitoTokenManagerBuilderCustomizer} that sets the clock of the token manager
 * and of every other auto-configured part that tells time: the token endpoint client,
 * which dates the tokens it receives, the shared token cache, the health indicator and
 * the expiry gauge. Meant for tests that move time instead of sleeping; without one, all
 * of them use the system clock in UTC. A customizer that calls
 * {@link CognitoTokenManager.Builder#clock(Clock)} itself changes the manager's clock
 * alone, and the tokens it receives are then dated by another clock.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class CognitoTokenClockCustomizer implements CognitoTokenManagerBuilderCustomizer {

	private final Clock clock;

	/**
	 * Create a new customizer.
	 * @param clock the clock the token manager and the parts around it use
	 */
	public CognitoTokenClockCustomizer(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	@Override
	public void customize(CognitoTokenManager.Builder builder) {
		builder.clock(this.clock);
	}

	/**
	 * Return the clock this customizer sets.
	 * @return the clock
	 */
	public Clock getClock() {
		return this.clock;
	}

	/**
	 * Return the clock that the given customizers, in the order they are applied, leave
	 * on the token manager: the clock of the last {@link CognitoTokenClockCustomizer}, or
	 * the system clock in UTC when there is none.
	 * @param customizers the customizers, in order
	 * @return the clock
	 */
	public static Clock clockOf(Stream<? extends CognitoTokenManagerBuilderCustomizer> customizers) {
		return customizers.filter(CognitoTokenClockCustomizer.class::isInstance)
			.map((customizer) -> ((CognitoTokenClockCustomizer) customizer).clock)
			.reduce((first, second) -> second)
			.orElseGet(Clock::systemUTC);
	}

}
