package io.github.cognitotoken.benchmarks.startup;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.client.RestClient;

/**
 * The same small application wired with Spring Security's client credentials, as its
 * reference documentation shows for {@code RestClient}: a client registration, an
 * in-memory authorized client service, an
 * {@link AuthorizedClientServiceOAuth2AuthorizedClientManager} with the
 * client-credentials provider, and {@link OAuth2ClientHttpRequestInterceptor} on the
 * {@link RestClient} (registration id and principal fixed, as in the other benchmarks).
 * Spring Boot's OAuth2 client module is not on the class path, so the beans are declared
 * here.
 *
 * @author cognito-token contributors
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SpringSecurityStartupApplication {

	private static final String REGISTRATION_ID = "cognito";

	@Bean
	ClientRegistrationRepository clientRegistrationRepository(@Value("${benchmark.client-id}") String clientId,
			@Value("${benchmark.client-secret}") String clientSecret,
			@Value("${benchmark.token-uri}") String tokenUri) {
		return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientId(clientId)
			.clientSecret(clientSecret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(tokenUri)
			.build());
	}

	@Bean
	OAuth2AuthorizedClientService authorizedClientService(ClientRegistrationRepository registrations) {
		return new InMemoryOAuth2AuthorizedClientService(registrations);
	}

	@Bean
	OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientService authorizedClients) {
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager
			.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
		return manager;
	}

	@Bean(StartupApplication.REST_CLIENT_BEAN)
	RestClient benchmarkRestClient(RestClient.Builder builder, OAuth2AuthorizedClientManager manager,
			@Value("${benchmark.client-id}") String clientId) {
		Authentication principal = UsernamePasswordAuthenticationToken.authenticated(clientId, null, List.of());
		OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
		interceptor.setClientRegistrationIdResolver((request) -> REGISTRATION_ID);
		interceptor.setPrincipalResolver((request) -> principal);
		return builder.requestInterceptor(interceptor).build();
	}

}
