package io.github.cognitotoken.benchmarks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.github.cognitotoken.http.CognitoBearerTokenInterceptor;
import io.github.cognitotoken.http.reactive.CognitoBearerTokenExchangeFilterFunction;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the two contenders with the same app client and token endpoint: this library's
 * {@link CognitoTokenManager} and Spring Security's
 * {@link AuthorizedClientServiceOAuth2AuthorizedClientManager} with an
 * {@link InMemoryOAuth2AuthorizedClientService}, the client-credentials provider and its
 * default token response client ({@code RestClientClientCredentialsTokenResponseClient}).
 * Both send token requests with the JDK {@link java.net.http.HttpClient}.
 * <p>
 * The reactive contenders are this library's
 * {@link CognitoBearerTokenExchangeFilterFunction} and Spring Security's
 * {@link ServerOAuth2AuthorizedClientExchangeFilterFunction} with an
 * {@link AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager}, an
 * {@link InMemoryReactiveOAuth2AuthorizedClientService} and the reactive
 * client-credentials provider, whose
 * {@link WebClientReactiveClientCredentialsTokenResponseClient} sends token requests
 * through a {@link JdkClientHttpConnector} (the JDK {@link java.net.http.HttpClient}
 * again).
 *
 * @author cognito-token contributors
 */
public final class Contenders {

	/**
	 * Client id of the benchmark app client.
	 */
	public static final String CLIENT_ID = "benchmark-client";

	/**
	 * Client secret of the benchmark app client.
	 */
	public static final String CLIENT_SECRET = "benchmark-secret";

	/**
	 * Registration id used with Spring Security.
	 */
	public static final String REGISTRATION_ID = "cognito";

	/**
	 * The fixed principal Spring Security stores the authorized client under (its best
	 * case: no security context lookup).
	 */
	public static final Authentication PRINCIPAL = UsernamePasswordAuthenticationToken.authenticated(CLIENT_ID, null,
			List.of());

	/**
	 * The principal Spring Security's reactive filter uses when the Reactor context holds
	 * no security context, as in a service that calls another with its own credentials:
	 * the filter's anonymous user.
	 */
	public static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("anonymous", "anonymousUser",
			AuthorityUtils.createAuthorityList("ROLE_USER"));

	private Contenders() {
	}

	/**
	 * Create this library's token manager through its public constructor.
	 * @param tokenUri the token endpoint
	 * @param clock the clock of the manager and of the token endpoint client
	 * @param clockSkew the clock skew
	 * @return the token manager (not started)
	 */
	public static CognitoTokenManager cognitoTokenManager(URI tokenUri, Clock clock, Duration clockSkew) {
		CognitoClientRegistration registration = new CognitoClientRegistration(CLIENT_ID, CLIENT_SECRET, tokenUri,
				List.of(), io.github.cognitotoken.endpoint.ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory();
		requestFactory.setReadTimeout(Duration.ofSeconds(10));
		return new CognitoTokenManager(new TokenEndpointClient(registration, requestFactory, clock), clock, clockSkew,
				false);
	}

	/**
	 * Create this library's interceptor for a token manager.
	 * @param tokenManager the token manager
	 * @return the interceptor (every host receives the token)
	 */
	public static CognitoBearerTokenInterceptor cognitoInterceptor(CognitoTokenManager tokenManager) {
		return new CognitoBearerTokenInterceptor(tokenManager);
	}

	/**
	 * Create this library's exchange filter function for a token manager.
	 * @param tokenManager the token manager
	 * @return the filter (every host receives the token, a 401 is replayed once)
	 */
	public static CognitoBearerTokenExchangeFilterFunction cognitoExchangeFilter(CognitoTokenManager tokenManager) {
		return new CognitoBearerTokenExchangeFilterFunction(tokenManager);
	}

	/**
	 * Create Spring Security's reactive client-credentials setup.
	 * @param tokenUri the token endpoint
	 * @param clockSkew the clock skew of the client-credentials provider
	 * @return the reactive Spring Security contender
	 */
	public static ReactiveSpringSecurity reactiveSpringSecurity(URI tokenUri, Duration clockSkew) {
		ClientRegistration registration = clientRegistration(tokenUri);
		InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
				registration);
		InMemoryReactiveOAuth2AuthorizedClientService authorizedClients = new InMemoryReactiveOAuth2AuthorizedClientService(
				registrations);
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		WebClientReactiveClientCredentialsTokenResponseClient tokenResponseClient = new WebClientReactiveClientCredentialsTokenResponseClient();
		tokenResponseClient.setWebClient(WebClient.builder().clientConnector(new JdkClientHttpConnector()).build());
		manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((clientCredentials) -> clientCredentials.clockSkew(clockSkew)
				.accessTokenResponseClient(tokenResponseClient))
			.build());
		ServerOAuth2AuthorizedClientExchangeFilterFunction filter = new ServerOAuth2AuthorizedClientExchangeFilterFunction(
				manager);
		filter.setDefaultClientRegistrationId(REGISTRATION_ID);
		return new ReactiveSpringSecurity(registration, authorizedClients, filter);
	}

	private static ClientRegistration clientRegistration(URI tokenUri) {
		return ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientId(CLIENT_ID)
			.clientSecret(CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(tokenUri.toString())
			.build();
	}

	/**
	 * Create Spring Security's client-credentials setup.
	 * @param tokenUri the token endpoint
	 * @param clockSkew the clock skew of the client-credentials provider (Spring
	 * Security's default is 60 seconds)
	 * @return the Spring Security contender
	 */
	public static SpringSecurity springSecurity(URI tokenUri, Duration clockSkew) {
		ClientRegistration registration = clientRegistration(tokenUri);
		InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
		InMemoryOAuth2AuthorizedClientService authorizedClients = new InMemoryOAuth2AuthorizedClientService(
				registrations);
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((clientCredentials) -> clientCredentials.clockSkew(clockSkew))
			.build());
		OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
		interceptor.setClientRegistrationIdResolver((request) -> REGISTRATION_ID);
		interceptor.setPrincipalResolver((request) -> PRINCIPAL);
		OAuth2AuthorizeRequest authorizeRequest = OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION_ID)
			.principal(PRINCIPAL)
			.build();
		return new SpringSecurity(registration, authorizedClients, manager, interceptor, authorizeRequest);
	}

	/**
	 * Spring Security's client-credentials setup for one app client and a fixed
	 * principal.
	 *
	 * @param registration the client registration
	 * @param authorizedClients where authorized clients are cached
	 * @param manager the authorized client manager
	 * @param interceptor the request interceptor, with a fixed registration id and
	 * principal
	 * @param authorizeRequest a reusable authorize request for the fixed principal
	 */
	public record SpringSecurity(ClientRegistration registration,
			InMemoryOAuth2AuthorizedClientService authorizedClients,
			AuthorizedClientServiceOAuth2AuthorizedClientManager manager,
			OAuth2ClientHttpRequestInterceptor interceptor, OAuth2AuthorizeRequest authorizeRequest) {

		/**
		 * Return the access token, as {@code manager.authorize(request)} gives it.
		 * @return the token value
		 */
		public String getToken() {
			OAuth2AuthorizedClient client = authorize();
			return client.getAccessToken().getTokenValue();
		}

		/**
		 * Return the value of the {@code Authorization} header, built the way
		 * {@link OAuth2ClientHttpRequestInterceptor} builds it.
		 * @return the header value
		 */
		public String getAuthorizationHeaderValue() {
			return "Bearer " + authorize().getAccessToken().getTokenValue();
		}

		private OAuth2AuthorizedClient authorize() {
			@Nullable OAuth2AuthorizedClient client = this.manager.authorize(this.authorizeRequest);
			if (client == null) {
				throw new IllegalStateException("Spring Security did not authorize the client");
			}
			return client;
		}

		/**
		 * Replace the cached authorized client with one whose token has expired.
		 */
		public void expireToken() {
			Instant now = Instant.now();
			OAuth2AccessToken expired = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "expired",
					now.minusSeconds(3700), now.minusSeconds(100));
			this.authorizedClients.saveAuthorizedClient(
					new OAuth2AuthorizedClient(this.registration, PRINCIPAL.getName(), expired), PRINCIPAL);
		}

	}

	/**
	 * Spring Security's reactive client-credentials setup for one app client: the filter
	 * has a default registration id and no security context, its best case for a service
	 * that calls another with its own credentials.
	 *
	 * @param registration the client registration
	 * @param authorizedClients where authorized clients are cached
	 * @param filter the exchange filter function
	 */
	public record ReactiveSpringSecurity(ClientRegistration registration,
			InMemoryReactiveOAuth2AuthorizedClientService authorizedClients,
			ServerOAuth2AuthorizedClientExchangeFilterFunction filter) {

		/**
		 * Replace the cached authorized client with one whose token has expired.
		 */
		public void expireToken() {
			Instant now = Instant.now();
			OAuth2AccessToken expired = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "expired",
					now.minusSeconds(3700), now.minusSeconds(100));
			this.authorizedClients
				.saveAuthorizedClient(new OAuth2AuthorizedClient(this.registration, ANONYMOUS.getName(), expired),
						ANONYMOUS)
				.block();
		}

	}

}
