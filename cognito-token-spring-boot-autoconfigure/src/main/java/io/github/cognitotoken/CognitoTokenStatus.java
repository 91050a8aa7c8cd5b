package io.github.cognitotoken;

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
 * @author cognito-token contributors
 * @since 0.1.0
 */
public record CognitoTokenStatus(boolean tokenUsable, @Nullable Instant tokenExpiresAt, @Nullable Instant lastSuccessAt,
		@Nullable CognitoTokenException lastFailure, @Nullable Instant lastFailureAt, int consecutiveFailures,
		@Nullable Instant nextAttemptAt, boolean requestInProgress) {

}
