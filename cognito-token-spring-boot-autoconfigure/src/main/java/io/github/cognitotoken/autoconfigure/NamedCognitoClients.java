package io.github.cognitotoken.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import io.github.cognitotoken.CognitoTokenManagers;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Binds the named clients of {@code cognito.clients.<name>.*}, each on top of the
 * settings it inherits from {@code cognito.client}, and names their properties in
 * messages.
 *
 * @author cognito-token contributors
 */
final class NamedCognitoClients {

	static final String DEFAULT_PREFIX = "cognito.client";

	static final String NAMED_PREFIX = "cognito.clients";

	private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	private NamedCognitoClients() {
	}

	/**
	 * Return the property prefix of a client.
	 * @param name the client name
	 * @return {@code cognito.client} for the default client,
	 * {@code cognito.clients.<name>} for the others
	 */
	static String prefix(String name) {
		return CognitoTokenManagers.DEFAULT.equals(name) ? DEFAULT_PREFIX : NAMED_PREFIX + "." + name;
	}

	/**
	 * Rewrite a text that names {@code cognito.client.*} properties so that it names the
	 * properties of the given client.
	 * @param text the text
	 * @param name the client name
	 * @return the text for that client
	 */
	static String rename(String text, String name) {
		return CognitoTokenManagers.DEFAULT.equals(name) ? text
				: text.replace(DEFAULT_PREFIX + ".", prefix(name) + ".");
	}

	/**
	 * Return whether the environment configures at least one enabled named client.
	 * @param binder the binder of the environment
	 * @return whether a named client exists
	 */
	static boolean anyConfigured(Binder binder) {
		Map<String, CognitoClientProperties> clients = binder
			.bind(NAMED_PREFIX, Bindable.mapOf(String.class, CognitoClientProperties.class))
			.orElseGet(Map::of);
		for (CognitoClientProperties client : clients.values()) {
			if (client.isEnabled() && client.getClientId() != null) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Bind and validate every enabled named client.
	 * @param environment the environment
	 * @param defaults the properties of {@code cognito.client}, whose settings the named
	 * clients inherit
	 * @return the named clients, in the order of their names
	 * @throws InvalidCognitoPropertyException naming the property of the named client
	 * that is wrong
	 */
	static List<ConfiguredCognitoClient> bind(Environment environment, CognitoClientProperties defaults) {
		Binder binder = Binder.get(environment);
		Map<String, CognitoClientProperties> configured = binder
			.bind(NAMED_PREFIX, Bindable.mapOf(String.class, CognitoClientProperties.class))
			.orElseGet(LinkedHashMap::new);
		List<ConfiguredCognitoClient> clients = new ArrayList<>();
		for (String name : configured.keySet().stream().sorted().toList()) {
			checkName(name);
			CognitoClientProperties properties = new CognitoClientProperties();
			defaults.copyInheritedSettingsTo(properties);
			binder.bind(prefix(name), Bindable.ofInstance(properties));
			ownTokenEndpointReplacesTheInheritedOne(properties, defaults);
			if (!properties.isEnabled()) {
				continue;
			}
			if (properties.getClientId() == null) {
				throw new InvalidCognitoPropertyException(prefix(name) + ".client-id", "is not set",
						"Set " + prefix(name) + ".client-id to the id of the Cognito app client, or remove the "
								+ prefix(name) + ".* properties (or set " + prefix(name) + ".enabled=false).");
			}
			try {
				CognitoClientPropertiesValidator.validate(properties);
			}
			catch (InvalidCognitoPropertyException ex) {
				throw ex.forClient(name);
			}
			clients.add(new ConfiguredCognitoClient(name, properties));
		}
		return clients;
	}

	/**
	 * A named client that sets its own token endpoint, by {@code token-endpoint} or by
	 * {@code domain}, replaces the one it inherits given the other way.
	 * @param properties the named client's properties, bound
	 * @param defaults the properties of {@code cognito.client}
	 */
	private static void ownTokenEndpointReplacesTheInheritedOne(CognitoClientProperties properties,
			CognitoClientProperties defaults) {
		boolean ownTokenEndpoint = !Objects.equals(properties.getTokenEndpoint(), defaults.getTokenEndpoint());
		boolean ownDomain = !Objects.equals(properties.getDomain(), defaults.getDomain())
				|| !Objects.equals(properties.getRegion(), defaults.getRegion());
		if (ownTokenEndpoint && !ownDomain) {
			properties.setDomain(null);
			properties.setRegion(null);
			properties.setFips(false);
		}
		else if (ownDomain && !ownTokenEndpoint) {
			properties.setTokenEndpoint(null);
		}
	}

	private static void checkName(String name) {
		if (CognitoTokenManagers.DEFAULT.equals(name)) {
			throw new InvalidCognitoPropertyException(NAMED_PREFIX + ".default",
					"uses the name of the default client, which cognito.client.* configures",
					"Configure the default client with cognito.client.*, or give this client another name.");
		}
		if (!NAME.matcher(name).matches()) {
			throw new InvalidCognitoPropertyException(NAMED_PREFIX + "." + name,
					"has a name that is not lower-case letters, digits and hyphens",
					"Name the client with lower-case letters, digits and inner hyphens (at most 63), for example "
							+ NAMED_PREFIX + ".billing.client-id; the name becomes a metric tag and a health "
							+ "component.");
		}
	}

	/**
	 * A configured client: the default one or a named one.
	 *
	 * @param name the client name
	 * @param properties its validated properties, inherited settings included
	 */
	record ConfiguredCognitoClient(String name, CognitoClientProperties properties) {

		String prefix() {
			return NamedCognitoClients.prefix(this.name);
		}

		String property(String key) {
			return prefix() + "." + key;
		}

		boolean isDefault() {
			return CognitoTokenManagers.DEFAULT.equals(this.name);
		}

	}

}
