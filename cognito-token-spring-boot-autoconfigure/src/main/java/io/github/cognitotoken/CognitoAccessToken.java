package io.github.cognitotoken;

import java.time.Duration;
import java.time.Instant;

import org.springframework.util.Assert;

/**
 * An access token issued by the Cognito token endpoint, with the time it was received and
 * the time it expires. {@link #toString()} never shows the token value.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class CognitoAccessToken {

	private final String value;

	private final String authorizationHeaderValue;

	private final Instant issuedAt;

	private final Instant expiresAt;

	/**
	 * Create a new token.
	 * @param value the access token
	 * @param issuedAt when the token response was received
	 * @param expiresAt when the token expires
	 */
	public CognitoAccessToken(String value, Instant issuedAt, Instant expiresAt) {
		Assert.hasText(value, "'value' must not be empty");
		Assert.notNull(issuedAt, "'issuedAt' must not be null");
		Assert.notNull(expiresAt, "'expiresAt' must not be null");
		Assert.isTrue(expiresAt.isAfter(issuedAt), "'expiresAt' must be after 'issuedAt'");
		this.value = value;
		this.authorizationHeaderValue = "Bearer " + value;
		this.issuedAt = issuedAt;
		this.expiresAt = expiresAt;
	}

	/**
	 * Return the access token.
	 * @return the token value
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * Return the value of an {@code Authorization} header that carries this token
	 * ({@code Bearer <token>}), computed once.
	 * @return the header value
	 */
	public String getAuthorizationHeaderValue() {
		return this.authorizationHeaderValue;
	}

	/**
	 * Return when the token response was received.
	 * @return the time the token was received
	 */
	public Instant getIssuedAt() {
		return this.issuedAt;
	}

	/**
	 * Return when the token expires.
	 * @return the expiry
	 */
	public Instant getExpiresAt() {
		return this.expiresAt;
	}

	/**
	 * Return the lifetime of the token, from receipt to expiry.
	 * @return the lifetime
	 */
	public Duration getLifetime() {
		return Duration.between(this.issuedAt, this.expiresAt);
	}

	@Override
	public String toString() {
		return "CognitoAccessToken[issuedAt=" + this.issuedAt + ", expiresAt=" + this.expiresAt + ", value=(hidden)]";
	}

}
