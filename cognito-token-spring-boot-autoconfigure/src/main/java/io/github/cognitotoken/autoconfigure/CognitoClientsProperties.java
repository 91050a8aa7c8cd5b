package io.github.cognitotoken.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Named Cognito clients, {@code cognito.clients.<name>.*}, besides the default client of
 * {@code cognito.client.*}. Each named client takes the keys of
 * {@link CognitoClientProperties} and inherits from {@code cognito.client} the settings
 * it does not set itself: the token endpoint, the client authentication method, the
 * timeouts, {@code clock-skew}, {@code refresh-ahead}, {@code retry.*},
 * {@code forced-renewal-interval}, {@code retry-on-unauthorized}, {@code fail-fast} and
 * {@code cache.*}; never its identity ({@code client-id}, {@code client-secret},
 * {@code scope}, {@code client-metadata}) nor where its token goes ({@code target-hosts},
 * {@code base-url}, {@code http-service-groups}).
 * <p>
 * This class describes the properties for IDEs and documentation; the auto-configuration
 * binds each named client on its own, on top of the inherited settings.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@ConfigurationProperties("cognito")
public class CognitoClientsProperties {

	/**
	 * Named Cognito clients, each with the keys of cognito.client.*. A name has
	 * lower-case letters, digits and hyphens; 'default' is the client of
	 * cognito.client.*.
	 */
	private Map<String, CognitoClientProperties> clients = new LinkedHashMap<>();

	public Map<String, CognitoClientProperties> getClients() {
		return this.clients;
	}

	public void setClients(Map<String, CognitoClientProperties> clients) {
		this.clients = clients;
	}

}
