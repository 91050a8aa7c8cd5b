package io.github.cognitotoken.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.cognitotoken.endpoint.CognitoClientSecretProvider;
import io.github.cognitotoken.endpoint.CognitoClientSecrets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The default {@link CognitoClientSecretProvider}: the secrets of each client as its
 * configuration properties hold them ({@code client-secret} and
 * {@code previous-client-secret} under the client's prefix), re-read from the
 * {@link org.springframework.core.env.Environment} by {@link #rebind(Binder)} when it
 * changes at run time, after which the client's change callback (its token manager's
 * {@code credentialsChanged()}) runs. Works per client, so for the default client
 * ({@code cognito.client}) and for every named one alike.
 *
 * @author cognito-token contributors
 */
final class ConfigurationClientSecretProvider implements CognitoClientSecretProvider {

	private static final Log logger = LogFactory.getLog(ConfigurationClientSecretProvider.class);

	private final Map<String, Client> clients = new ConcurrentHashMap<>();

	/**
	 * Serve the secrets of a client from its properties.
	 * @param name the client's name, {@code default} for the default client
	 * @param prefix the prefix of its properties, {@code cognito.client} for the default
	 * client
	 * @param properties its validated properties
	 */
	void register(String name, String prefix, CognitoClientProperties properties) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.hasText(prefix, "'prefix' must not be empty");
		this.clients.put(name,
				new Client(prefix, properties, new CognitoClientPropertiesMapper(properties).asClientSecrets()));
	}

	/**
	 * Run the given callback whenever the secrets of the named client change; nothing
	 * when no such client is registered.
	 * @param name the client's name
	 * @param callback what to run, usually the token manager's
	 * {@code credentialsChanged()}
	 */
	void onChange(String name, Runnable callback) {
		Client client = this.clients.get(name);
		if (client != null) {
			// a client that is not registered does not read its secrets from here
			client.callbacks.add(callback);
		}
	}

	@Override
	public CognitoClientSecrets getSecrets(String clientName) {
		Client client = this.clients.get(clientName);
		Assert.state(client != null, () -> "No Cognito client named '" + clientName + "' is registered");
		return client.secrets;
	}

	/**
	 * Read the secrets of every client again, update its properties and run its callbacks
	 * when they changed.
	 * @param binder the binder of the current environment
	 * @return the names of the clients whose secrets changed
	 */
	List<String> rebind(Binder binder) {
		List<String> changed = new ArrayList<>();
		this.clients.forEach((name, client) -> {
			if (client.rebind(binder)) {
				changed.add(name);
				logger.info("The client secret of Cognito client '" + name + "' (" + client.prefix
						+ ".client-secret or .previous-client-secret) changed: the next token request uses it");
				client.callbacks.forEach(Runnable::run);
			}
		});
		return changed;
	}

	private static final class Client {

		private final String prefix;

		private final CognitoClientProperties properties;

		private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

		private volatile CognitoClientSecrets secrets;

		Client(String prefix, CognitoClientProperties properties, CognitoClientSecrets secrets) {
			this.prefix = prefix;
			this.properties = properties;
			this.secrets = secrets;
		}

		synchronized boolean rebind(Binder binder) {
			String clientSecret = bind(binder, "client-secret");
			String previous = bind(binder, "previous-client-secret");
			if (!StringUtils.hasText(clientSecret)) {
				logger.warn(this.prefix + ".client-secret is no longer set: Cognito token requests keep the client "
						+ "secret they had");
				return false;
			}
			CognitoClientSecrets rebound = CognitoClientSecrets.of(clientSecret, previous);
			if (rebound.isSameAs(this.secrets)) {
				return false;
			}
			// bound properties follow too, also where rebinding keeps a removed value
			this.properties.setClientSecret(clientSecret);
			this.properties.setPreviousClientSecret(previous);
			this.secrets = rebound;
			return true;
		}

		private @Nullable String bind(Binder binder, String name) {
			return binder.bind(this.prefix + "." + name, String.class).orElse(null);
		}

	}

}
