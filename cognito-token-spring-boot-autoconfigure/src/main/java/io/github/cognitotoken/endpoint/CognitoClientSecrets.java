package io.github.cognitotoken.endpoint;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The client secret of a Cognito app client and, while a rotation is under way, the
 * previous one: since 2026-01-30 an app client can hold two secrets at once, and both are
 * accepted until one is deleted. {@link TokenEndpointClient} sends the secret that last
 * worked; when Cognito answers {@code invalid_client}, it tries the other one once, right
 * away. {@link #toString()} never shows a secret.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class CognitoClientSecrets {

	private final String clientSecret;

	private final @Nullable String previousClientSecret;

	private CognitoClientSecrets(String clientSecret, @Nullable String previousClientSecret) {
		Assert.hasText(clientSecret, "'clientSecret' must not be empty");
		this.clientSecret = clientSecret;
		this.previousClientSecret = (StringUtils.hasText(previousClientSecret)
				&& !previousClientSecret.equals(clientSecret)) ? previousClientSecret : null;
	}

	/**
	 * Return the given secret alone.
	 * @param clientSecret the client secret
	 * @return the secrets
	 */
	public static CognitoClientSecrets of(String clientSecret) {
		return new CognitoClientSecrets(clientSecret, null);
	}

	/**
	 * Return the given secret and the previous one.
	 * @param clientSecret the client secret
	 * @param previousClientSecret the previous client secret, tried when Cognito rejects
	 * the other; ignored when empty or equal to {@code clientSecret}
	 * @return the secrets
	 */
	public static CognitoClientSecrets of(String clientSecret, @Nullable String previousClientSecret) {
		return new CognitoClientSecrets(clientSecret, previousClientSecret);
	}

	/**
	 * Return the client secret. Never log it.
	 * @return the client secret
	 */
	public String getClientSecret() {
		return this.clientSecret;
	}

	/**
	 * Return the previous client secret. Never log it.
	 * @return the previous client secret, or {@code null} when there is none
	 */
	public @Nullable String getPreviousClientSecret() {
		return this.previousClientSecret;
	}

	/**
	 * Return whether these are the same secrets as the given ones.
	 * @param other the other secrets
	 * @return whether both secrets are equal
	 */
	public boolean isSameAs(@Nullable CognitoClientSecrets other) {
		return other != null && this.clientSecret.equals(other.clientSecret)
				&& Objects.equals(this.previousClientSecret, other.previousClientSecret);
	}

	@Override
	public String toString() {
		return "CognitoClientSecrets[clientSecret=(hidden)"
				+ ((this.previousClientSecret != null) ? ", previousClientSecret=(hidden)" : "") + "]";
	}

}
