package io.github.cognitotoken.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.cognitotoken.endpoint.ClientAuthenticationMethod;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Cognito app client whose tokens the HTTP clients carry.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@ConfigurationProperties("cognito.client")
public class CognitoClientProperties implements InitializingBean {

	/**
	 * Whether to enable the Cognito token auto-configuration.
	 */
	private boolean enabled = true;

	/**
	 * Client ID of the Cognito app client. The auto-configuration activates when it is
	 * set.
	 */
	private @Nullable String clientId;

	/**
	 * Client secret of the Cognito app client.
	 */
	private @Nullable String clientSecret;

	/**
	 * Previous client secret of the app client, while a secret rotation is under way:
	 * tried once, right away, when Cognito rejects client-secret with invalid_client.
	 */
	private @Nullable String previousClientSecret;

	/**
	 * Absolute URL of the token endpoint, such as
	 * https://<domain>.auth.<region>.amazoncognito.com/oauth2/token, with a path and
	 * without user information, query string or fragment. Must use https, except for a
	 * loopback host (localhost, 127.0.0.1, [::1]). Required unless domain and region are
	 * set.
	 */
	private @Nullable String tokenEndpoint;

	/**
	 * Prefix domain of the user pool, such as my-domain: with region, gives the token
	 * endpoint https://<domain>.auth.<region>.amazoncognito.com/oauth2/token. Set it or
	 * token-endpoint (for a custom domain), not both.
	 */
	private @Nullable String domain;

	/**
	 * AWS Region of the user pool's prefix domain, such as eu-west-1.
	 */
	private @Nullable String region;

	/**
	 * Whether the prefix domain's FIPS endpoint (auth-fips) is used: required in AWS
	 * GovCloud (US), available in the US Regions.
	 */
	private boolean fips;

	/**
	 * Scopes to request, such as orders/read; sent space-separated. When empty, Cognito
	 * grants every custom scope enabled on the app client.
	 */
	private List<String> scope = new ArrayList<>();

	/**
	 * How the client authenticates to the token endpoint: client_secret_basic (HTTP
	 * Basic) or client_secret_post (credentials in the form body).
	 */
	private ClientAuthenticationMethod clientAuthenticationMethod = ClientAuthenticationMethod.CLIENT_SECRET_BASIC;

	/**
	 * Client metadata sent with every token request as the JSON object of
	 * aws_client_metadata, for the user pool's pre token generation Lambda trigger. Keys
	 * keep their case; write a key with characters other than letters, digits and '-' in
	 * brackets, such as [tenant_id]. Values are strings; Cognito neither stores nor
	 * encrypts them. At most 4096 characters as JSON. Part of the shared cache key.
	 */
	private Map<String, String> clientMetadata = new LinkedHashMap<>();

	/**
	 * Connect timeout for token requests, from 1ms to 5m.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Read timeout for token requests, from 1ms to 5m.
	 */
	private Duration readTimeout = Duration.ofSeconds(10);

	/**
	 * How long before its expiry a token stops being used, at most 1d. Capped at half of
	 * the token's lifetime, so short-lived tokens are still reused.
	 */
	private Duration clockSkew = Duration.ofSeconds(60);

	/**
	 * How long before its expiry a token is renewed in the background, so that callers
	 * never wait for the token endpoint, at most 1d. Capped at half of the token's
	 * lifetime; a small random jitter is subtracted so that a fleet does not renew in the
	 * same second.
	 */
	private Duration refreshAhead = Duration.ofMinutes(5);

	/**
	 * Whether a 401 answer to a request that carried the token renews the token and sends
	 * the request once more.
	 */
	private boolean retryOnUnauthorized = true;

	/**
	 * Shortest time between two token renewals forced by 401 answers, so that an API that
	 * rejects every token cannot cause a token request per call. At least 10s (at most 6
	 * forced renewals a minute), at most 1d.
	 */
	private Duration forcedRenewalInterval = Duration.ofSeconds(30);

	/**
	 * Backoff between token requests after a failure.
	 */
	private final Retry retry = new Retry();

	/**
	 * Token cache shared by the instances of a service.
	 */
	private final Cache cache = new Cache();

	/**
	 * Ceiling on the token requests of the client.
	 */
	private final Budget budget = new Budget();

	/**
	 * Whether startup waits for the first token and fails when it cannot be obtained.
	 * When false, the first token is fetched in the background while the application
	 * starts.
	 */
	private boolean failFast;

	/**
	 * Hosts that receive the token, each a host name or a *.domain pattern. When empty,
	 * every request from the customized RestClient and RestTemplate builders gets it.
	 */
	private List<String> targetHosts = new ArrayList<>();

	/**
	 * Base URL of the auto-configured RestClient.
	 */
	private @Nullable String baseUrl;

	/**
	 * Names of the HTTP service groups (@ImportHttpServices) whose clients, RestClient
	 * and WebClient based, carry this client's token. A group belongs to one client.
	 */
	private List<String> httpServiceGroups = new ArrayList<>();

	/**
	 * Names or context ids of the Feign clients (@FeignClient) whose requests carry this
	 * client's token. A Feign client belongs to one client.
	 */
	private List<String> feignClients = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public @Nullable String getPreviousClientSecret() {
		return this.previousClientSecret;
	}

	public void setPreviousClientSecret(@Nullable String previousClientSecret) {
		this.previousClientSecret = previousClientSecret;
	}

	public @Nullable String getDomain() {
		return this.domain;
	}

	public void setDomain(@Nullable String domain) {
		this.domain = domain;
	}

	public @Nullable String getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable String region) {
		this.region = region;
	}

	public boolean isFips() {
		return this.fips;
	}

	public void setFips(boolean fips) {
		this.fips = fips;
	}

	public Budget getBudget() {
		return this.budget;
	}

	public @Nullable String getTokenEndpoint() {
		return this.tokenEndpoint;
	}

	public void setTokenEndpoint(@Nullable String tokenEndpoint) {
		this.tokenEndpoint = tokenEndpoint;
	}

	public List<String> getScope() {
		return this.scope;
	}

	public void setScope(List<String> scope) {
		this.scope = scope;
	}

	public ClientAuthenticationMethod getClientAuthenticationMethod() {
		return this.clientAuthenticationMethod;
	}

	public void setClientAuthenticationMethod(ClientAuthenticationMethod clientAuthenticationMethod) {
		this.clientAuthenticationMethod = clientAuthenticationMethod;
	}

	public Map<String, String> getClientMetadata() {
		return this.clientMetadata;
	}

	public void setClientMetadata(Map<String, String> clientMetadata) {
		this.clientMetadata = clientMetadata;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public Duration getClockSkew() {
		return this.clockSkew;
	}

	public void setClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public Duration getRefreshAhead() {
		return this.refreshAhead;
	}

	public void setRefreshAhead(Duration refreshAhead) {
		this.refreshAhead = refreshAhead;
	}

	public boolean isRetryOnUnauthorized() {
		return this.retryOnUnauthorized;
	}

	public void setRetryOnUnauthorized(boolean retryOnUnauthorized) {
		this.retryOnUnauthorized = retryOnUnauthorized;
	}

	public Duration getForcedRenewalInterval() {
		return this.forcedRenewalInterval;
	}

	public void setForcedRenewalInterval(Duration forcedRenewalInterval) {
		this.forcedRenewalInterval = forcedRenewalInterval;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Cache getCache() {
		return this.cache;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	public List<String> getTargetHosts() {
		return this.targetHosts;
	}

	public void setTargetHosts(List<String> targetHosts) {
		this.targetHosts = targetHosts;
	}

	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public List<String> getHttpServiceGroups() {
		return this.httpServiceGroups;
	}

	public void setHttpServiceGroups(List<String> httpServiceGroups) {
		this.httpServiceGroups = httpServiceGroups;
	}

	public List<String> getFeignClients() {
		return this.feignClients;
	}

	public void setFeignClients(List<String> feignClients) {
		this.feignClients = feignClients;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.clientId == null && !this.enabled) {
			return;
		}
		if (this.clientId == null) {
			// only named clients: their defaults must still be valid
			CognitoClientPropertiesValidator.validateConnectionSettings(this);
			return;
		}
		CognitoClientPropertiesValidator.validate(this);
	}

	/**
	 * Copy the settings that a named client inherits from {@code cognito.client}: how to
	 * reach the token endpoint and how to time, retry and cache tokens, never the
	 * client's identity or where its token goes.
	 * @param target the properties of a named client, before its own are bound
	 */
	void copyInheritedSettingsTo(CognitoClientProperties target) {
		target.setTokenEndpoint(this.tokenEndpoint);
		target.setDomain(this.domain);
		target.setRegion(this.region);
		target.setFips(this.fips);
		target.getBudget().setMaxRequests(this.budget.getMaxRequests());
		target.getBudget().setPeriod(this.budget.getPeriod());
		target.setClientAuthenticationMethod(this.clientAuthenticationMethod);
		target.setConnectTimeout(this.connectTimeout);
		target.setReadTimeout(this.readTimeout);
		target.setClockSkew(this.clockSkew);
		target.setRefreshAhead(this.refreshAhead);
		target.setRetryOnUnauthorized(this.retryOnUnauthorized);
		target.setForcedRenewalInterval(this.forcedRenewalInterval);
		target.setFailFast(this.failFast);
		Retry retry = target.getRetry();
		retry.setInitialDelay(this.retry.getInitialDelay());
		retry.setMaxDelay(this.retry.getMaxDelay());
		retry.setMultiplier(this.retry.getMultiplier());
		retry.setTerminalDelay(this.retry.getTerminalDelay());
		Cache cache = target.getCache();
		cache.setType(this.cache.getType());
		cache.setKeyPrefix(this.cache.getKeyPrefix());
		cache.setLockTtl(this.cache.getLockTtl());
		cache.setLockWait(this.cache.getLockWait());
		cache.setPollInterval(this.cache.getPollInterval());
		cache.setTimeout(this.cache.getTimeout());
	}

	/**
	 * Backoff between token requests after a failure.
	 */
	public static class Retry {

		/**
		 * Upper bound of the delay after the first failure, from 500ms to 1h. Each delay
		 * is drawn at random below its bound and is at least half of it.
		 */
		private Duration initialDelay = Duration.ofSeconds(1);

		/**
		 * Largest upper bound of the delay after transient failures (429, 5xx, timeouts,
		 * connection failures), and the bound from the sixth consecutive failure on. From
		 * 20s (at most 6 token requests a minute during a long outage) to 1h. A longer
		 * Retry-After from the server is honoured.
		 */
		private Duration maxDelay = Duration.ofSeconds(30);

		/**
		 * Factor by which the delay bound grows after each consecutive failure.
		 */
		private double multiplier = 2;

		/**
		 * Delay after a failure that retrying cannot fix, such as invalid_client or
		 * invalid_scope, from 1m (at most one token request a minute) to 1d.
		 */
		private Duration terminalDelay = Duration.ofMinutes(5);

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getTerminalDelay() {
			return this.terminalDelay;
		}

		public void setTerminalDelay(Duration terminalDelay) {
			this.terminalDelay = terminalDelay;
		}

	}

	/**
	 * Ceiling on the token requests of the client.
	 */
	public static class Budget {

		/**
		 * Most token requests the client sends in any window of the period, from 1 to
		 * 100000, whatever happens (APIs that reject the token, failures, clock trouble).
		 * Over it, callers keep the valid token and, once none is left, fail until the
		 * budget refills. No ceiling when not set.
		 */
		private @Nullable Integer maxRequests;

		/**
		 * Period of max-requests, from 1m to 1d; also the period of the request count in
		 * the health details and of the warning about too many token requests.
		 */
		private Duration period = Duration.ofHours(1);

		public @Nullable Integer getMaxRequests() {
			return this.maxRequests;
		}

		public void setMaxRequests(@Nullable Integer maxRequests) {
			this.maxRequests = maxRequests;
		}

		public Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(Duration period) {
			this.period = period;
		}

	}

	/**
	 * Token cache shared by the instances of a service.
	 */
	public static class Cache {

		/**
		 * Where tokens are cached: memory (each instance requests and keeps its own
		 * token) or redis (the instances share one token through Redis, connected with
		 * Spring Boot's spring.data.redis.* properties).
		 */
		private Type type = Type.MEMORY;

		/**
		 * Prefix of the Redis keys of shared tokens. The rest of a key is the SHA-256 of
		 * the token endpoint, the client ID, the sorted scopes and the client metadata.
		 */
		private String keyPrefix = "cognito-token:";

		/**
		 * Longest time the lock that lets one instance at a time request a token is held.
		 * Must exceed connect-timeout plus read-timeout, at most 15m. Defaults to their
		 * sum plus 5 seconds.
		 */
		private @Nullable Duration lockTtl;

		/**
		 * Longest time an instance waits for the token that another instance is
		 * requesting before it requests one itself, at most 15m. Defaults to the lock
		 * TTL, so that the lock of an instance that stopped mid-request is taken over
		 * when it expires.
		 */
		private @Nullable Duration lockWait;

		/**
		 * Interval at which a waiting instance looks for the token that another instance
		 * is requesting, from 10ms to 10s.
		 */
		private Duration pollInterval = Duration.ofMillis(100);

		/**
		 * Longest time of one operation on the shared cache (the first, which usually
		 * opens the connection, gets at least 5 seconds), from 10ms to 1m. A slower or
		 * failed operation makes the instance request its token without the cache.
		 */
		private Duration timeout = Duration.ofSeconds(1);

		public Type getType() {
			return this.type;
		}

		public void setType(Type type) {
			this.type = type;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public @Nullable Duration getLockTtl() {
			return this.lockTtl;
		}

		public void setLockTtl(@Nullable Duration lockTtl) {
			this.lockTtl = lockTtl;
		}

		public @Nullable Duration getLockWait() {
			return this.lockWait;
		}

		public void setLockWait(@Nullable Duration lockWait) {
			this.lockWait = lockWait;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		/**
		 * Where tokens are cached.
		 */
		public enum Type {

			/**
			 * Each instance keeps its own token in memory.
			 */
			MEMORY,

			/**
			 * The instances share one token through Redis.
			 */
			REDIS

		}

	}

}
