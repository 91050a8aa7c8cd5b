package io.github.cognitotoken.autoconfigure;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.RetryBackoff;
import io.github.cognitotoken.cache.SharedTokenCache;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.github.cognitotoken.http.CognitoBearerTokenInterceptor;
import io.github.cognitotoken.http.CognitoRestClientCustomizer;
import io.github.cognitotoken.http.CognitoRestTemplateCustomizer;
import io.github.cognitotoken.http.RedirectGuardingRequestFactoryBuilder;
import io.github.cognitotoken.http.TargetHostMatcher;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Auto-configuration for calling APIs protected by Amazon Cognito client-credentials
 * tokens: a {@link CognitoTokenManager} that fetches the first token at startup and
 * caches it, and a bearer token interceptor on every {@link RestClient} and
 * {@link RestTemplate} built from the auto-configured builders. Active when
 * {@code cognito.client.client-id} is set.
 *
 * @author cognito-token contributors
 */
@AutoConfiguration(afterName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
		"org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration" })
@ConditionalOnProperty(prefix = "cognito.client", name = "client-id")
@ConditionalOnBooleanProperty(name = "cognito.client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CognitoClientProperties.class)
public final class CognitoTokenAutoConfiguration {

	private static final Log logger = LogFactory.getLog(CognitoTokenAutoConfiguration.class);

	/**
	 * How much longer than a token request's deadline callers wait for it, so that the
	 * request's own timeout, which names its endpoint and aborts its connection, wins.
	 */
	static final Duration ATTEMPT_TIMEOUT_GRACE = Duration.ofSeconds(1);

	@Bean
	@ConditionalOnMissingBean(CognitoTokenFetcher.class)
	TokenEndpointClient cognitoTokenEndpointClient(CognitoClientProperties properties,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<Clock> clock,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		CognitoClientRegistration registration = new CognitoClientRegistration(properties.getClientId(),
				properties.getClientSecret(),
				CognitoClientPropertiesValidator.tokenEndpoint(properties.getTokenEndpoint()),
				CognitoClientPropertiesValidator.scopes(properties.getScope()),
				properties.getClientAuthenticationMethod());
		// Never follow redirects: a redirect could carry the client secret to another
		// host
		HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.getConnectTimeout(), properties.getReadTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		// the token request needs the client's own factory: its deadline aborts it by
		// type
		ClientHttpRequestFactoryBuilder<?> builder = RedirectGuardingRequestFactoryBuilder
			.unwrap(requestFactoryBuilder.getIfAvailable(ClientHttpRequestFactoryBuilder::detect));
		Duration deadline = tokenRequestDeadline(properties);
		return new TokenEndpointClient(registration, tokenRequestFactory(builder, settings, deadline), clock(clock),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), deadline);
	}

	/**
	 * Return the deadline of a token request: the connect timeout plus the read timeout.
	 * @param properties the properties
	 * @return the deadline
	 */
	static Duration tokenRequestDeadline(CognitoClientProperties properties) {
		return properties.getConnectTimeout().plus(properties.getReadTimeout());
	}

	/**
	 * Build the request factory of token requests with the user's builder.
	 * @param builder the builder of request factories
	 * @param settings the settings of token requests
	 * @param deadline the deadline of a token request
	 * @return the request factory
	 */
	static ClientHttpRequestFactory tokenRequestFactory(ClientHttpRequestFactoryBuilder<?> builder,
			HttpClientSettings settings, Duration deadline) {
		ClientHttpRequestFactory requestFactory = builder.build(settings);
		if (requestFactory instanceof JdkClientHttpRequestFactory jdk) {
			// Spring's "read timeout" of the JDK client is a timeout of the whole
			// response that closes the body under the reader: let the deadline, just
			// before it,
			// decide, so the request fails as a timeout and not as a closed stream
			jdk.setReadTimeout(deadline.plusSeconds(1));
		}
		return requestFactory;
	}

	@Bean
	@ConditionalOnMissingBean
	CognitoTokenManager cognitoTokenManager(CognitoClientProperties properties, CognitoTokenFetcher fetcher,
			ObjectProvider<Clock> clock, ObjectProvider<SharedTokenCache> sharedTokenCache, Environment environment) {
		CredentialLoggers.warnIfEnabled(environment);
		CognitoClientProperties.Retry retry = properties.getRetry();
		// A shared cache is asked only when the in-memory token needs renewal
		SharedTokenCache sharedCache = sharedTokenCache.getIfUnique();
		return CognitoTokenManager.builder((sharedCache != null) ? sharedCache.decorate(fetcher) : fetcher)
			.clock(clock(clock))
			// the same policy as the shared cache, which checks entries against it
			.renewalPolicy((sharedCache != null) ? sharedCache.getRenewalPolicy()
					: io.github.cognitotoken.TokenRenewalPolicy.of(properties.getClockSkew(),
							properties.getRefreshAhead()))
			.failFast(properties.isFailFast())
			.forcedRenewalInterval(properties.getForcedRenewalInterval())
			.backoff(new RetryBackoff(retry.getInitialDelay(), retry.getMaxDelay(), retry.getMultiplier(),
					retry.getTerminalDelay()))
			.description(describe(properties))
			.failureAdvice(CognitoTokenFailureAdvice::advise)
			// the token request aborts itself at its deadline; this bounds the wait for a
			// fetcher that does not (a custom one, or a request factory that ignores the
			// abort). The shared cache's lock wait and store timeouts bound it already.
			.attemptTimeout((sharedCache != null) ? Duration.ZERO
					: tokenRequestDeadline(properties).plus(ATTEMPT_TIMEOUT_GRACE))
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	TargetHostMatcher cognitoTargetHostMatcher(CognitoClientProperties properties) {
		return targetHosts(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	CognitoBearerTokenInterceptor cognitoBearerTokenInterceptor(CognitoTokenManager tokenManager,
			TargetHostMatcher targetHosts, CognitoClientProperties properties) {
		return new CognitoBearerTokenInterceptor(tokenManager, targetHosts, properties.isRetryOnUnauthorized());
	}

	/**
	 * The hosts that receive the token: {@code target-hosts} when set, otherwise the host
	 * of {@code base-url}, otherwise every host (with a warning, since a call to a third
	 * party through the same builders would carry the token too).
	 */
	static TargetHostMatcher targetHosts(CognitoClientProperties properties) {
		List<String> targetHosts = properties.getTargetHosts();
		if (!targetHosts.isEmpty()) {
			return TargetHostMatcher.of(targetHosts);
		}
		String baseUrl = properties.getBaseUrl();
		if (StringUtils.hasText(baseUrl)) {
			return TargetHostMatcher.forBaseUrl(URI.create(baseUrl.trim()));
		}
		logger.warn("Every request from Spring Boot's RestClient, RestTemplate and WebClient builders carries the "
				+ "Cognito token (to any host over https, and to loopback hosts over http): neither "
				+ "cognito.client.target-hosts nor cognito.client.base-url is set. Set cognito.client.target-hosts "
				+ "to the hosts of the APIs that expect the token, for example api.example.com, so that calls to "
				+ "other services through the same builders do not receive it");
		return TargetHostMatcher.anyHost();
	}

	private static String describe(CognitoClientProperties properties) {
		String clientId = properties.getClientId();
		String prefix = CognitoClientRegistration.clientIdPrefix((clientId != null) ? clientId : "");
		List<String> scopes = CognitoClientPropertiesValidator.scopes(properties.getScope());
		return "client " + prefix + (scopes.isEmpty() ? "" : " (scope " + String.join(" ", scopes) + ")");
	}

	private static Clock clock(ObjectProvider<Clock> clock) {
		return clock.getIfUnique(Clock::systemUTC);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class })
	static class RestClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CognitoRestClientCustomizer cognitoRestClientCustomizer(CognitoBearerTokenInterceptor interceptor) {
			return new CognitoRestClientCustomizer(interceptor);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(RestClient.Builder.class)
		RestClient cognitoRestClient(RestClient.Builder restClientBuilder, CognitoClientProperties properties) {
			String baseUrl = properties.getBaseUrl();
			if (StringUtils.hasText(baseUrl)) {
				restClientBuilder.baseUrl(baseUrl);
			}
			return restClientBuilder.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ClientHttpRequestFactoryBuilderCustomizer.class)
	static class RedirectGuardConfiguration {

		/**
		 * Wrap Spring Boot's request factory builder (last, after the user's own
		 * customizers) so that requests carrying the token never follow redirects inside
		 * the HTTP client: the interceptor follows them and decides per hop.
		 * @return the customizer
		 */
		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		@ConditionalOnMissingBean(name = "cognitoRedirectGuardingRequestFactoryBuilderCustomizer")
		static ClientHttpRequestFactoryBuilderCustomizer<ClientHttpRequestFactoryBuilder<?>> cognitoRedirectGuardingRequestFactoryBuilderCustomizer() {
			return RedirectGuardingRequestFactoryBuilder::of;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestTemplate.class, RestTemplateCustomizer.class })
	static class RestTemplateConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CognitoRestTemplateCustomizer cognitoRestTemplateCustomizer(CognitoBearerTokenInterceptor interceptor) {
			return new CognitoRestTemplateCustomizer(interceptor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ActuatorSanitizingConfiguration {

		/**
		 * Boot shows no values in /env and /configprops by default, but shows them all
		 * with {@code show-values=always}: keep the client secret hidden even then.
		 * @return a function that masks every client secret
		 */
		@Bean
		@ConditionalOnMissingBean(name = "cognitoClientSecretSanitizingFunction")
		SanitizingFunction cognitoClientSecretSanitizingFunction() {
			return SanitizingFunction.sanitizeValue().ifKeyMatches(CognitoTokenAutoConfiguration::isClientSecretKey);
		}

	}

	static boolean isClientSecretKey(String key) {
		// cognito.client.client-secret, clientSecret, COGNITO_CLIENT_CLIENTSECRET, ...
		StringBuilder normalized = new StringBuilder(key.length());
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (Character.isLetterOrDigit(c)) {
				normalized.append(Character.toLowerCase(c));
			}
		}
		return normalized.toString().endsWith("clientsecret");
	}

}
