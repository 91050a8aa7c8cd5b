package io.github.cognitotoken.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CognitoTokenHealthIndicator}.
 */
class CognitoTokenHealthIndicatorTests {

	private final MutableClock clock = MutableClock.startingAt("2026-07-01T09:00:00Z");

	private final AtomicReference<CognitoTokenException> failure = new AtomicReference<>();

	private final CognitoTokenManager manager = CognitoTokenManager.builder(() -> {
		CognitoTokenException ex = this.failure.get();
		if (ex != null) {
			throw ex;
		}
		Instant now = this.clock.instant();
		return new CognitoAccessToken("health-token", now, now.plus(Duration.ofHours(1)));
	}).clock(this.clock).build();

	private final CognitoTokenHealthIndicator indicator = new CognitoTokenHealthIndicator(this.manager, this.clock);

	@Test
	void detailsShowTheTokenRequestsOfTheLastPeriod() {
		this.manager.getAccessToken();
		this.manager.invalidate();
		this.manager.getAccessToken();
		Health health = this.indicator.health();
		assertThat(health.getDetails()).containsEntry("tokenRequests", Map.of("period", "PT1H", "inPeriod", 2));
	}

	@Test
	void downWhenNoTokenIsHeldAndTheBudgetIsSpent() {
		CognitoTokenManager budgeted = CognitoTokenManager.builder(() -> {
			Instant now = this.clock.instant();
			return new CognitoAccessToken("health-token", now, now.plus(Duration.ofHours(1)));
		}).clock(this.clock).requestBudget(1, Duration.ofHours(1)).build();
		budgeted.getAccessToken();
		budgeted.invalidate();
		this.clock.advance(Duration.ofMinutes(15));
		assertThatExceptionOfType(CognitoTokenException.class).isThrownBy(budgeted::getAccessToken)
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(CognitoTokenException.Kind.BUDGET_SPENT));
		Health health = new CognitoTokenHealthIndicator(budgeted, this.clock).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("tokenRequests", Map.of("period", "PT1H", "inPeriod", 1, "budget",
				1, "budgetSpent", true, "budgetRefillsAt", "2026-07-01T10:00:00Z"));
	}

	@Test
	void unknownAndPendingBeforeTheFirstAttempt() {
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).containsEntry("state", "pending")
			.containsEntry("consecutiveFailures", 0)
			.doesNotContainKeys("tokenExpiresAt", "lastSuccessAt", "lastError");
	}

	@Test
	void upWithExpiryAndLastSuccessWhileATokenIsHeld() {
		this.manager.getAccessToken();
		this.clock.advance(Duration.ofMinutes(10));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("tokenExpiresAt", "2026-07-01T10:00:00Z")
			.containsEntry("secondsUntilExpiry", 3000L)
			.containsEntry("lastSuccessAt", "2026-07-01T09:00:00Z")
			.containsEntry("consecutiveFailures", 0)
			.doesNotContainKeys("state", "lastError");
	}

	@Test
	void downWithTheErrorWhenNoTokenIsHeldAndTheLastAttemptFailed() {
		this.failure.set(CognitoTokenException.oauth2Error("rejected", "invalid_client", 400));
		assertThatExceptionOfType(CognitoTokenException.class).isThrownBy(this.manager::getAccessToken);
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("lastError", "invalid_client")
			.containsEntry("lastErrorRetryable", false)
			.containsEntry("lastErrorAt", "2026-07-01T09:00:00Z")
			.containsEntry("consecutiveFailures", 1)
			.containsKey("nextAttemptAt");
	}

	@Test
	void staysUpWithTheErrorWhileTheCurrentTokenIsUsableAndItsRenewalFailed() {
		this.manager.start();
		try {
			await().until(() -> this.manager.getStatus().tokenUsable());
			this.failure.set(CognitoTokenException.httpError("unavailable", 503, true, null));
			// inside the refresh-ahead window: the call triggers a background renewal
			this.clock.advance(Duration.ofMinutes(56));
			this.manager.getAccessToken();
			await().until(() -> this.manager.getStatus().consecutiveFailures() == 1);
			Health health = this.indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("lastError", "http_503")
				.containsEntry("lastErrorRetryable", true)
				.containsEntry("consecutiveFailures", 1)
				.containsEntry("secondsUntilExpiry", 240L);
		}
		finally {
			this.manager.stop();
		}
	}

	@Test
	void downOnceTheTokenIsGoneAndUpAgainAfterASuccess() {
		this.manager.getAccessToken();
		this.failure.set(CognitoTokenException.timeout("too slow", null));
		this.manager.invalidate();
		assertThatExceptionOfType(CognitoTokenException.class).isThrownBy(this.manager::getAccessToken);
		Health down = this.indicator.health();
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(down.getDetails()).containsEntry("lastError", "timeout")
			.containsEntry("lastSuccessAt", "2026-07-01T09:00:00Z");
		this.failure.set(null);
		this.clock.advance(Duration.ofMinutes(1));
		this.manager.getAccessToken();
		Health up = this.indicator.health();
		assertThat(up.getStatus()).isEqualTo(Status.UP);
		assertThat(up.getDetails()).doesNotContainKey("lastError").containsEntry("consecutiveFailures", 0);
	}

	@Test
	void detailsNeverContainTheToken() {
		this.manager.getAccessToken();
		assertThat(this.indicator.health().toString()).doesNotContain("health-token");
	}

}
