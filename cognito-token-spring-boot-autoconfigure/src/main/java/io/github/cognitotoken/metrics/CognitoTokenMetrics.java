package io.github.cognitotoken.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.github.cognitotoken.CognitoTokenManagers;
import io.github.cognitotoken.CognitoTokenProvider;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * {@link MeterBinder} for a {@link CognitoTokenProvider}: the gauge
 * {@value #EXPIRY_METER_NAME}, the seconds until the cached token expires (negative once
 * it has expired, {@code NaN} while no token is cached). The timer of the token requests
 * comes from the {@code cognito.token.requests} observation of
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

	/**
	 * Name of the tag that holds the client name.
	 */
	public static final String CLIENT_TAG = "client";

	private final Map<String, ? extends CognitoTokenProvider> tokenManagers;

	private final Clock clock;

	/**
	 * Create a new binder for the default client.
	 * @param tokenManager the token provider to measure
	 * @param clock the clock the token provider uses
	 */
	public CognitoTokenMetrics(CognitoTokenProvider tokenManager, Clock clock) {
		this(Map.of(CognitoTokenManagers.DEFAULT, validated(tokenManager)), clock);
	}

	/**
	 * Create a new binder for several clients: each gauge is tagged with
	 * {@value #CLIENT_TAG}, the client name.
	 * @param tokenManagers the token providers to measure, by client name
	 * @param clock the clock the token providers use
	 * @since 0.1.0
	 */
	public CognitoTokenMetrics(Map<String, ? extends CognitoTokenProvider> tokenManagers, Clock clock) {
		Assert.notNull(tokenManagers, "'tokenManagers' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.tokenManagers = Map.copyOf(tokenManagers);
		this.clock = clock;
	}

	private static CognitoTokenProvider validated(CognitoTokenProvider tokenManager) {
		Assert.notNull(tokenManager, "'tokenManager' must not be null");
		return tokenManager;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.tokenManagers
			.forEach((name, tokenManager) -> Gauge.builder(EXPIRY_METER_NAME, tokenManager, this::secondsUntilExpiry)
				.description("Seconds until the cached Cognito access token expires")
				.baseUnit("seconds")
				.tag(CLIENT_TAG, name)
				.strongReference(true)
				.register(registry));
	}

	private double secondsUntilExpiry(CognitoTokenProvider tokenManager) {
		Optional<Instant> expiry = tokenManager.getTokenExpiry();
		return expiry.map((expiresAt) -> Duration.between(this.clock.instant(), expiresAt).toMillis() / 1000.0)
			.orElse(Double.NaN);
	}

}
