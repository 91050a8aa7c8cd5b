package io.github.cognitotoken.endpoint;

/**
 * How the app client authenticates to the token endpoint.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public enum ClientAuthenticationMethod {

	/**
	 * HTTP Basic authentication with the client id and secret (Cognito's default).
	 */
	CLIENT_SECRET_BASIC("client_secret_basic"),

	/**
	 * Client id and secret in the form body of the token request.
	 */
	CLIENT_SECRET_POST("client_secret_post");

	private final String value;

	ClientAuthenticationMethod(String value) {
		this.value = value;
	}

	/**
	 * Return the name of the method as OAuth2 writes it, for example
	 * {@code client_secret_basic}.
	 * @return the OAuth2 name
	 */
	public String getValue() {
		return this.value;
	}

}
