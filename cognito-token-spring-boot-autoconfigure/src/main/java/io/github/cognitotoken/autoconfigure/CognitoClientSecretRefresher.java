package io.github.cognitotoken.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Reads the client secrets of every Cognito client again when Spring Cloud reports that
 * the environment changed ({@link EnvironmentChangeEvent}, published when a refresh, such
 * as a reloading Secrets Manager or Vault config import, changes property values), so
 * that the next token request uses a rotated secret and a request that Cognito rejected
 * with {@code invalid_client} is retried at once. Binds from the environment itself, at
 * each client's prefix, so it does not depend on the order in which Spring Cloud rebinds
 * {@code @ConfigurationProperties} beans, and it covers clients whose properties are not
 * beans.
 *
 * @author cognito-token contributors
 */
final class CognitoClientSecretRefresher implements ApplicationListener<EnvironmentChangeEvent> {

	private final ConfigurableEnvironment environment;

	private final ObjectProvider<ConfigurationClientSecretProvider> secretProvider;

	CognitoClientSecretRefresher(ConfigurableEnvironment environment,
			ObjectProvider<ConfigurationClientSecretProvider> secretProvider) {
		this.environment = environment;
		this.secretProvider = secretProvider;
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		this.secretProvider.ifAvailable((provider) -> provider.rebind(Binder.get(this.environment)));
	}

}
