package io.github.cognitotoken.endpoint;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The Cognito app client that requests tokens: its credentials, the token endpoint and
 * the scopes it asks for. {@link #toString()} shows at most a prefix of the client id and
 * never the secret.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class CognitoClientRegistration {

	private static final String EXPECTED_FORM = "https://<domain>.auth.<region>.amazoncognito.com/oauth2/token";

	private final String clientId;

	private final String clientSecret;

	private final URI tokenEndpoint;

	private final List<String> scopes;

	private final ClientAuthenticationMethod authenticationMethod;

	private final @Nullable String previousClientSecret;

	/**
	 * Create a new registration.
	 * @param clientId the app client id
	 * @param clientSecret the app client secret
	 * @param tokenEndpoint the absolute http or https URL of the token endpoint, with a
	 * path and without user information, query string or fragment
	 * @throws IllegalArgumentException if an argument is missing or the token endpoint is
	 * not such a URL
	 * @param scopes the scopes to request, empty for every scope enabled on the client
	 * @param authenticationMethod how the client authenticates
	 */
	public CognitoClientRegistration(String clientId, String clientSecret, URI tokenEndpoint, List<String> scopes,
			ClientAuthenticationMethod authenticationMethod) {
		Assert.hasText(clientId, "'clientId' must not be empty");
		Assert.hasText(clientSecret, "'clientSecret' must not be empty");
		checkTokenEndpoint(tokenEndpoint);
		Assert.notNull(scopes, "'scopes' must not be null");
		Assert.noNullElements(scopes, "'scopes' must not contain null elements");
		Assert.notNull(authenticationMethod, "'authenticationMethod' must not be null");
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.tokenEndpoint = tokenEndpoint;
		this.scopes = List.copyOf(scopes);
		this.authenticationMethod = authenticationMethod;
		this.previousClientSecret = null;
	}

	private CognitoClientRegistration(CognitoClientRegistration registration, @Nullable String previousClientSecret) {
		this.clientId = registration.clientId;
		this.clientSecret = registration.clientSecret;
		this.tokenEndpoint = registration.tokenEndpoint;
		this.scopes = registration.scopes;
		this.authenticationMethod = registration.authenticationMethod;
		this.previousClientSecret = (previousClientSecret != null && !previousClientSecret.isEmpty()
				&& !previousClientSecret.equals(registration.clientSecret)) ? previousClientSecret : null;
	}

	/**
	 * Return a registration like this one that also holds the previous client secret,
	 * which {@link TokenEndpointClient} tries once, right away, when Cognito rejects the
	 * client secret with {@code invalid_client} during a rotation.
	 * @param previousClientSecret the previous client secret, or {@code null} for none
	 * @return the registration
	 * @since 0.1.0
	 */
	public CognitoClientRegistration withPreviousClientSecret(@Nullable String previousClientSecret) {
		return new CognitoClientRegistration(this, previousClientSecret);
	}

	private static void checkTokenEndpoint(URI tokenEndpoint) {
		Assert.notNull(tokenEndpoint, "'tokenEndpoint' must not be null");
		// never echo the URI: its user information, query or fragment may hold a
		// credential
		String scheme = tokenEndpoint.getScheme();
		Assert.isTrue(
				tokenEndpoint.isAbsolute() && tokenEndpoint.getHost() != null
						&& ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)),
				"'tokenEndpoint' must be an absolute http or https URL with a host, such as " + EXPECTED_FORM);
		Assert.isTrue(tokenEndpoint.getRawUserInfo() == null,
				"'tokenEndpoint' must not contain user information (pass the credentials as 'clientId' and "
						+ "'clientSecret'), such as " + EXPECTED_FORM);
		Assert.isTrue(tokenEndpoint.getRawQuery() == null,
				"'tokenEndpoint' must not have a query string, such as " + EXPECTED_FORM);
		Assert.isTrue(tokenEndpoint.getRawFragment() == null,
				"'tokenEndpoint' must not have a fragment, such as " + EXPECTED_FORM);
		String path = tokenEndpoint.getRawPath();
		Assert.isTrue(path != null && !path.isEmpty() && !path.equals("/"),
				"'tokenEndpoint' must have a path (the domain followed by /oauth2/token), such as " + EXPECTED_FORM);
	}

	/**
	 * Return the app client id.
	 * @return the client id
	 */
	public String getClientId() {
		return this.clientId;
	}

	/**
	 * Return the app client secret. Never log it.
	 * @return the client secret
	 */
	public String getClientSecret() {
		return this.clientSecret;
	}

	/**
	 * Return the previous client secret. Never log it.
	 * @return the previous client secret, or {@code null} when there is none
	 * @since 0.1.0
	 */
	public @Nullable String getPreviousClientSecret() {
		return this.previousClientSecret;
	}

	/**
	 * Return the client secret and the previous one, as held by this registration.
	 * @return the secrets
	 * @since 0.1.0
	 */
	public CognitoClientSecrets getSecrets() {
		return CognitoClientSecrets.of(this.clientSecret, this.previousClientSecret);
	}

	/**
	 * Return the token endpoint.
	 * @return the token endpoint URL
	 */
	public URI getTokenEndpoint() {
		return this.tokenEndpoint;
	}

	/**
	 * Return the scopes to request.
	 * @return the scopes, possibly empty
	 */
	public List<String> getScopes() {
		return this.scopes;
	}

	/**
	 * Return how the client authenticates.
	 * @return the authentication method
	 */
	public ClientAuthenticationMethod getAuthenticationMethod() {
		return this.authenticationMethod;
	}

	/**
	 * Return the first characters of the client id, safe to show in logs.
	 * @return a short prefix of the client id followed by an ellipsis
	 */
	public String getClientIdPrefix() {
		return clientIdPrefix(this.clientId);
	}

	/**
	 * Return the first characters of a client id, safe to show in logs.
	 * @param clientId the client id
	 * @return a short prefix of the client id followed by an ellipsis
	 */
	public static String clientIdPrefix(String clientId) {
		return clientId.substring(0, Math.min(4, clientId.length())) + "...";
	}

	@Override
	public String toString() {
		return "CognitoClientRegistration[clientId=" + getClientIdPrefix() + ", tokenEndpoint=" + this.tokenEndpoint
				+ ", scopes=" + this.scopes + ", authenticationMethod=" + this.authenticationMethod.getValue()
				+ ", clientSecret=(hidden)]";
	}

}
