package io.github.cognitotoken.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;
import org.springframework.util.PlaceholderResolutionException;

/**
 * Names the {@code cognito.*} property behind a placeholder that Spring could not resolve
 * (Spring's own message names only the placeholder and shows the whole value, which may
 * hold part of a secret). Properties that the starter's conditions read, such as
 * {@code cognito.client.client-id}, fail this way; the others fail in
 * {@link UnresolvedPlaceholders}.
 *
 * @author cognito-token contributors
 */
class UnresolvedPlaceholderFailureAnalyzer extends AbstractFailureAnalyzer<PlaceholderResolutionException> {

	private final @Nullable Environment environment;

	UnresolvedPlaceholderFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, PlaceholderResolutionException cause) {
		if (this.environment == null) {
			return null;
		}
		String placeholder = "${" + cause.getPlaceholder();
		for (String name : MissingCognitoClientFailureAnalyzer.cognitoPropertyNames(this.environment)) {
			Object value = rawValue(this.environment, name);
			if (value instanceof CharSequence text && text.toString().contains(placeholder)) {
				InvalidCognitoPropertyException failure = UnresolvedPlaceholders.failure(name, cause.getPlaceholder());
				return new FailureAnalysis(failure.getMessage(), failure.getAction(), failure);
			}
		}
		return null;
	}

	private static @Nullable Object rawValue(Environment environment, String name) {
		ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(propertyName);
			if (property != null) {
				return property.getValue();
			}
		}
		return null;
	}

}
