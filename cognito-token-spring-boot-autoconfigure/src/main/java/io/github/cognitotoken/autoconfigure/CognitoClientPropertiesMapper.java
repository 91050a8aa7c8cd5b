package io.github.cognitotoken.autoconfigure;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.cognitotoken.CognitoTokenManagers;
import io.github.cognitotoken.TokenRenewalPolicy;
import io.github.cognitotoken.cache.SharedTokenCache;
import io.github.cognitotoken.cache.SharedTokenKey;
import io.github.cognitotoken.cache.SharedTokenStore;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.CognitoClientSecrets;
import io.github.cognitotoken.http.TargetHostMatcher;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Maps validated {@link CognitoClientProperties} to the objects the auto-configuration
 * builds from them, with the values normalised once (scopes split on white space and
 * without duplicates, URLs trimmed), so that the token request, the log lines, the shared
 * cache key and the target hosts all describe the same client. Validation stays in
 * {@link CognitoClientProperties#afterPropertiesSet()}.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class CognitoClientPropertiesMapper {

	/**
	 * Margin of the default lock time to live of the shared cache over the longest token
	 * request.
	 */
	static final Duration LOCK_TTL_MARGIN = Duration.ofSeconds(5);

	private final CognitoClientProperties properties;

	private final String clientName;

	/**
	 * Create a new mapper for the default client.
	 * @param properties the validated properties to map
	 */
	public CognitoClientPropertiesMapper(CognitoClientProperties properties) {
		this(properties, CognitoTokenManagers.DEFAULT);
	}

	/**
	 * Create a new mapper for the given client.
	 * @param properties the validated properties to map
	 * @param clientName the client name: {@code default} for {@code cognito.client.*},
	 * otherwise the name of {@code cognito.clients.<name>.*}
	 * @since 0.1.0
	 */
	public CognitoClientPropertiesMapper(CognitoClientProperties properties, String clientName) {
		Assert.notNull(properties, "'properties' must not be null");
		Assert.hasText(clientName, "'clientName' must not be empty");
		this.properties = properties;
		this.clientName = clientName;
	}

	/**
	 * Return the registration that token requests are made for.
	 * @return the client registration
	 */
	public CognitoClientRegistration asClientRegistration() {
		String clientSecret = this.properties.getClientSecret();
		Assert.state(clientSecret != null, "Cognito client properties have not been validated");
		return new CognitoClientRegistration(clientId(), clientSecret, tokenEndpoint(), scopes(),
				this.properties.getClientAuthenticationMethod())
			.withPreviousClientSecret(previousClientSecret())
			.withClientMetadata(this.properties.getClientMetadata());
	}

	/**
	 * Return how log lines name the client: a short prefix of the client id and the
	 * scopes, never the secret.
	 * @return the description, for example {@code client 1exa... (scope orders/read)}
	 */
	public String asDescription() {
		List<String> scopes = scopes();
		return "client " + (CognitoTokenManagers.DEFAULT.equals(this.clientName) ? "" : "'" + this.clientName + "' ")
				+ CognitoClientRegistration.clientIdPrefix(clientId())
				+ (scopes.isEmpty() ? "" : " (scope " + String.join(" ", scopes) + ")");
	}

	/**
	 * Return the key under which the instances of a fleet share the token: it covers
	 * everything the token request sends that may change the token, the client metadata
	 * included.
	 * @return the shared token key
	 */
	public SharedTokenKey asSharedTokenKey() {
		// a named client's entries never mix with another client's, even with the same
		// id and scopes; the default client's key stays what it was
		String keyPrefix = this.properties.getCache().getKeyPrefix();
		if (!CognitoTokenManagers.DEFAULT.equals(this.clientName)) {
			keyPrefix = keyPrefix + this.clientName + ":";
		}
		return SharedTokenKey.of(keyPrefix, tokenEndpoint().toString(), clientId(), scopes(),
				this.properties.getClientMetadata());
	}

	/**
	 * Return the cache that shares this client's token among the instances of a fleet.
	 * @param store where the token is shared
	 * @param clock the clock that the token manager uses
	 * @return the shared cache
	 * @since 0.1.0
	 */
	public SharedTokenCache asSharedTokenCache(SharedTokenStore store, Clock clock) {
		CognitoClientProperties.Cache cache = this.properties.getCache();
		Duration lockTtl = (cache.getLockTtl() != null) ? cache.getLockTtl()
				: this.properties.getConnectTimeout().plus(this.properties.getReadTimeout()).plus(LOCK_TTL_MARGIN);
		SharedTokenCache.Builder builder = SharedTokenCache
			.builder(store, asSharedTokenKey(), asClientRegistration().getClientSecret())
			.clock(clock)
			.renewalPolicy(TokenRenewalPolicy.of(this.properties.getClockSkew(), this.properties.getRefreshAhead()))
			.lockTtl(lockTtl)
			.pollInterval(cache.getPollInterval())
			.timeout(cache.getTimeout());
		if (cache.getLockWait() != null) {
			builder.lockWait(cache.getLockWait());
		}
		return builder.build();
	}

	/**
	 * Return the hosts that receive the token: {@code target-hosts} when set, otherwise
	 * the host of {@code base-url}, otherwise every host.
	 * @return the target host matcher
	 * @see #restrictsTargetHosts()
	 */
	public TargetHostMatcher asTargetHostMatcher() {
		List<String> targetHosts = this.properties.getTargetHosts();
		if (!targetHosts.isEmpty()) {
			return TargetHostMatcher.of(targetHosts);
		}
		String baseUrl = baseUrl();
		return (baseUrl != null) ? TargetHostMatcher.forBaseUrl(URI.create(baseUrl)) : TargetHostMatcher.anyHost();
	}

	/**
	 * Return whether the properties restrict the hosts that receive the token, through
	 * {@code target-hosts} or {@code base-url}.
	 * @return whether the token goes to some hosts only
	 */
	public boolean restrictsTargetHosts() {
		return !this.properties.getTargetHosts().isEmpty() || baseUrl() != null;
	}

	/**
	 * Return the base URL of the auto-configured {@code RestClient}, trimmed.
	 * @return the base URL, or {@code null} when none is set
	 */
	public @Nullable String baseUrl() {
		String baseUrl = this.properties.getBaseUrl();
		return StringUtils.hasText(baseUrl) ? baseUrl.trim() : null;
	}

	private String clientId() {
		String clientId = this.properties.getClientId();
		Assert.state(clientId != null, "Cognito client properties have not been validated");
		return clientId;
	}

	/**
	 * Return the client secret and the previous one, as the properties hold them now.
	 * @return the secrets
	 * @since 0.1.0
	 */
	public CognitoClientSecrets asClientSecrets() {
		String clientSecret = this.properties.getClientSecret();
		Assert.state(clientSecret != null, "Cognito client properties have not been validated");
		return CognitoClientSecrets.of(clientSecret, previousClientSecret());
	}

	private @Nullable String previousClientSecret() {
		String previous = this.properties.getPreviousClientSecret();
		return StringUtils.hasText(previous) ? previous : null;
	}

	/**
	 * Return the token endpoint of a Cognito prefix domain.
	 * @param domain the prefix domain, such as {@code my-domain}
	 * @param region the AWS Region, such as {@code eu-west-1}
	 * @param fips whether to use the FIPS endpoint ({@code auth-fips})
	 * @return the token endpoint, such as
	 * {@code https://my-domain.auth.eu-west-1.amazoncognito.com/oauth2/token}
	 * @since 0.1.0
	 */
	public static URI prefixDomainTokenEndpoint(String domain, String region, boolean fips) {
		return URI.create("https://" + domain.trim() + (fips ? ".auth-fips." : ".auth.") + region.trim()
				+ ".amazoncognito.com/oauth2/token");
	}

	private URI tokenEndpoint() {
		String domain = this.properties.getDomain();
		String region = this.properties.getRegion();
		if (StringUtils.hasText(domain) && region != null) {
			return prefixDomainTokenEndpoint(domain, region, this.properties.isFips());
		}
		String tokenEndpoint = this.properties.getTokenEndpoint();
		Assert.state(tokenEndpoint != null, "Cognito client properties have not been validated");
		return URI.create(tokenEndpoint.trim());
	}

	private List<String> scopes() {
		return splitScopes(this.properties.getScope());
	}

	/**
	 * Return the configured scopes split on white space, without empty entries or
	 * duplicates, in their first order.
	 * @param scope the configured scope entries
	 * @return the scopes
	 */
	static List<String> splitScopes(List<String> scope) {
		List<String> scopes = new ArrayList<>();
		for (String entry : scope) {
			if (entry == null) {
				continue;
			}
			for (String candidate : entry.trim().split("\\s+", -1)) {
				if (!candidate.isEmpty() && !scopes.contains(candidate)) {
					scopes.add(candidate);
				}
			}
		}
		return scopes;
	}

}
