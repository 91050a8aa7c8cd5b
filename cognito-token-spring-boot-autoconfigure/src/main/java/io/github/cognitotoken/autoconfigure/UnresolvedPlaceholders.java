package io.github.cognitotoken.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Refuses {@code cognito.client.*} values that still hold a {@code ${...}} placeholder.
 * Spring's binder leaves a placeholder it cannot resolve as it is, so an unset
 * {@code ${COGNITO_CLIENT_SECRET}} would otherwise be sent to Cognito as the secret, and
 * the only symptom would be {@code invalid_client}. The failure names the property and
 * the placeholder, never the value.
 *
 * @author cognito-token contributors
 */
final class UnresolvedPlaceholders {

	private static final String PREFIX = "cognito.client.";

	// ${NAME} or ${NAME:default}; the name stops at the first ':' or '}'
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]*)[^}]*}");

	private UnresolvedPlaceholders() {
	}

	static void check(CognitoClientProperties properties) {
		check("client-id", properties.getClientId());
		check("client-secret", properties.getClientSecret());
		check("previous-client-secret", properties.getPreviousClientSecret());
		check("token-endpoint", properties.getTokenEndpoint());
		check("domain", properties.getDomain());
		check("region", properties.getRegion());
		check("base-url", properties.getBaseUrl());
		check("scope", properties.getScope());
		check("target-hosts", properties.getTargetHosts());
		check("http-service-groups", properties.getHttpServiceGroups());
		check("feign-clients", properties.getFeignClients());
		check("cache.key-prefix", properties.getCache().getKeyPrefix());
		for (Map.Entry<String, String> entry : properties.getClientMetadata().entrySet()) {
			check("client-metadata", entry.getKey());
			check("client-metadata", entry.getValue());
		}
	}

	private static void check(String property, List<String> values) {
		for (String value : values) {
			check(property, value);
		}
	}

	private static void check(String property, @Nullable String value) {
		if (value == null) {
			return;
		}
		Matcher matcher = PLACEHOLDER.matcher(value);
		while (matcher.find()) {
			if (!matcher.group().contains(":")) {
				// a placeholder with a default always resolves
				throw failure(PREFIX + property, matcher.group(1).strip());
			}
		}
	}

	/**
	 * The failure of a property that holds a placeholder nothing resolves.
	 * @param property the full property name
	 * @param name the placeholder's name
	 * @return the failure, naming the property and the placeholder, never the value
	 */
	static InvalidCognitoPropertyException failure(String property, String name) {
		String shown = name.isEmpty() ? "${}" : "${" + name + "}";
		return new InvalidCognitoPropertyException(property,
				"contains the placeholder " + shown + ", which nothing resolves (the value is not shown)",
				name.isEmpty() ? "Write the name of an environment variable or property between ${ and }."
						: "Export the environment variable " + name + " (or set the property " + name
								+ ") where the application starts, or give the placeholder a default, for example ${"
								+ name + ":...}. Spring leaves a placeholder it cannot resolve as it is, and "
								+ "Cognito would receive the text instead of the value.");
	}

}
