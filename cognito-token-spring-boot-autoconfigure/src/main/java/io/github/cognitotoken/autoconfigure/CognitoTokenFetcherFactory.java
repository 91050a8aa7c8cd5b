package io.github.cognitotoken.autoconfigure;

import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;

/**
 * Creates the {@link CognitoTokenFetcher} of each configured Cognito client, in place of
 * the default {@link io.github.cognitotoken.endpoint.TokenEndpointClient}. Define one as
 * a bean to obtain every client's tokens another way, for example from a stub in tests; a
 * {@link CognitoTokenFetcher} bean still wins for the default client. The token managers
 * around the fetchers stay the same: caching, renewal, backoff and the shared cache apply
 * as usual.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface CognitoTokenFetcherFactory {

	/**
	 * Create the fetcher of a client.
	 * @param clientName the client name: {@code default} for {@code cognito.client.*},
	 * otherwise the name of {@code cognito.clients.<name>.*}
	 * @param registration the client's identity, scopes and token endpoint, as configured
	 * @return the fetcher
	 */
	CognitoTokenFetcher create(String clientName, CognitoClientRegistration registration);

}
