package io.github.cognitotoken.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

	private static final String TOKEN_ENDPOINT_EXAMPLE = "https://<your-domain>.auth.<region>.amazoncognito.com/oauth2/token";

	private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

	private CognitoClientPropertiesValidator() {
	}

	static void validate(CognitoClientProperties properties) {
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
		tokenEndpoint(properties.getTokenEndpoint());
		scopes(properties.getScope());
		positive("connect-timeout", properties.getConnectTimeout());
		positive("read-timeout", properties.getReadTimeout());
		notNegative("clock-skew", properties.getClockSkew(), "60s");
		notNegative("refresh-ahead", properties.getRefreshAhead(), "5m");
		notNegative("forced-renewal-interval", properties.getForcedRenewalInterval(), "30s");
		CognitoClientProperties.Retry retry = properties.getRetry();
		positive("retry.initial-delay", retry.getInitialDelay());
		positive("retry.max-delay", retry.getMaxDelay());
		positive("retry.terminal-delay", retry.getTerminalDelay());
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
		positive("cache.timeout", cache.getTimeout());
		if (cache.getLockWait() != null) {
			notNegative("cache.lock-wait", cache.getLockWait(), "20s");
		}
		Duration lockTtl = cache.getLockTtl();
		if (lockTtl != null) {
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

	/**
	 * Return the configured scopes, split on white space, without empty entries.
	 * @param scope the configured scope entries
	 * @return the scopes
	 */
	static List<String> scopes(List<String> scope) {
		List<String> scopes = new ArrayList<>();
		for (String entry : scope) {
			if (entry == null) {
				continue;
			}
			for (String candidate : entry.trim().split("\\s+")) {
				if (candidate.isEmpty()) {
					continue;
				}
				if (!isScopeToken(candidate)) {
					throw new InvalidCognitoPropertyException(PREFIX + "scope",
							"contains '" + candidate + "', which is not a valid OAuth2 scope",
							"List scopes such as orders/read in cognito.client.scope; a scope may not contain "
									+ "quotes, backslashes or control characters.");
				}
				if (!scopes.contains(candidate)) {
					scopes.add(candidate);
				}
			}
		}
		return scopes;
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

	/**
	 * Check and return the token endpoint URI.
	 * @param value the configured value
	 * @return the URI
	 */
	static URI tokenEndpoint(@Nullable String value) {
		String property = PREFIX + "token-endpoint";
		String action = "Set cognito.client.token-endpoint to your user pool domain's token endpoint, for example "
				+ TOKEN_ENDPOINT_EXAMPLE + ".";
		if (!StringUtils.hasText(value)) {
			throw new InvalidCognitoPropertyException(property, "is not set", action);
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
		if (uri.getUserInfo() != null) {
			throw new InvalidCognitoPropertyException(property, "contains user information",
					"Remove the user information from cognito.client.token-endpoint and set the credentials in "
							+ "cognito.client.client-id and cognito.client.client-secret.");
		}
		if ("http".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost())) {
			throw new InvalidCognitoPropertyException(property,
					"uses http for the non-local host '" + uri.getHost() + "', which would send the client secret "
							+ "in clear text",
					"Use https in cognito.client.token-endpoint (http is allowed only for localhost, 127.0.0.1 "
							+ "and [::1]), for example " + TOKEN_ENDPOINT_EXAMPLE + ".");
		}
		return uri;
	}

	private static String quote(String value) {
		// "id:secret@host" is no URL, but it may hold a credential: never echo it
		return value.contains("@") ? "value not shown: it contains '@'" : "'" + value + "'";
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
