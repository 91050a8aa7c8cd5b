package io.github.cognitotoken.test.endpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.test.CognitoTestToken;
import org.jspecify.annotations.Nullable;

/**
 * One request that a {@link CognitoTokenEndpointExtension} received on its token
 * endpoint, and how it answered. Holds no client secret.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class TokenRequest {

	private final @Nullable String clientId;

	private final @Nullable String authenticationMethod;

	private final @Nullable String contentType;

	private final Map<String, String> parameters;

	private final List<String> scopes;

	private final @Nullable Map<String, String> awsClientMetadata;

	private final int status;

	private final @Nullable CognitoTestToken token;

	TokenRequest(@Nullable String clientId, @Nullable String authenticationMethod, @Nullable String contentType,
			Map<String, String> parameters, List<String> scopes, @Nullable Map<String, String> awsClientMetadata,
			int status, @Nullable CognitoTestToken token) {
		this.clientId = clientId;
		this.authenticationMethod = authenticationMethod;
		this.contentType = contentType;
		// in the order of the form
		this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
		this.scopes = List.copyOf(scopes);
		this.awsClientMetadata = (awsClientMetadata != null)
				? Collections.unmodifiableMap(new LinkedHashMap<>(awsClientMetadata)) : null;
		this.status = status;
		this.token = token;
	}

	/**
	 * Return the client id, from the {@code Authorization: Basic} header or the
	 * {@code client_id} form field.
	 * @return the client id, or {@code null} when the request named none
	 */
	public @Nullable String getClientId() {
		return this.clientId;
	}

	/**
	 * Return how the client authenticated.
	 * @return {@code client_secret_basic}, {@code client_secret_post}, or {@code null}
	 * when the request carried no credentials
	 */
	public @Nullable String getAuthenticationMethod() {
		return this.authenticationMethod;
	}

	/**
	 * Return the request's {@code Content-Type}.
	 * @return the content type, or {@code null}
	 */
	public @Nullable String getContentType() {
		return this.contentType;
	}

	/**
	 * Return the form fields, decoded, without {@code client_secret}.
	 * @return the form fields, in the order of the request body
	 */
	public Map<String, String> getParameters() {
		return this.parameters;
	}

	/**
	 * Return the {@code grant_type} form field.
	 * @return the grant type, or {@code null}
	 */
	public @Nullable String getGrantType() {
		return this.parameters.get("grant_type");
	}

	/**
	 * Return the scopes the request asked for.
	 * @return the requested scopes, empty when the request had no {@code scope}
	 */
	public List<String> getScopes() {
		return this.scopes;
	}

	/**
	 * Return the {@code aws_client_metadata} form field, parsed from its JSON (an object
	 * of strings, as Cognito's {@code ClientMetadata}; anything else is answered with
	 * {@code invalid_request}).
	 * @return the client metadata, or {@code null} when the request had none or it was
	 * not a JSON object of strings
	 */
	public @Nullable Map<String, String> getAwsClientMetadata() {
		return this.awsClientMetadata;
	}

	/**
	 * Return the status the endpoint answered with (0 when it reset the connection).
	 * @return the status
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * Return the token the endpoint issued.
	 * @return the token, or {@code null} when it answered with an error or a fault
	 */
	public @Nullable CognitoTestToken getToken() {
		return this.token;
	}

	@Override
	public String toString() {
		return "TokenRequest[clientId="
				+ ((this.clientId != null) ? CognitoClientRegistration.clientIdPrefix(this.clientId) : "(none)")
				+ ", authenticationMethod=" + this.authenticationMethod + ", scopes=" + this.scopes + ", status="
				+ this.status + "]";
	}

}
