package io.github.cognitotoken.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.github.cognitotoken.TokenRenewalPolicy;
import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.RetryBackoff;
import io.github.cognitotoken.cache.SharedTokenCache;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.CognitoClientSecretProvider;
import io.github.cognitotoken.endpoint.CognitoTokenRequestObservationConvention;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.github.cognitotoken.http.CognitoBearerTokenInterceptor;
import io.github.cognitotoken.http.CognitoRestClientCustomizer;
import io.github.cognitotoken.http.CognitoRestTemplateCustomizer;
import io.github.cognitotoken.http.RedirectGuardingRequestFactoryBuilder;
import io.github.cognitotoken.http.TargetHostMatcher;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
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
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
		"org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration" })
@ConditionalOnCognitoClient
@EnableConfigurationProperties(CognitoClientProperties.class)
public final class CognitoTokenAutoConfiguration {

	private static final Log logger = LogFactory.getLog(CognitoTokenAutoConfiguration.class);

	/**
	 * Name of Spring Boot's {@link ClientHttpRequestFactoryBuilder} bean.
	 */
	static final String BOOT_REQUEST_FACTORY_BUILDER = "clientHttpRequestFactoryBuilder";

	/**
	 * How much longer than a token request's deadline callers wait for it, so that the
	 * request's own timeout, which names its endpoint and aborts its connection, wins.
	 */
	static final Duration ATTEMPT_TIMEOUT_GRACE = Duration.ofSeconds(1);

	@Bean
	@ConditionalOnMissingBean(CognitoTokenFetcher.class)
	TokenEndpointClient cognitoTokenEndpointClient(CognitoClientProperties properties,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<CognitoTokenManagerBuilderCustomizer> customizers,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<CognitoTokenRequestObservationConvention> observationConvention,
			ObjectProvider<CognitoClientSecretProvider> secretProvider) {
		CognitoClientRegistration registration = new CognitoClientPropertiesMapper(properties).asClientRegistration();
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
		// the clock that dates tokens must be the manager's
		Clock clock = CognitoTokenClockCustomizer.clockOf(customizers.orderedStream());
		TokenEndpointClient client = new TokenEndpointClient(registration,
				tokenRequestFactory(builder, settings, deadline), clock,
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), deadline);
		observationConvention.ifUnique(client::setObservationConvention);
		// issue 13: the secret is asked for before each token request
		client.setClientName(DEFAULT_CLIENT_NAME);
		client.setClientSecretProvider(clientSecretProvider(secretProvider.getIfUnique(), DEFAULT_CLIENT_NAME,
				CognitoClientPropertiesValidator.DEFAULT_PREFIX, properties));
		return client;
	}

	/**
	 * Return the secret provider of a client: the application's, or else the one that
	 * reads the client's properties, with the client registered in it.
	 * @param provider the application's provider, or the default one
	 * @param name the client's name
	 * @param prefix the prefix of the client's properties
	 * @param properties the client's properties
	 * @return the secret provider of the client's token requests
	 */
	static @Nullable CognitoClientSecretProvider clientSecretProvider(@Nullable CognitoClientSecretProvider provider,
			String name, String prefix, CognitoClientProperties properties) {
		if (provider instanceof ConfigurationClientSecretProvider configuration) {
			configuration.register(name, prefix, properties);
		}
		return provider;
	}

	/**
	 * Name of the client configured under {@code cognito.client}.
	 */
	static final String DEFAULT_CLIENT_NAME = TokenEndpointClient.DEFAULT_CLIENT_NAME;

	/**
	 * The client secrets as the configuration properties hold them, refreshed when the
	 * environment changes at run time (with Spring Cloud).
	 * @return the secret provider
	 */
	@Bean
	@ConditionalOnMissingBean(CognitoClientSecretProvider.class)
	ConfigurationClientSecretProvider cognitoClientSecretProvider() {
		return new ConfigurationClientSecretProvider();
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
			// before it, decide, so the request fails as a timeout and not as a closed
			// stream
			jdk.setReadTimeout(deadline.plusSeconds(1));
		}
		return requestFactory;
	}

	@Bean
	@ConditionalOnMissingBean
	CognitoTokenManager cognitoTokenManager(CognitoClientProperties properties, CognitoTokenFetcher fetcher,
			ObjectProvider<CognitoTokenManagerBuilderCustomizer> customizers,
			ObjectProvider<SharedTokenCache> sharedTokenCache, Environment environment,
			ObjectProvider<ConfigurationClientSecretProvider> secretProvider) {
		CredentialLoggers.warnIfEnabled(environment);
		CognitoClientProperties.Retry retry = properties.getRetry();
		// A shared cache is asked only when the in-memory token needs renewal
		SharedTokenCache sharedCache = sharedTokenCache.getIfUnique();
		CognitoTokenManager.Builder builder = CognitoTokenManager
			.builder((sharedCache != null) ? sharedCache.decorate(fetcher) : fetcher)
			// the same policy as the shared cache, which checks entries against it
			.renewalPolicy((sharedCache != null) ? sharedCache.getRenewalPolicy()
					: TokenRenewalPolicy.of(properties.getClockSkew(), properties.getRefreshAhead()))
			.failFast(properties.isFailFast())
			.forcedRenewalInterval(properties.getForcedRenewalInterval())
			.backoff(new RetryBackoff(retry.getInitialDelay(), retry.getMaxDelay(), retry.getMultiplier(),
					retry.getTerminalDelay()))
			.description(new CognitoClientPropertiesMapper(properties).asDescription())
			.failureAdvice(CognitoTokenFailureAdvice::advise)
			// the token request aborts itself at its deadline; this bounds the wait for a
			// fetcher that does not (a custom one, or a request factory that ignores the
			// abort). The shared cache's lock wait and store timeouts bound it already.
			.attemptTimeout((sharedCache != null) ? Duration.ZERO
					// the simple client notices the deadline between reads: up to one
					// read
					// timeout late
					: tokenRequestDeadline(properties).plus(properties.getReadTimeout()).plus(ATTEMPT_TIMEOUT_GRACE));
		// issue 13: the request budget
		CognitoClientProperties.Budget budget = properties.getBudget();
		Integer maxRequests = budget.getMaxRequests();
		builder.requestBudget((maxRequests != null) ? maxRequests : 0, budget.getPeriod());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		CognitoTokenManager manager = builder.build();
		// issue 13: a secret changed at run time ends the wait after invalid_client
		secretProvider.ifUnique((provider) -> provider.onChange(DEFAULT_CLIENT_NAME, manager::credentialsChanged));
		return manager;
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
		CognitoClientPropertiesMapper mapper = new CognitoClientPropertiesMapper(properties);
		if (mapper.restrictsTargetHosts()) {
			return mapper.asTargetHostMatcher();
		}
		logger.warn("Every request from Spring Boot's RestClient, RestTemplate and WebClient builders carries the "
				+ "Cognito token (to any host over https, and to loopback hosts over http): neither "
				+ "cognito.client.target-hosts nor cognito.client.base-url is set. Set cognito.client.target-hosts "
				+ "to the hosts of the APIs that expect the token, for example api.example.com, so that calls to "
				+ "other services through the same builders do not receive it");
		return mapper.asTargetHostMatcher();
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
			String baseUrl = new CognitoClientPropertiesMapper(properties).baseUrl();
			if (baseUrl != null) {
				restClientBuilder.baseUrl(baseUrl);
			}
			return restClientBuilder.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RedirectGuardConfiguration {

		/**
		 * Wrap Spring Boot's request factory builder, once every customizer has been
		 * applied to it, so that requests carrying the token never follow redirects
		 * inside the HTTP client: the interceptor follows them and decides per hop.
		 * @return the post-processor
		 */
		@Bean
		static BeanPostProcessor cognitoRedirectGuardingRequestFactoryBuilderPostProcessor() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					// Boot's bean, declared as the interface, so wrapping keeps its type
					return (bean instanceof ClientHttpRequestFactoryBuilder<?> builder
							&& BOOT_REQUEST_FACTORY_BUILDER.equals(beanName))
									? RedirectGuardingRequestFactoryBuilder.of(builder) : bean;
				}

			};
		}

		/**
		 * Spring Boot configures no request factory builder in a reactive web
		 * application, and RestClient then detects one on each use: give it a guarded
		 * one.
		 * @param resourceLoader the resource loader
		 * @return the builder
		 */
		@Bean(BOOT_REQUEST_FACTORY_BUILDER)
		@ConditionalOnMissingBean
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		ClientHttpRequestFactoryBuilder<?> clientHttpRequestFactoryBuilder(ResourceLoader resourceLoader) {
			return RedirectGuardingRequestFactoryBuilder
				.of(ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader()));
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

	/**
	 * Issue 13: secrets that change at run time, with Spring Cloud's
	 * {@code EnvironmentChangeEvent}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.cloud.context.environment.EnvironmentChangeEvent")
	static class SecretRefreshConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CognitoClientSecretRefresher cognitoClientSecretRefresher(ConfigurableEnvironment environment,
				ObjectProvider<ConfigurationClientSecretProvider> secretProvider) {
			return new CognitoClientSecretRefresher(environment, secretProvider);
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
