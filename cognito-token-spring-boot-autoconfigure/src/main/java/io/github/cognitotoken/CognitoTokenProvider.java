package io.github.cognitotoken;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * Hands out Cognito access tokens: what the HTTP integrations (interceptor, exchange
 * filter), the health indicator and the meters depend on. {@link CognitoTokenManager} is
 * the implementation; implement it yourself to test those integrations or to get tokens
 * elsewhere.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public interface CognitoTokenProvider {

	/**
	 * Return a usable access token, from a cache when possible.
	 * @return the access token
	 * @throws CognitoTokenException if a new token was needed and could not be obtained
	 */
	CognitoAccessToken getAccessToken();

	/**
	 * Return a usable access token without blocking the calling thread.
	 * @return a future of the access token; it fails with a {@link CognitoTokenException}
	 * when no token could be obtained
	 */
	CompletableFuture<CognitoAccessToken> getAccessTokenAsync();

	/**
	 * React to a resource server that rejected the given token (HTTP 401): renew it when
	 * it is still the current token, within the provider's limits.
	 * @param rejected the token that was rejected
	 * @return a different usable token to retry with, or {@code null} when there is none
	 * @throws CognitoTokenException if a new token was needed and could not be obtained
	 */
	@Nullable CognitoAccessToken renewRejectedToken(CognitoAccessToken rejected);

	/**
	 * Non-blocking variant of {@link #renewRejectedToken(CognitoAccessToken)}.
	 * @param rejected the token that was rejected
	 * @return a future of a different usable token to retry with, or of {@code null} when
	 * there is none; it fails with a {@link CognitoTokenException} when a new token could
	 * not be obtained
	 */
	CompletableFuture<@Nullable CognitoAccessToken> renewRejectedTokenAsync(CognitoAccessToken rejected);

	/**
	 * Return a snapshot of the held token's state and of the recent token requests.
	 * @return the status
	 */
	CognitoTokenStatus getStatus();

	/**
	 * Return when the held token expires, for diagnostics. The default takes it from
	 * {@link #getStatus()}.
	 * @return the expiry of the held token, or empty when none is held
	 */
	default Optional<Instant> getTokenExpiry() {
		return Optional.ofNullable(getStatus().tokenExpiresAt());
	}

}
