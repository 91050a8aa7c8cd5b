package io.github.cognitotoken.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.CognitoTokenManagers;
import io.github.cognitotoken.autoconfigure.NamedCognitoClients.ConfiguredCognitoClient;
import io.github.cognitotoken.cache.SharedTokenCache;
import io.github.cognitotoken.cache.SharedTokenStore;
import io.github.cognitotoken.endpoint.CognitoClientSecretProvider;
import io.github.cognitotoken.endpoint.CognitoTokenRequestObservationConvention;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.github.cognitotoken.http.CognitoBearerTokenInterceptor;
import io.github.cognitotoken.http.CognitoClientRouter;
import io.github.cognitotoken.http.CognitoRestClientCustomizer;
import io.github.cognitotoken.http.CognitoRestTemplateCustomizer;
import io.github.cognitotoken.http.RedirectGuardingRequestFactoryBuilder;
import io.github.cognitotoken.http.TargetHostMatcher;
import io.github.cognitotoken.metrics.CognitoTokenEndpointMetrics;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * Auto-configuration for calling APIs protected by Amazon Cognito client-credentials
 * tokens: a {@link CognitoTokenManager} per configured client that fetches the first
 * token at startup and caches it, all of them in {@link CognitoTokenManagers}, and a
 * bearer token interceptor on every {@link RestClient} and {@link RestTemplate} built
 * from the auto-configured builders, which a {@link CognitoClientRouter} tells whose
 * token a request carries. Active when {@code cognito.client.client-id} or the
 * {@code client-id} of a named client ({@code cognito.clients.<name>.client-id}) is set.
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

	@Bean
	@ConditionalOnMissingBean
	CognitoClientFactory cognitoClientFactory(ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<CognitoTokenManagerBuilderCustomizer> customizers,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<CognitoTokenRequestObservationConvention> observationConvention,
			ObjectProvider<CognitoTokenFetcherFactory> fetcherFactory,
			ObjectProvider<SharedTokenStore> sharedTokenStore,
			ObjectProvider<CognitoClientSecretProvider> secretProvider) {
		return new CognitoClientFactory(requestFactoryBuilder.getIfAvailable(ClientHttpRequestFactoryBuilder::detect),
				httpClientSettings.getIfAvailable(HttpClientSettings::defaults), customizers.orderedStream().toList(),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), observationConvention.getIfUnique(),
				fetcherFactory.getIfUnique(), sharedTokenStore.getIfUnique(), secretProvider.getIfUnique());
	}

	/**
	 * The client secrets as the configuration properties of each client hold them,
	 * refreshed when the environment changes at run time (with Spring Cloud).
	 * @return the secret provider
	 */
	@Bean
	@ConditionalOnMissingBean(CognitoClientSecretProvider.class)
	ConfigurationClientSecretProvider cognitoClientSecretProvider() {
		return new ConfigurationClientSecretProvider();
	}

	@Bean
	@ConditionalOnMissingBean({ CognitoTokenFetcher.class, CognitoTokenFetcherFactory.class })
	@ConditionalOnProperty(prefix = "cognito.client", name = "client-id")
	TokenEndpointClient cognitoTokenEndpointClient(CognitoClientProperties properties, CognitoClientFactory factory) {
		return factory.endpointClient(defaultClient(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = "cognito.client", name = "client-id")
	CognitoTokenManager cognitoTokenManager(CognitoClientProperties properties, CognitoClientFactory factory,
			ObjectProvider<CognitoTokenFetcher> fetcher, ObjectProvider<SharedTokenCache> sharedTokenCache,
			Environment environment) {
		CredentialLoggers.warnIfEnabled(environment);
		ConfiguredCognitoClient client = defaultClient(properties);
		return factory.manager(client, fetcher.getIfUnique(() -> factory.fetcher(client)),
				sharedTokenCache.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	ConfiguredCognitoClients cognitoConfiguredClients(CognitoClientProperties properties, Environment environment) {
		return new ConfiguredCognitoClients(NamedCognitoClients.bind(environment, properties));
	}

	@Bean
	@ConditionalOnMissingBean
	CognitoTokenManagers cognitoTokenManagers(ConfiguredCognitoClients clients, CognitoClientFactory factory,
			ObjectProvider<CognitoTokenManager> defaultManager, Environment environment) {
		Map<String, CognitoTokenManager> managers = new LinkedHashMap<>();
		CognitoTokenManager defaultTokenManager = defaultManager.getIfUnique();
		if (defaultTokenManager != null) {
			managers.put(CognitoTokenManagers.DEFAULT, defaultTokenManager);
		}
		if (!clients.named().isEmpty() && defaultTokenManager == null) {
			CredentialLoggers.warnIfEnabled(environment);
		}
		for (ConfiguredCognitoClient client : clients.named()) {
			managers.put(client.name(), factory.manager(client, factory.fetcher(client), factory.sharedCache(client)));
		}
		Set<String> owned = new LinkedHashSet<>(managers.keySet());
		owned.remove(CognitoTokenManagers.DEFAULT);
		return CognitoTokenManagers.of(managers, owned);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = "cognito.client", name = "client-id")
	TargetHostMatcher cognitoTargetHostMatcher(CognitoClientProperties properties) {
		return targetHosts(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	CognitoClientRouter cognitoClientRouter(CognitoTokenManagers managers, ConfiguredCognitoClients clients,
			CognitoClientProperties properties, ObjectProvider<TargetHostMatcher> defaultTargetHosts) {
		CognitoClientRouter.Builder router = CognitoClientRouter.builder();
		List<ConfiguredCognitoClient> all = new ArrayList<>();
		CognitoTokenManager defaultManager = managers.find(CognitoTokenManagers.DEFAULT);
		if (defaultManager != null) {
			// never every host because two matchers are ambiguous: getIfUnique is null
			// then
			router.defaultClient(defaultManager, defaultTargetHosts.getIfUnique(TargetHostMatcher::anyHost),
					properties.isRetryOnUnauthorized());
			if (properties.getClientId() != null) {
				all.add(defaultClient(properties));
			}
		}
		for (ConfiguredCognitoClient client : clients.named()) {
			CognitoClientProperties clientProperties = client.properties();
			router.client(client.name(), managers.get(client.name()),
					new CognitoClientPropertiesMapper(clientProperties, client.name()).asTargetHostMatcher(),
					clientProperties.isRetryOnUnauthorized());
			all.add(client);
		}
		try {
			for (ConfiguredCognitoClient client : all) {
				if (!client.properties().getTargetHosts().isEmpty()) {
					router.routeByHost(client.name(), client.property("target-hosts"));
				}
				for (String group : client.properties().getHttpServiceGroups()) {
					router.group(group.trim(), client.name(), client.property("http-service-groups"));
				}
				for (String feignClient : client.properties().getFeignClients()) {
					router.feignClient(feignClient.trim(), client.name(), client.property("feign-clients"));
				}
			}
		}
		catch (IllegalArgumentException ex) {
			String message = String.valueOf(ex.getMessage());
			String property = message.substring(0, Math.max(0, message.indexOf(' ')));
			throw new InvalidCognitoPropertyException(property, "conflicts with another client: " + message,
					"Give each host entry, each HTTP service group and each Feign client to one client only; "
							+ "choose a client per request with @CognitoClient or CognitoClientAttributes where "
							+ "several clients call the same API.");
		}
		return router.build();
	}

	@Bean
	@ConditionalOnMissingBean
	CognitoBearerTokenInterceptor cognitoBearerTokenInterceptor(CognitoClientRouter router) {
		return new CognitoBearerTokenInterceptor(router);
	}

	private static ConfiguredCognitoClient defaultClient(CognitoClientProperties properties) {
		return new ConfiguredCognitoClient(CognitoTokenManagers.DEFAULT, properties);
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
		logger.warn("Every request from Spring Boot's RestClient, RestTemplate and WebClient builders that no named "
				+ "client claims carries the Cognito token of cognito.client (to any host over https, and to loopback "
				+ "hosts over http): neither cognito.client.target-hosts nor cognito.client.base-url is set. Set "
				+ "cognito.client.target-hosts to the hosts of the APIs that expect the token, for example "
				+ "api.example.com, so that calls to other services through the same builders do not receive it");
		return mapper.asTargetHostMatcher();
	}

	/**
	 * The named clients, bound and validated once.
	 *
	 * @param named the named clients
	 */
	record ConfiguredCognitoClients(List<ConfiguredCognitoClient> named) {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientHttpServiceGroupConfigurer.class)
	static class RestClientHttpServiceGroupConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cognitoRestClientHttpServiceGroupConfigurer")
		RestClientHttpServiceGroupConfigurer cognitoRestClientHttpServiceGroupConfigurer(
				CognitoBearerTokenInterceptor interceptor) {
			return new CognitoRestClientHttpServiceGroupConfigurer(interceptor);
		}

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
		@ConditionalOnProperty(prefix = "cognito.client", name = "client-id")
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
	 * The {@code cognito.token.issued} counter of every client whose token endpoint
	 * client this auto-configuration built: what Cognito bills.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static class TokenEndpointMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CognitoTokenEndpointMetrics cognitoTokenEndpointMetrics(CognitoClientFactory factory,
				CognitoTokenManagers managers) {
			// every client's token endpoint client exists once the managers do
			return new CognitoTokenEndpointMetrics(factory.endpointClients().values());
		}

	}

	/**
	 * Secrets that change at run time, with Spring Cloud's
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
