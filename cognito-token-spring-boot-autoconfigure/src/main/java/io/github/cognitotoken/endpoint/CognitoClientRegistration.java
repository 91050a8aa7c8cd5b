package io.github.cognitotoken.endpoint;

import java.net.URI;
import java.util.List;

import org.springframework.util.Assert;

/**
 * The Cognito app client that requests tokens: its credentials, the token endpoint and
 * the scopes it asks for. {@link #toString()} shows at most a prefix of the client id and
 * never the secret.
 *
 * @author cognito-token contributors
 */
public final class CognitoClientRegistration {

	private final String clientId;

	private final String clientSecret;

	private final URI tokenEndpoint;

	private final List<String> scopes;

	private final ClientAuthenticationMethod authenticationMethod;

	/**
	 * Create a new registration.
	 * @param clientId the app client id
	 * @param clientSecret the app client secret
	 * @param tokenEndpoint the absolute URL of the token endpoint
	 * @param scopes the scopes to request, empty for every scope enabled on the client
	 * @param authenticationMethod how the client authenticates
	 */
	public CognitoClientRegistration(String clientId, String clientSecret, URI tokenEndpoint, List<String> scopes,
			ClientAuthenticationMethod authenticationMethod) {
		Assert.hasText(clientId, "'clientId' must not be empty");
		Assert.hasText(clientSecret, "'clientSecret' must not be empty");
		Assert.notNull(tokenEndpoint, "'tokenEndpoint' must not be null");
		Assert.isTrue(tokenEndpoint.isAbsolute(), "'tokenEndpoint' must be an absolute URI");
		Assert.notNull(scopes, "'scopes' must not be null");
		Assert.noNullElements(scopes, "'scopes' must not contain null elements");
		Assert.notNull(authenticationMethod, "'authenticationMethod' must not be null");
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.tokenEndpoint = tokenEndpoint;
		this.scopes = List.copyOf(scopes);
		this.authenticationMethod = authenticationMethod;
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
