package io.github.cognitotoken.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.RetryBackoff;
import io.github.cognitotoken.TokenRenewalPolicy;
import io.github.cognitotoken.autoconfigure.NamedCognitoClients.ConfiguredCognitoClient;
import io.github.cognitotoken.cache.SharedTokenCache;
import io.github.cognitotoken.cache.SharedTokenStore;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.CognitoClientSecretProvider;
import io.github.cognitotoken.endpoint.CognitoTokenRequestObservationConvention;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.github.cognitotoken.http.RedirectGuardingRequestFactoryBuilder;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * Builds the parts of every configured client the same way: its token endpoint client,
 * its shared cache and its token manager. It closes the shared caches it built.
 *
 * @author cognito-token contributors
 */
final class CognitoClientFactory implements DisposableBean {

	/**
	 * How much longer than a token request's deadline callers wait for it, so that the
	 * request's own timeout, which names its endpoint and aborts its connection, wins.
	 */
	static final Duration ATTEMPT_TIMEOUT_GRACE = Duration.ofSeconds(1);

	private final ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder;

	private final HttpClientSettings httpClientSettings;

	private final List<CognitoTokenManagerBuilderCustomizer> customizers;

	private final Clock clock;

	private final ObservationRegistry observationRegistry;

	private final @Nullable CognitoTokenRequestObservationConvention observationConvention;

	private final @Nullable CognitoTokenFetcherFactory fetcherFactory;

	private final @Nullable SharedTokenStore sharedTokenStore;

	private final @Nullable CognitoClientSecretProvider secretProvider;

	private final List<SharedTokenCache> sharedCaches = new ArrayList<>();

	private final Map<String, TokenEndpointClient> endpointClients = new ConcurrentHashMap<>();

	CognitoClientFactory(ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder,
			HttpClientSettings httpClientSettings, List<CognitoTokenManagerBuilderCustomizer> customizers,
			ObservationRegistry observationRegistry,
			@Nullable CognitoTokenRequestObservationConvention observationConvention,
			@Nullable CognitoTokenFetcherFactory fetcherFactory, @Nullable SharedTokenStore sharedTokenStore,
			@Nullable CognitoClientSecretProvider secretProvider) {
		// the token request needs the client's own factory: its deadline aborts it by
		// type
		this.requestFactoryBuilder = RedirectGuardingRequestFactoryBuilder.unwrap(requestFactoryBuilder);
		this.httpClientSettings = httpClientSettings;
		this.customizers = List.copyOf(customizers);
		// the clock that dates tokens must be the manager's
		this.clock = CognitoTokenClockCustomizer.clockOf(this.customizers.stream());
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.fetcherFactory = fetcherFactory;
		this.sharedTokenStore = sharedTokenStore;
		this.secretProvider = secretProvider;
	}

	Clock clock() {
		return this.clock;
	}

	/**
	 * Return the fetcher of a client: from the {@link CognitoTokenFetcherFactory} when
	 * there is one, otherwise a token endpoint client.
	 * @param client the client
	 * @return the fetcher
	 */
	CognitoTokenFetcher fetcher(ConfiguredCognitoClient client) {
		if (this.fetcherFactory != null) {
			CognitoClientRegistration registration = new CognitoClientPropertiesMapper(client.properties(),
					client.name())
				.asClientRegistration();
			return this.fetcherFactory.create(client.name(), registration);
		}
		return endpointClient(client);
	}

	TokenEndpointClient endpointClient(ConfiguredCognitoClient client) {
		CognitoClientProperties properties = client.properties();
		CognitoClientRegistration registration = new CognitoClientPropertiesMapper(properties, client.name())
			.asClientRegistration();
		// Never follow redirects: a redirect could carry the client secret to another
		// host
		HttpClientSettings settings = this.httpClientSettings
			.withTimeouts(properties.getConnectTimeout(), properties.getReadTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		Duration deadline = tokenRequestDeadline(properties);
		TokenEndpointClient endpointClient = new TokenEndpointClient(registration,
				tokenRequestFactory(this.requestFactoryBuilder, settings, deadline), this.clock,
				this.observationRegistry, deadline);
		endpointClient.setClientName(client.name());
		if (this.observationConvention != null) {
			endpointClient.setObservationConvention(this.observationConvention);
		}
		// the secret is asked for before each token request: the application's provider,
		// or else the client's properties, which a run-time change updates
		if (this.secretProvider instanceof ConfigurationClientSecretProvider configuration) {
			configuration.register(client.name(), client.prefix(), properties);
		}
		endpointClient.setClientSecretProvider(this.secretProvider);
		this.endpointClients.put(client.name(), endpointClient);
		return endpointClient;
	}

	/**
	 * Return the token endpoint clients built so far, by client name.
	 * @return the token endpoint clients
	 */
	Map<String, TokenEndpointClient> endpointClients() {
		return new TreeMap<>(this.endpointClients);
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

	/**
	 * Return the shared cache of a named client whose {@code cache.type} is
	 * {@code redis}.
	 * @param client the named client
	 * @return the shared cache, or {@code null} when the client keeps its token in memory
	 * @throws InvalidCognitoPropertyException when there is no store to share it in
	 */
	@Nullable SharedTokenCache sharedCache(ConfiguredCognitoClient client) {
		CognitoClientProperties properties = client.properties();
		if (properties.getCache().getType() != CognitoClientProperties.Cache.Type.REDIS) {
			return null;
		}
		if (this.sharedTokenStore == null) {
			throw new InvalidCognitoPropertyException(client.property("cache.type"),
					"is redis, but there is no Redis store for the shared token cache",
					"Add the org.springframework.boot:spring-boot-starter-data-redis dependency and point "
							+ "spring.data.redis.* at your Redis server, or set " + client.property("cache.type")
							+ "=memory.");
		}
		SharedTokenCache cache = new CognitoClientPropertiesMapper(properties, client.name())
			.asSharedTokenCache(this.sharedTokenStore, this.clock);
		synchronized (this.sharedCaches) {
			this.sharedCaches.add(cache);
		}
		return cache;
	}

	/**
	 * Build the token manager of a client.
	 * @param client the client
	 * @param fetcher what fetches its tokens
	 * @param sharedCache its shared cache, if any
	 * @return the manager
	 */
	CognitoTokenManager manager(ConfiguredCognitoClient client, CognitoTokenFetcher fetcher,
			@Nullable SharedTokenCache sharedCache) {
		CognitoClientProperties properties = client.properties();
		CognitoClientProperties.Retry retry = properties.getRetry();
		String name = client.name();
		// A shared cache is asked only when the in-memory token needs renewal
		CognitoTokenManager.Builder builder = CognitoTokenManager
			.builder((sharedCache != null) ? sharedCache.decorate(fetcher) : fetcher)
			// the same policy as the shared cache, which checks entries against it
			.renewalPolicy((sharedCache != null) ? sharedCache.getRenewalPolicy()
					: TokenRenewalPolicy.of(properties.getClockSkew(), properties.getRefreshAhead()))
			.failFast(properties.isFailFast())
			.forcedRenewalInterval(properties.getForcedRenewalInterval())
			.backoff(new RetryBackoff(retry.getInitialDelay(), retry.getMaxDelay(), retry.getMultiplier(),
					retry.getTerminalDelay()))
			.description(new CognitoClientPropertiesMapper(properties, name).asDescription())
			.failureAdvice((failure) -> CognitoTokenFailureAdvice.advise(failure, name, properties.getDomain() != null))
			// the token request aborts itself at its deadline; this bounds the wait for a
			// fetcher that does not (a custom one, or a request factory that ignores the
			// abort). The shared cache's lock wait and store timeouts bound it already.
			.attemptTimeout((sharedCache != null) ? Duration.ZERO
					// the simple client notices the deadline between reads: up to one
					// read timeout late
					: tokenRequestDeadline(properties).plus(properties.getReadTimeout()).plus(ATTEMPT_TIMEOUT_GRACE));
		CognitoClientProperties.Budget budget = properties.getBudget();
		Integer maxRequests = budget.getMaxRequests();
		builder.requestBudget((maxRequests != null) ? maxRequests : 0, budget.getPeriod());
		this.customizers.forEach((customizer) -> customizer.customize(name, builder));
		CognitoTokenManager manager = builder.build();
		if (this.secretProvider instanceof ConfigurationClientSecretProvider configuration) {
			// a secret changed at run time ends the wait after invalid_client
			configuration.onChange(name, manager::credentialsChanged);
		}
		return manager;
	}

	@Override
	public void destroy() {
		synchronized (this.sharedCaches) {
			this.sharedCaches.forEach(SharedTokenCache::close);
			this.sharedCaches.clear();
		}
	}

}
