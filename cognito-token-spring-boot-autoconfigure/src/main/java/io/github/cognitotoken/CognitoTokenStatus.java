package io.github.cognitotoken;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of what a {@link CognitoTokenManager} holds and how its last token requests
 * went, for health checks and diagnostics. Never contains the token.
 *
 * @param tokenUsable whether a token that may still be used is cached
 * @param tokenExpiresAt when the cached token expires, or {@code null} when none is
 * cached
 * @param lastSuccessAt when the last token was received, or {@code null}
 * @param lastFailure the failure of the last attempt when it failed, or {@code null}
 * after a success
 * @param lastFailureAt when the last attempt failed, or {@code null}
 * @param consecutiveFailures how many attempts in a row failed
 * @param nextAttemptAt the earliest time of the next token request, or {@code null}
 * before the first
 * @param requestInProgress whether a token request is under way
 * @param requests the token requests of the last period and the budget
 * @author cognito-token contributors
 * @since 0.1.0
 */
public record CognitoTokenStatus(boolean tokenUsable, @Nullable Instant tokenExpiresAt, @Nullable Instant lastSuccessAt,
		@Nullable CognitoTokenException lastFailure, @Nullable Instant lastFailureAt, int consecutiveFailures,
		@Nullable Instant nextAttemptAt, boolean requestInProgress, Requests requests) {

	/**
	 * Create a status without request counts, as before budgets existed.
	 * @param tokenUsable whether a token that may still be used is cached
	 * @param tokenExpiresAt when the cached token expires, or {@code null}
	 * @param lastSuccessAt when the last token was received, or {@code null}
	 * @param lastFailure the failure of the last attempt, or {@code null}
	 * @param lastFailureAt when the last attempt failed, or {@code null}
	 * @param consecutiveFailures how many attempts in a row failed
	 * @param nextAttemptAt the earliest time of the next token request, or {@code null}
	 * @param requestInProgress whether a token request is under way
	 */
	public CognitoTokenStatus(boolean tokenUsable, @Nullable Instant tokenExpiresAt, @Nullable Instant lastSuccessAt,
			@Nullable CognitoTokenException lastFailure, @Nullable Instant lastFailureAt, int consecutiveFailures,
			@Nullable Instant nextAttemptAt, boolean requestInProgress) {
		this(tokenUsable, tokenExpiresAt, lastSuccessAt, lastFailure, lastFailureAt, consecutiveFailures, nextAttemptAt,
				requestInProgress, Requests.NONE);
	}

	/**
	 * The token requests of the last period, and the budget that caps them.
	 *
	 * @param inPeriod how many token requests were sent in the last period (failed ones
	 * included)
	 * @param period the period, one hour unless a budget sets another
	 * @param maxRequests the budget: the most token requests in any period, or {@code 0}
	 * when there is none
	 * @param budgetRefillsAt when the next token request may be sent, while the budget is
	 * spent; {@code null} otherwise
	 * @since 0.1.0
	 */
	public record Requests(int inPeriod, Duration period, int maxRequests, @Nullable Instant budgetRefillsAt) {

		/**
		 * No request counts: for providers that do not count their requests.
		 */
		public static final Requests NONE = new Requests(0, Duration.ofHours(1), 0, null);

		/**
		 * Return whether the budget is spent: no token request may be sent before
		 * {@link #budgetRefillsAt()}.
		 * @return whether the budget is spent
		 */
		public boolean budgetSpent() {
			return this.budgetRefillsAt != null;
		}

	}

}
