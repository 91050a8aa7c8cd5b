package io.github.cognitotoken.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.diagnostics.analyzer.AbstractInjectionFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Explains a missing bean that the starter would have provided or customized (a
 * {@code RestClient}, a {@code CognitoTokenManager}, ...) when {@code cognito.*}
 * properties are set but no client id is, so that the starter stayed off: which property
 * is missing, and which of the properties that are set looks like a misspelt one. Runs
 * before Spring Boot's own analysis of a missing bean, whose message does not mention the
 * starter. Never shows a property's value.
 *
 * @author cognito-token contributors
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class MissingCognitoClientFailureAnalyzer extends AbstractInjectionFailureAnalyzer<NoSuchBeanDefinitionException> {

	private static final String CLIENT_ID = "cognito.client.client-id";

	private static final Set<String> HTTP_CLIENT_TYPES = Set.of("org.springframework.web.client.RestClient",
			"org.springframework.web.client.RestClient$Builder", "org.springframework.web.client.RestTemplate",
			"org.springframework.web.reactive.function.client.WebClient",
			"org.springframework.web.reactive.function.client.WebClient$Builder");

	private static final int MAX_SHOWN = 8;

	private final @Nullable Environment environment;

	MissingCognitoClientFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause,
			@Nullable String description) {
		ResolvableType missing = cause.getResolvableType();
		if (this.environment == null || missing == null || !isStarterType(missing)) {
			return null;
		}
		Environment environment = this.environment;
		String required = (description != null) ? description : "A component";
		String type = shortName(missing);
		String notFound = required + " required a bean of type '" + type + "' that could not be found.\n\n";
		if (environment.containsProperty(CLIENT_ID) || namedClientsPresent(environment)) {
			return null;
		}
		Set<String> names = cognitoPropertyNames(environment);
		if (names.isEmpty() && !isOwnType(missing)) {
			return null;
		}
		StringBuilder message = new StringBuilder(notFound).append("The Cognito token starter is switched off: ");
		if (names.isEmpty()) {
			message.append("no cognito.* property is set, and it needs ").append(CLIENT_ID).append('.');
		}
		else {
			message.append(CLIENT_ID)
				.append(" is not set (nor any cognito.clients.<name>.client-id), although these cognito properties are: ")
				.append(shown(names))
				.append('.');
		}
		List<String> suggestions = suggestions(names);
		StringBuilder action = new StringBuilder();
		for (String suggestion : suggestions) {
			action.append(suggestion).append(' ');
		}
		action.append("Set ")
			.append(CLIENT_ID)
			.append(" to the id of the Cognito app client (or cognito.clients.<name>.client-id for a named client); "
					+ "the environment variable COGNITO_CLIENT_CLIENTID sets it too.");
		return new FailureAnalysis(message.toString(), action.toString(), cause);
	}

	private static boolean isStarterType(ResolvableType type) {
		Class<?> resolved = type.resolve();
		return resolved != null && (HTTP_CLIENT_TYPES.contains(resolved.getName()) || isOwnType(type));
	}

	private static boolean isOwnType(ResolvableType type) {
		Class<?> resolved = type.resolve();
		return resolved != null && resolved.getName().startsWith("io.github.cognitotoken.");
	}

	private static String shortName(ResolvableType type) {
		Class<?> resolved = type.resolve();
		return (resolved != null) ? resolved.getName() : type.toString();
	}

	static Set<String> cognitoPropertyNames(Environment environment) {
		Set<String> names = new TreeSet<>();
		ConfigurationPropertyName cognito = ConfigurationPropertyName.of("cognito");
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.filter(cognito::isAncestorOf).forEach((name) -> names.add(name.toString()));
			}
		}
		return names;
	}

	private static String shown(Set<String> names) {
		List<String> shown = new ArrayList<>(names).subList(0, Math.min(MAX_SHOWN, names.size()));
		String list = String.join(", ", shown);
		return (names.size() > MAX_SHOWN) ? list + " and " + (names.size() - MAX_SHOWN) + " more" : list;
	}

	/**
	 * Say which of the set properties look like a misspelt client id or a misspelt
	 * prefix.
	 */
	static List<String> suggestions(Set<String> names) {
		List<String> suggestions = new ArrayList<>();
		Set<String> wrongPrefixes = new TreeSet<>();
		for (String name : names) {
			ConfigurationPropertyName parsed = ConfigurationPropertyName.of(name);
			if (parsed.getNumberOfElements() < 2) {
				continue;
			}
			String group = parsed.getElement(1, Form.UNIFORM);
			String last = parsed.getLastElement(Form.UNIFORM);
			if (!group.equals("client") && !group.equals("clients") && !group.equals("token")) {
				wrongPrefixes.add("cognito." + parsed.getElement(1, Form.DASHED));
			}
			else if (!last.equals("clientid") && looksLikeClientId(last)) {
				String intended = group.equals("clients") && parsed.getNumberOfElements() > 3
						? "cognito.clients." + parsed.getElement(2, Form.ORIGINAL) + ".client-id" : CLIENT_ID;
				suggestions.add(name + " is set: did you mean " + intended + "?");
			}
		}
		for (String prefix : wrongPrefixes) {
			suggestions.add(prefix + ".* is not read by the starter: did you mean "
					+ (prefix.startsWith("cognito.clients") || prefix.endsWith("s") ? "cognito.clients"
							: "cognito.client")
					+ ".*?");
		}
		return suggestions;
	}

	private static boolean looksLikeClientId(String uniformElement) {
		return uniformElement.equals("id") || uniformElement.equals("appclientid") || uniformElement.equals("clientsid")
				|| (uniformElement.length() >= 6 && distance(uniformElement, "clientid") <= 2);
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private static boolean namedClientsPresent(Environment environment) {
		try {
			return NamedCognitoClients.anyConfigured(Binder.get(environment));
		}
		catch (RuntimeException ex) {
			// a named client that does not bind is a failure of its own
			return true;
		}
	}

}
