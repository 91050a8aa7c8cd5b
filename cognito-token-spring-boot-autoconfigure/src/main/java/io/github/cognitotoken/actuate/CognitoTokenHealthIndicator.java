package io.github.cognitotoken.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenProvider;
import io.github.cognitotoken.CognitoTokenStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

/**
 * {@link HealthIndicator} for a {@link CognitoTokenProvider}:
 * <ul>
 * <li>{@code UP} while a usable token is held, even when the latest renewal failed (the
 * details then show the failure);</li>
 * <li>{@code DOWN} when no usable token is held and the last attempt failed, or the token
 * request budget is spent;</li>
 * <li>{@code UNKNOWN} with {@code state: pending} while no usable token is held and no
 * attempt has failed, such as before the first token arrived.</li>
 * </ul>
 * The details also show the token requests of the last period
 * ({@code tokenRequests.inPeriod}, with the budget when one is set). They never contain
 * the token or the client secret.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public class CognitoTokenHealthIndicator implements HealthIndicator {

	private final CognitoTokenProvider tokenManager;

	private final Clock clock;

	/**
	 * Create a new health indicator.
	 * @param tokenManager the token provider to report on
	 * @param clock the clock the token provider uses
	 */
	public CognitoTokenHealthIndicator(CognitoTokenProvider tokenManager, Clock clock) {
		Assert.notNull(tokenManager, "'tokenManager' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.tokenManager = tokenManager;
		this.clock = clock;
	}

	@Override
	public Health health() {
		CognitoTokenStatus status = this.tokenManager.getStatus();
		CognitoTokenException failure = status.lastFailure();
		Health.Builder health;
		if (status.tokenUsable()) {
			health = Health.up();
		}
		else if (failure != null || status.requests().budgetSpent()) {
			health = Health.down();
		}
		else {
			health = Health.unknown().withDetail("state", "pending");
		}
		Instant now = this.clock.instant();
		Instant expiresAt = status.tokenExpiresAt();
		if (expiresAt != null) {
			health.withDetail("tokenExpiresAt", expiresAt.toString())
				.withDetail("secondsUntilExpiry", Duration.between(now, expiresAt).toSeconds());
		}
		if (status.lastSuccessAt() != null) {
			health.withDetail("lastSuccessAt", status.lastSuccessAt().toString());
		}
		if (failure != null) {
			health.withDetail("lastError", failure.getErrorTag())
				.withDetail("lastErrorRetryable", failure.isRetryable());
			if (status.lastFailureAt() != null) {
				health.withDetail("lastErrorAt", status.lastFailureAt().toString());
			}
		}
		health.withDetail("consecutiveFailures", status.consecutiveFailures());
		if (status.nextAttemptAt() != null) {
			health.withDetail("nextAttemptAt", status.nextAttemptAt().toString());
		}
		health.withDetail("requestInProgress", status.requestInProgress());
		CognitoTokenStatus.Requests requests = status.requests();
		if (requests == CognitoTokenStatus.Requests.NONE) {
			// a provider that does not count its requests
			return health.build();
		}
		Map<String, Object> tokenRequests = new LinkedHashMap<>();
		tokenRequests.put("period", requests.period().toString());
		tokenRequests.put("inPeriod", requests.inPeriod());
		if (requests.maxRequests() > 0) {
			tokenRequests.put("budget", requests.maxRequests());
			tokenRequests.put("budgetSpent", requests.budgetSpent());
			if (requests.budgetRefillsAt() != null) {
				tokenRequests.put("budgetRefillsAt", requests.budgetRefillsAt().toString());
			}
		}
		health.withDetail("tokenRequests", tokenRequests);
		return health.build();
	}

}
