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

	/**
	 * Switch to other credentials after {@link #fetchToken()} failed with a failure that
	 * retrying with the same credentials cannot fix, such as {@code invalid_client} while
	 * a client secret is being rotated. When this returns {@code true}, the manager calls
	 * {@link #fetchToken()} once more right away, as part of the same token request and
	 * within its budget, so that its callers never see the first failure. Called at most
	 * once per token request. The default switches nothing.
	 * @param failure the failure of the last fetch
	 * @return whether other credentials will be used by the next fetch
	 * @since 0.1.0
	 */
	default boolean switchCredentials(CognitoTokenException failure) {
		return false;
	}

}
