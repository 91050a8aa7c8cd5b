package io.github.cognitotoken.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.github.cognitotoken.CognitoTokenProvider;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * {@link MeterBinder} for a {@link CognitoTokenProvider}: the gauge
 * {@value #EXPIRY_METER_NAME}, the seconds until the cached token expires (negative once
 * it has expired, {@code NaN} while no token is cached), tagged {@code client} with the
 * client's name. The timer of the token requests comes from the
 * {@code cognito.token.requests} observation of
 * {@link io.github.cognitotoken.endpoint.TokenEndpointClient}.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public class CognitoTokenMetrics implements MeterBinder {

	/**
	 * Name of the gauge of the seconds until the cached token expires.
	 */
	public static final String EXPIRY_METER_NAME = "cognito.token.expiry";

	private final CognitoTokenProvider tokenManager;

	private final Clock clock;

	private final String clientName;

	/**
	 * Create a new binder for the default client.
	 * @param tokenManager the token provider to measure
	 * @param clock the clock the token provider uses
	 */
	public CognitoTokenMetrics(CognitoTokenProvider tokenManager, Clock clock) {
		this(tokenManager, clock, "default");
	}

	/**
	 * Create a new binder whose meters are tagged {@code client} with the given name.
	 * @param tokenManager the token provider to measure
	 * @param clock the clock the token provider uses
	 * @param clientName the name of the client, {@code default} for the default client
	 * @since 0.1.0
	 */
	public CognitoTokenMetrics(CognitoTokenProvider tokenManager, Clock clock, String clientName) {
		Assert.notNull(tokenManager, "'tokenManager' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		Assert.hasText(clientName, "'clientName' must not be empty");
		this.tokenManager = tokenManager;
		this.clock = clock;
		this.clientName = clientName;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(EXPIRY_METER_NAME, this, CognitoTokenMetrics::secondsUntilExpiry)
			.description("Seconds until the cached Cognito access token expires")
			.baseUnit("seconds")
			.tag("client", this.clientName)
			.strongReference(true)
			.register(registry);
	}

	private double secondsUntilExpiry() {
		Optional<Instant> expiry = this.tokenManager.getTokenExpiry();
		return expiry.map((expiresAt) -> Duration.between(this.clock.instant(), expiresAt).toMillis() / 1000.0)
			.orElse(Double.NaN);
	}

}
