package io.github.cognitotoken.endpoint;

import java.util.List;

import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenManagers;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Context of a {@value TokenEndpointClient#OBSERVATION_NAME} observation: the non-secret
 * facts of the client registration, and how the token request ended. It holds neither the
 * client secret nor the token.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 * @see CognitoTokenRequestObservationConvention
 */
public class CognitoTokenRequestObservationContext extends Observation.Context {

	private final String clientIdPrefix;

	private final String tokenEndpointHost;

	private final List<String> scopes;

	private final String clientName;

	private @Nullable Outcome outcome;

	private @Nullable CognitoTokenException tokenException;

	/**
	 * Create a new context for a token request of the given registration.
	 * @param registration the registration whose token is requested
	 */
	public CognitoTokenRequestObservationContext(CognitoClientRegistration registration) {
		this(registration, CognitoTokenManagers.DEFAULT);
	}

	/**
	 * Create a new context for a token request of the given registration.
	 * @param registration the registration whose token is requested
	 * @param clientName the name of the client, {@code default} for
	 * {@code cognito.client.*}
	 * @since 0.1.0
	 */
	public CognitoTokenRequestObservationContext(CognitoClientRegistration registration, String clientName) {
		Assert.notNull(registration, "'registration' must not be null");
		Assert.hasText(clientName, "'clientName' must not be empty");
		this.clientName = clientName;
		this.clientIdPrefix = registration.getClientIdPrefix();
		this.tokenEndpointHost = String.valueOf(registration.getTokenEndpoint().getHost());
		this.scopes = registration.getScopes();
	}

	/**
	 * Return the first characters of the client id, as log lines show them.
	 * @return the client id prefix, for example {@code 1exa...}
	 */
	public String getClientIdPrefix() {
		return this.clientIdPrefix;
	}

	/**
	 * Return the name of the client.
	 * @return the client name, {@code default} for {@code cognito.client.*}
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * Return the host of the token endpoint.
	 * @return the token endpoint host
	 */
	public String getTokenEndpointHost() {
		return this.tokenEndpointHost;
	}

	/**
	 * Return the requested scopes.
	 * @return the scopes, empty when none are requested
	 */
	public List<String> getScopes() {
		return this.scopes;
	}

	/**
	 * Return how the token request ended.
	 * @return the outcome, or {@code null} while the request is in progress
	 */
	public @Nullable Outcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Set how the token request ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(@Nullable Outcome outcome) {
		this.outcome = outcome;
	}

	/**
	 * Return the failure of the token request, when it failed with a
	 * {@link CognitoTokenException}. Any other failure is only in {@link #getError()}.
	 * @return the failure, or {@code null}
	 */
	public @Nullable CognitoTokenException getTokenException() {
		return this.tokenException;
	}

	/**
	 * Set the failure of the token request.
	 * @param tokenException the failure, or {@code null}
	 */
	public void setTokenException(@Nullable CognitoTokenException tokenException) {
		this.tokenException = tokenException;
	}

	/**
	 * How a token request ended.
	 */
	public enum Outcome {

		/**
		 * A token was obtained.
		 */
		SUCCESS,

		/**
		 * No token was obtained.
		 */
		FAILURE

	}

}
