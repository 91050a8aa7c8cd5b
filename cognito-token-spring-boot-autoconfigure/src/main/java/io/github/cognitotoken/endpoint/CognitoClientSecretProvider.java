package io.github.cognitotoken.endpoint;

/**
 * Supplies the client secret of a Cognito app client, asked by
 * {@link TokenEndpointClient} before each token request. Define one when the application
 * obtains the secret itself, from the AWS SDK (Secrets Manager, Parameter Store) or a
 * mounted file, so that a rotated secret is used by the next token request without a
 * restart. One provider can serve several clients: it receives the client's name
 * ({@code default} for the client configured under {@code cognito.client}).
 * <p>
 * Called on the thread that requests the token, once per token request (a few times an
 * hour): it may read a file or a cache, but should not take longer than the token request
 * itself. Never log what it returns.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface CognitoClientSecretProvider {

	/**
	 * Return the current secret of the named client, and the previous one while a
	 * rotation is under way.
	 * @param clientName the name of the client, {@code default} for the default client
	 * @return the secrets
	 */
	CognitoClientSecrets getSecrets(String clientName);

}
