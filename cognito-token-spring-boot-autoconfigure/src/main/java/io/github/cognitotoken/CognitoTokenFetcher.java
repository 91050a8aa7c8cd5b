package io.github.cognitotoken;

/**
 * Obtains a new access token, usually by calling the Cognito token endpoint. Every call
 * is a billed token request: {@link CognitoTokenManager} decides when to make one.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 * @see io.github.cognitotoken.endpoint.TokenEndpointClient
 */
@FunctionalInterface
public interface CognitoTokenFetcher {

	/**
	 * Fetch a new access token.
	 * @return the token
	 * @throws CognitoTokenException if no token could be obtained
	 */
	CognitoAccessToken fetchToken();

}
