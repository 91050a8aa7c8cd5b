package io.github.cognitotoken.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.RetryBackoff;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.http.TargetHostMatcher;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Checks {@link CognitoClientProperties} and reports the first problem as an
 * {@link InvalidCognitoPropertyException} that names the property.
 *
 * @author cognito-token contributors
 */
final class CognitoClientPropertiesValidator {

	private static final String PREFIX = "cognito.client.";

	/**
	 * Property prefix of the default client.
	 */
	static final String DEFAULT_PREFIX = "cognito.client";

	// AWS Regions: a partition such as us or us-gov, a direction and a number
	private static final Pattern REGION = Pattern
		.compile("[a-z]{2}(-gov|-iso[a-z]?)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)"
				+ "-[1-9][0-9]?");

	// Cognito prefix domains: lower-case letters, digits and hyphens, not at either end
	private static final Pattern DOMAIN_PREFIX = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	private static final List<String> RESERVED_DOMAIN_WORDS = List.of("aws", "amazon", "cognito");

	private static final String TOKEN_ENDPOINT_EXAMPLE = "https://<your-domain>.auth.<region>.amazoncognito.com/oauth2/token";

	private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

	private static final String TOKEN_ENDPOINT_ACTION = "Set cognito.client.token-endpoint to the URL of the token "
			+ "endpoint alone, without user information, query string or fragment: "
			+ "https://<domain>.auth.<region>.amazoncognito.com/oauth2/token, or your custom domain followed by "
			+ "/oauth2/token.";

	/**
	 * Shortest connect and read timeout: a shorter one is 0 ms, which HTTP clients take
	 * as no timeout at all.
	 */
	static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

	/**
	 * Longest connect and read timeout: a token request that takes longer is better
	 * retried, and far longer ones overflow HTTP clients (Apache HttpClient takes the
	 * read timeout as an int of milliseconds, about 24.8 days).
	 */
	static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

	/**
	 * Longest lock time to live and lock wait of the shared cache: more than the longest
	 * token request (two 5-minute timeouts and a margin).
	 */
	static final Duration MAX_LOCK_TTL = Duration.ofMinutes(15);

	static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(10);

	static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(10);

	static final Duration MIN_CACHE_TIMEOUT = Duration.ofMillis(10);

	static final Duration MAX_CACHE_TIMEOUT = Duration.ofMinutes(1);

	private static final String TIMEOUT_REASON = "a shorter timeout is 0 ms, which HTTP clients take as no timeout at "
			+ "all, and a token request that takes minutes is better retried (far longer values overflow HTTP "
			+ "clients).";

	private static final String LIFETIME_REASON = "Cognito's access tokens live at most one day, and this time is "
			+ "capped at half a token's lifetime anyway.";

	private static final String METADATA_KEYS = "Keys keep their case; write a key with characters other than "
			+ "letters, digits and '-' in brackets, for example cognito.client.client-metadata.[tenant_id]=acme.";

	private static final String LOCK_REASON = "the lock only has to outlive one token request (connect-timeout plus "
			+ "read-timeout, at most 10 minutes).";

	private CognitoClientPropertiesValidator() {
	}

	static void validate(CognitoClientProperties properties) {
		UnresolvedPlaceholders.check(properties);
		if (!StringUtils.hasText(properties.getClientId())) {
			throw new InvalidCognitoPropertyException(PREFIX + "client-id", "is empty",
					"Set cognito.client.client-id to the id of the Cognito app client "
							+ "(Amazon Cognito console: User pools > your pool > App clients).");
		}
		if (!StringUtils.hasText(properties.getClientSecret())) {
			throw new InvalidCognitoPropertyException(PREFIX + "client-secret", "is not set",
					"Set cognito.client.client-secret to the secret of the app client (client credentials need an "
							+ "app client with a secret). Pass it through the environment, for example "
							+ "COGNITO_CLIENT_CLIENTSECRET, rather than committing it.");
		}
		validateTokenEndpointSource(properties, DEFAULT_PREFIX);
		validateBudget(properties.getBudget(), DEFAULT_PREFIX);
		validateScopes(properties.getScope());
		validateClientMetadata(properties.getClientMetadata());
		validateTimingAndRetry(properties);
		for (String host : properties.getTargetHosts()) {
			String problem = TargetHostMatcher.validate(host);
			if (problem != null) {
				throw new InvalidCognitoPropertyException(PREFIX + "target-hosts", "contains an invalid host "
						+ (host.contains("@") ? "(not shown: it contains '@')" : "'" + host + "'") + ": " + problem,
						"List hosts such as api.example.com, https://api.example.com:8443, http://orders or "
								+ "*.example.com in cognito.client.target-hosts.");
			}
		}
		validateCache(properties);
		validateHttpServiceGroups(properties);
		validateFeignClients(properties);
		String baseUrl = properties.getBaseUrl();
		if (baseUrl != null && !baseUrl.isBlank()) {
			URI uri = parse(baseUrl);
			if (uri == null || !uri.isAbsolute() || uri.getHost() == null || !isHttp(uri)) {
				throw new InvalidCognitoPropertyException(PREFIX + "base-url",
						"is not an absolute http or https URL ('" + baseUrl + "')",
						"Set cognito.client.base-url to the base URL of the API, for example https://api.example.com, "
								+ "or remove it.");
			}
		}
	}

	/**
	 * Validate the settings that named clients inherit, when {@code cognito.client} holds
	 * only defaults for named clients and no client of its own.
	 * @param properties the properties
	 */
	static void validateConnectionSettings(CognitoClientProperties properties) {
		UnresolvedPlaceholders.check(properties);
		if (properties.getTokenEndpoint() != null) {
			validateTokenEndpoint(properties.getTokenEndpoint());
		}
		validateTimingAndRetry(properties);
		validateCache(properties);
		if (properties.getClientSecret() != null || !properties.getScope().isEmpty()) {
			String property = (properties.getClientSecret() != null) ? "client-secret" : "scope";
			throw new InvalidCognitoPropertyException(PREFIX + property,
					"is set, but cognito.client.client-id is not: named clients do not inherit the identity of "
							+ "the default client",
					"Set cognito.client.client-id to configure the default client, or move cognito.client." + property
							+ " to the named client it belongs to, for example cognito.clients.<name>." + property
							+ ".");
		}
		if (!properties.getClientMetadata().isEmpty()) {
			throw new InvalidCognitoPropertyException(PREFIX + "client-metadata",
					"is set, but cognito.client.client-id is not: named clients do not inherit client metadata",
					"Set cognito.client.client-id (and client-secret) to configure the default client, or move "
							+ "cognito.client.client-metadata to the named client it belongs to, for example "
							+ "cognito.clients.<name>.client-metadata.");
		}
		if (!properties.getTargetHosts().isEmpty() || properties.getBaseUrl() != null
				|| !properties.getHttpServiceGroups().isEmpty() || !properties.getFeignClients().isEmpty()) {
			String property = !properties.getTargetHosts().isEmpty() ? "target-hosts"
					: (properties.getBaseUrl() != null) ? "base-url"
							: !properties.getHttpServiceGroups().isEmpty() ? "http-service-groups" : "feign-clients";
			throw new InvalidCognitoPropertyException(PREFIX + property,
					"is set, but cognito.client.client-id is not: named clients do not inherit where the token goes",
					"Set cognito.client.client-id (and client-secret) to configure the default client, or move "
							+ "cognito.client." + property + " to the named client it belongs to, for example "
							+ "cognito.clients.<name>." + property + ".");
		}
	}

	private static void validateTimingAndRetry(CognitoClientProperties properties) {
		positive("connect-timeout", properties.getConnectTimeout());
		within("connect-timeout", properties.getConnectTimeout(), MIN_TIMEOUT, MAX_TIMEOUT, "5s", TIMEOUT_REASON);
		positive("read-timeout", properties.getReadTimeout());
		within("read-timeout", properties.getReadTimeout(), MIN_TIMEOUT, MAX_TIMEOUT, "10s", TIMEOUT_REASON);
		notNegative("clock-skew", properties.getClockSkew(), "60s");
		within("clock-skew", properties.getClockSkew(), Duration.ZERO, CognitoTokenManager.MAX_TIMING, "60s",
				LIFETIME_REASON);
		notNegative("refresh-ahead", properties.getRefreshAhead(), "5m");
		within("refresh-ahead", properties.getRefreshAhead(), Duration.ZERO, CognitoTokenManager.MAX_TIMING, "5m",
				LIFETIME_REASON);
		notNegative("forced-renewal-interval", properties.getForcedRenewalInterval(), "30s");
		within("forced-renewal-interval", properties.getForcedRenewalInterval(),
				CognitoTokenManager.MIN_FORCED_RENEWAL_INTERVAL, CognitoTokenManager.MAX_TIMING, "30s",
				"every forced renewal is a token request that Cognito bills, so an API that rejects every token "
						+ "must not cause one every few calls.");
		CognitoClientProperties.Retry retry = properties.getRetry();
		positive("retry.initial-delay", retry.getInitialDelay());
		within("retry.initial-delay", retry.getInitialDelay(), RetryBackoff.MIN_INITIAL_DELAY,
				RetryBackoff.MAX_TRANSIENT_DELAY, "1s",
				"each retry is a token request, and quicker retries only hammer a token endpoint that is failing.");
		positive("retry.max-delay", retry.getMaxDelay());
		within("retry.max-delay", retry.getMaxDelay(), RetryBackoff.MIN_MAX_DELAY, RetryBackoff.MAX_TRANSIENT_DELAY,
				"30s", "each delay is at least half of this bound, which keeps a long outage to at most 6 token "
						+ "requests a minute.");
		positive("retry.terminal-delay", retry.getTerminalDelay());
		within("retry.terminal-delay", retry.getTerminalDelay(), RetryBackoff.MIN_TERMINAL_DELAY,
				RetryBackoff.MAX_TERMINAL_DELAY, "5m",
				"retrying cannot fix an error such as invalid_client, and every attempt is a token request that "
						+ "Cognito bills.");
		if (retry.getMaxDelay().compareTo(retry.getInitialDelay()) < 0) {
			throw new InvalidCognitoPropertyException(PREFIX + "retry.max-delay",
					"(" + retry.getMaxDelay() + ") is less than cognito.client.retry.initial-delay ("
							+ retry.getInitialDelay() + ")",
					"Set cognito.client.retry.max-delay to at least cognito.client.retry.initial-delay.");
		}
		if (!(retry.getMultiplier() >= 1)) {
			throw new InvalidCognitoPropertyException(PREFIX + "retry.multiplier",
					"must be at least 1 (" + retry.getMultiplier() + ")",
					"Set cognito.client.retry.multiplier to 1 or more, for example 2.");
		}
	}

	private static void validateFeignClients(CognitoClientProperties properties) {
		for (String feignClient : properties.getFeignClients()) {
			if (!StringUtils.hasText(feignClient) || containsWhitespace(feignClient.trim())) {
				throw new InvalidCognitoPropertyException(PREFIX + "feign-clients",
						"contains " + (StringUtils.hasText(feignClient) ? "'" + feignClient + "'" : "an empty entry"),
						"List the names or context ids of Feign clients, as in @FeignClient(name = \"orders\"), in "
								+ "cognito.client.feign-clients.");
			}
		}
	}

	private static void validateHttpServiceGroups(CognitoClientProperties properties) {
		for (String group : properties.getHttpServiceGroups()) {
			if (!StringUtils.hasText(group) || containsWhitespace(group.trim())) {
				throw new InvalidCognitoPropertyException(PREFIX + "http-service-groups",
						"contains " + (StringUtils.hasText(group) ? "'" + group + "'" : "an empty entry"),
						"List the names of HTTP service groups, as in @ImportHttpServices(group = \"orders\"), in "
								+ "cognito.client.http-service-groups.");
			}
		}
	}

	/**
	 * Check that the token endpoint is given once, by {@code token-endpoint} or by
	 * {@code domain} and {@code region}, and that each can be right.
	 * @param properties the properties
	 * @param prefix the prefix of the client's properties, such as {@code cognito.client}
	 */
	static void validateTokenEndpointSource(CognitoClientProperties properties, String prefix) {
		String domain = properties.getDomain();
		String region = properties.getRegion();
		if (!StringUtils.hasText(domain)) {
			if (StringUtils.hasText(region)) {
				throw new InvalidCognitoPropertyException(prefix + ".region", "is set but " + prefix + ".domain is not",
						"Set " + prefix + ".domain to the user pool's prefix domain (such as my-domain) together with "
								+ prefix + ".region, or remove " + prefix + ".region and set " + prefix
								+ ".token-endpoint.");
			}
			if (properties.isFips()) {
				throw new InvalidCognitoPropertyException(prefix + ".fips",
						"is true but " + prefix + ".domain is not set",
						"Set " + prefix + ".domain and " + prefix + ".region to use the prefix domain's FIPS endpoint, "
								+ "or remove " + prefix + ".fips.");
			}
			validateTokenEndpoint(properties.getTokenEndpoint());
			return;
		}
		if (StringUtils.hasText(properties.getTokenEndpoint())) {
			throw new InvalidCognitoPropertyException(prefix + ".domain",
					"and " + prefix + ".token-endpoint are both set: the token endpoint would be given twice",
					"Set either " + prefix + ".domain and " + prefix + ".region (a prefix domain such as "
							+ "my-domain.auth.eu-west-1.amazoncognito.com) or " + prefix
							+ ".token-endpoint (a custom domain's https://auth.example.com/oauth2/token), not both.");
		}
		validateDomain(domain.trim(), prefix);
		validateRegion(region, prefix, properties.isFips());
	}

	private static void validateDomain(String domain, String prefix) {
		String property = prefix + ".domain";
		String action = "Set " + property + " to the prefix of the user pool's domain, the part before "
				+ ".auth.<region>.amazoncognito.com (Amazon Cognito console: User pools > your pool > Branding > "
				+ "Domain), for example my-domain. For a custom domain, remove it and set " + prefix
				+ ".token-endpoint to https://<custom-domain>/oauth2/token.";
		if (domain.contains("/") || domain.contains(".") || domain.contains(":")) {
			throw new InvalidCognitoPropertyException(property,
					"('" + shown(domain)
							+ "') is a host name or a URL, not a prefix domain: the host name is built from it",
					action);
		}
		if (!DOMAIN_PREFIX.matcher(domain).matches()) {
			throw new InvalidCognitoPropertyException(property,
					"('" + shown(domain)
							+ "') is not a Cognito prefix domain: 1 to 63 lower-case letters, digits and hyphens, "
							+ "not starting or ending with a hyphen",
					action);
		}
		for (String word : RESERVED_DOMAIN_WORDS) {
			if (domain.contains(word)) {
				throw new InvalidCognitoPropertyException(property,
						"('" + domain + "') contains '" + word + "', which Cognito does not allow in a prefix domain",
						action);
			}
		}
	}

	private static void validateRegion(@Nullable String region, String prefix, boolean fips) {
		String property = prefix + ".region";
		String action = "Set " + property + " to the AWS Region of the user pool, the one in its id "
				+ "(<region>_<id>), for example eu-west-1.";
		if (!StringUtils.hasText(region)) {
			throw new InvalidCognitoPropertyException(property, "is not set but " + prefix + ".domain is", action);
		}
		String trimmed = region.trim();
		if (!REGION.matcher(trimmed).matches()) {
			String problem = (REGION.matcher(trimmed.toLowerCase(Locale.ROOT)).matches())
					? "is not written in lower case" : (trimmed.matches(REGION.pattern() + "[a-z]"))
							? "is an Availability Zone, not a Region" : "is not an AWS Region";
			throw new InvalidCognitoPropertyException(property, "('" + shown(trimmed) + "') " + problem, action);
		}
		boolean govCloud = trimmed.startsWith("us-gov-");
		if (govCloud && !fips) {
			throw new InvalidCognitoPropertyException(prefix + ".fips",
					"is false but Amazon Cognito in AWS GovCloud (US) (" + trimmed + ") has FIPS endpoints only",
					"Set " + prefix + ".fips=true.");
		}
		if (fips && !trimmed.startsWith("us-")) {
			throw new InvalidCognitoPropertyException(prefix + ".fips",
					"is true but Amazon Cognito has FIPS endpoints only in the US Regions and AWS GovCloud (US), not in "
							+ trimmed,
					"Remove " + prefix + ".fips, or check " + property + ".");
		}
	}

	private static String shown(String value) {
		// never echo something that may hold a credential
		return (value.contains("@") || value.length() > 100) ? "value not shown" : value;
	}

	/**
	 * Check the request budget.
	 * @param budget the budget properties
	 * @param prefix the prefix of the client's properties, such as {@code cognito.client}
	 */
	static void validateBudget(CognitoClientProperties.Budget budget, String prefix) {
		Integer maxRequests = budget.getMaxRequests();
		if (maxRequests != null && (maxRequests < 1 || maxRequests > CognitoTokenManager.MAX_BUDGET_REQUESTS)) {
			throw new InvalidCognitoPropertyException(prefix + ".budget.max-requests",
					"(" + maxRequests + ") is not from 1 to " + CognitoTokenManager.MAX_BUDGET_REQUESTS,
					"Set " + prefix + ".budget.max-requests to the most token requests the client may send per "
							+ prefix + ".budget.period, for example 20 for tokens that live an hour, or remove it "
							+ "for no ceiling.");
		}
		Duration period = budget.getPeriod();
		String name = prefix + ".budget.period";
		if (period == null || period.compareTo(CognitoTokenManager.MIN_REQUEST_PERIOD) < 0
				|| period.compareTo(CognitoTokenManager.MAX_REQUEST_PERIOD) > 0) {
			throw new InvalidCognitoPropertyException(name,
					"(" + ((period != null) ? format(period) : "empty") + ") is not from "
							+ format(CognitoTokenManager.MIN_REQUEST_PERIOD) + " to "
							+ format(CognitoTokenManager.MAX_REQUEST_PERIOD),
					"Set " + name + " to a duration from " + format(CognitoTokenManager.MIN_REQUEST_PERIOD) + " to "
							+ format(CognitoTokenManager.MAX_REQUEST_PERIOD) + " (default 1h).");
		}
	}

	private static void validateCache(CognitoClientProperties properties) {
		CognitoClientProperties.Cache cache = properties.getCache();
		if (cache.getType() == null) {
			throw new InvalidCognitoPropertyException(PREFIX + "cache.type", "is empty",
					"Set cognito.client.cache.type to memory (the default) or redis.");
		}
		if (!StringUtils.hasText(cache.getKeyPrefix()) || containsWhitespace(cache.getKeyPrefix())) {
			throw new InvalidCognitoPropertyException(PREFIX + "cache.key-prefix",
					"is empty or contains white space ('" + cache.getKeyPrefix() + "')",
					"Set cognito.client.cache.key-prefix to a prefix such as cognito-token: or remove it.");
		}
		positive("cache.poll-interval", cache.getPollInterval());
		within("cache.poll-interval", cache.getPollInterval(), MIN_POLL_INTERVAL, MAX_POLL_INTERVAL, "100ms",
				"each poll is a Redis operation, and a waiting instance should notice the new token soon.");
		positive("cache.timeout", cache.getTimeout());
		within("cache.timeout", cache.getTimeout(), MIN_CACHE_TIMEOUT, MAX_CACHE_TIMEOUT, "1s",
				"a Redis operation that takes longer is better counted as a failure, and the instance then "
						+ "requests its token itself.");
		if (cache.getLockWait() != null) {
			notNegative("cache.lock-wait", cache.getLockWait(), "20s");
			within("cache.lock-wait", cache.getLockWait(), Duration.ZERO, MAX_LOCK_TTL, "20s", LOCK_REASON);
		}
		Duration lockTtl = cache.getLockTtl();
		if (lockTtl != null) {
			within("cache.lock-ttl", lockTtl, Duration.ZERO, MAX_LOCK_TTL, "20s", LOCK_REASON);
			Duration request = properties.getConnectTimeout().plus(properties.getReadTimeout());
			if (lockTtl.compareTo(request) <= 0) {
				throw new InvalidCognitoPropertyException(PREFIX + "cache.lock-ttl",
						"(" + lockTtl + ") does not outlive a token request (cognito.client.connect-timeout plus "
								+ "cognito.client.read-timeout = " + request + ")",
						"Set cognito.client.cache.lock-ttl to more than " + request
								+ ", or remove it to use their sum plus 5 seconds.");
			}
		}
	}

	private static boolean containsWhitespace(String value) {
		return value.chars().anyMatch(Character::isWhitespace);
	}

	private static void validateScopes(List<String> scope) {
		for (String candidate : CognitoClientPropertiesMapper.splitScopes(scope)) {
			if (!isScopeToken(candidate)) {
				throw new InvalidCognitoPropertyException(PREFIX + "scope",
						"contains '" + candidate + "', which is not a valid OAuth2 scope",
						"List scopes such as orders/read in cognito.client.scope; a scope may not contain "
								+ "quotes, backslashes or control characters.");
			}
		}
	}

	private static void validateClientMetadata(Map<String, String> clientMetadata) {
		String property = PREFIX + "client-metadata";
		String largestKey = null;
		int largestSize = -1;
		for (Map.Entry<String, String> entry : clientMetadata.entrySet()) {
			String key = entry.getKey();
			if (!StringUtils.hasText(key)) {
				throw new InvalidCognitoPropertyException(property, "has an empty or blank key",
						"Give every entry of cognito.client.client-metadata a key, for example "
								+ "cognito.client.client-metadata.tenant=acme, or remove the entry. " + METADATA_KEYS);
			}
			// never show a value: client metadata may be sensitive
			if (entry.getValue() == null) {
				throw new InvalidCognitoPropertyException(property + "." + shownKey(key), "has no value",
						"Set a value for " + property + "." + shownKey(key) + ", or remove the entry.");
			}
			int size = key.length() + entry.getValue().length();
			if (size > largestSize) {
				largestKey = key;
				largestSize = size;
			}
		}
		if (largestKey == null) {
			return;
		}
		int length = CognitoClientRegistration.clientMetadataJson(clientMetadata).length();
		if (length > CognitoClientRegistration.MAX_CLIENT_METADATA_LENGTH) {
			throw new InvalidCognitoPropertyException(property,
					"is " + length + " characters as JSON, above the maximum of "
							+ CognitoClientRegistration.MAX_CLIENT_METADATA_LENGTH + " (largest entry: '"
							+ shownKey(largestKey) + "')",
					"Keep cognito.client.client-metadata to a few short entries, at most "
							+ CognitoClientRegistration.MAX_CLIENT_METADATA_LENGTH + " characters as JSON (a "
							+ "non-ASCII character counts as a 6-character escape): it is sent with every token "
							+ "request and is meant for short hints to the pre token generation Lambda trigger. Pass "
							+ "larger data to the Lambda another way.");
		}
	}

	private static String shownKey(String key) {
		String shown = key.replaceAll("\\p{Cntrl}", "?");
		return (shown.length() > 64) ? shown.substring(0, 64) + "..." : shown;
	}

	private static boolean isScopeToken(String scope) {
		// RFC 6749 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
		for (int i = 0; i < scope.length(); i++) {
			char c = scope.charAt(i);
			if (c < 0x21 || c == 0x22 || c == 0x5C || c > 0x7E) {
				return false;
			}
		}
		return true;
	}

	private static void validateTokenEndpoint(@Nullable String value) {
		String property = PREFIX + "token-endpoint";
		String action = "Set cognito.client.token-endpoint to your user pool domain's token endpoint, for example "
				+ TOKEN_ENDPOINT_EXAMPLE + ".";
		if (!StringUtils.hasText(value)) {
			throw new InvalidCognitoPropertyException(property, "is not set", action
					+ " Or set cognito.client.domain and cognito.client.region for a prefix domain, such as my-domain "
					+ "and eu-west-1.");
		}
		URI uri = parse(value.trim());
		if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
			throw new InvalidCognitoPropertyException(property, "is not an absolute URL (" + quote(value) + ")",
					action);
		}
		if (!isHttp(uri)) {
			throw new InvalidCognitoPropertyException(property,
					"uses the unsupported scheme '" + uri.getScheme() + "' (" + quote(value) + ")", action);
		}
		if (uri.getRawUserInfo() != null) {
			throw new InvalidCognitoPropertyException(property,
					"contains user information (not shown: it may hold a credential)",
					"Remove the user information from cognito.client.token-endpoint and set the credentials in "
							+ "cognito.client.client-id and cognito.client.client-secret. " + TOKEN_ENDPOINT_ACTION);
		}
		if ("http".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost())) {
			throw new InvalidCognitoPropertyException(property,
					"uses http for the non-local host '" + uri.getHost() + "', which would send the client secret "
							+ "in clear text",
					"Use https in cognito.client.token-endpoint (http is allowed only for localhost, 127.0.0.1 "
							+ "and [::1]), for example " + TOKEN_ENDPOINT_EXAMPLE + ".");
		}
		// never echo the query or the fragment either: they may hold a credential
		String shown = uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
				+ uri.getRawPath();
		if (uri.getRawQuery() != null) {
			throw new InvalidCognitoPropertyException(property,
					"has a query string (" + shown + "?..., the query is not shown)", TOKEN_ENDPOINT_ACTION);
		}
		if (uri.getRawFragment() != null) {
			throw new InvalidCognitoPropertyException(property,
					"has a fragment (" + shown + "#..., the fragment is not shown)", TOKEN_ENDPOINT_ACTION);
		}
		String path = uri.getRawPath();
		if (path == null || path.isEmpty() || path.equals("/")) {
			throw new InvalidCognitoPropertyException(property,
					"has no path ('" + value.trim() + "'): the token endpoint is the domain followed by /oauth2/token",
					TOKEN_ENDPOINT_ACTION);
		}
	}

	private static String quote(String value) {
		// "id:secret@host" is no URL, and a query may carry a secret: never echo them
		if (value.contains("@")) {
			return "value not shown: it contains '@'";
		}
		return (value.contains("?") || value.contains("#")) ? "value not shown: it contains a query or fragment"
				: "'" + value + "'";
	}

	private static void within(String name, Duration value, Duration min, Duration max, String defaultValue,
			String reason) {
		if (value.compareTo(min) < 0) {
			throw new InvalidCognitoPropertyException(PREFIX + name,
					"(" + format(value) + ") is below the minimum of " + format(min), "Set cognito.client." + name
							+ " to at least " + format(min) + " (default " + defaultValue + "): " + reason);
		}
		if (value.compareTo(max) > 0) {
			throw new InvalidCognitoPropertyException(PREFIX + name,
					"(" + format(value) + ") is above the maximum of " + format(max), "Set cognito.client." + name
							+ " to at most " + format(max) + " (default " + defaultValue + "): " + reason);
		}
	}

	/**
	 * Format a duration the way it is usually written in properties: {@code 10s},
	 * {@code 5m}, {@code 100000d}, {@code 1500ms}.
	 * @param duration the duration
	 * @return the formatted duration
	 */
	static String format(Duration duration) {
		if (duration.isZero()) {
			return "0s";
		}
		if (duration.isNegative() || duration.getNano() % 1_000_000 != 0
				|| duration.getSeconds() > Long.MAX_VALUE / 1000) {
			return duration.toString();
		}
		long millis = duration.toMillis();
		long[] units = { 86_400_000, 3_600_000, 60_000, 1000 };
		String[] suffixes = { "d", "h", "m", "s" };
		for (int i = 0; i < units.length; i++) {
			if (millis % units[i] == 0) {
				return (millis / units[i]) + suffixes[i];
			}
		}
		return millis + "ms";
	}

	private static void positive(String name, @Nullable Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidCognitoPropertyException(PREFIX + name, "must be positive (" + value + ")",
					"Set cognito.client." + name + " to a positive duration, for example 5s, or remove it to use "
							+ "the default.");
		}
	}

	private static void notNegative(String name, @Nullable Duration value, String example) {
		if (value == null || value.isNegative()) {
			throw new InvalidCognitoPropertyException(PREFIX + name, "is negative (" + value + ")",
					"Set cognito.client." + name + " to zero or a positive duration, for example " + example + ".");
		}
	}

	private static boolean isHttp(URI uri) {
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		return scheme.equals("https") || scheme.equals("http");
	}

	private static boolean isLoopback(String host) {
		return LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT));
	}

	private static @Nullable URI parse(String value) {
		try {
			return new URI(value);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
