package io.github.cognitotoken.samples.cognitolocal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Configuration of the stand-in, bound from {@code cognito-local.*}.
 *
 * @param issuer the {@code iss} claim of issued tokens, also required when validating
 * @param accessTokenLifetime lifetime of an access token ({@code expires_in})
 * @param clients the app clients that may ask for tokens
 * @param portFile file to write the listening port to once the application is ready, or
 * {@code null} for none
 */
@ConfigurationProperties("cognito-local")
public record CognitoLocalProperties(@DefaultValue("https://cognito-idp.local.amazonaws.com/local_pool") String issuer,
		@DefaultValue("2m") Duration accessTokenLifetime, @DefaultValue List<Client> clients, @Nullable Path portFile) {

	public CognitoLocalProperties {
		Assert.hasText(issuer, "cognito-local.issuer must not be empty");
		Assert.isTrue(accessTokenLifetime.getSeconds() >= 1,
				"cognito-local.access-token-lifetime must be at least one second");
		Set<String> ids = new HashSet<>();
		for (Client client : clients) {
			Assert.isTrue(ids.add(client.clientId()),
					() -> "cognito-local.clients has client-id '" + client.clientId() + "' more than once");
		}
		clients = List.copyOf(clients);
	}

	/**
	 * Look up an app client by its id.
	 * @param clientId the client id
	 * @return the client, if configured
	 */
	public Optional<Client> findClient(String clientId) {
		return this.clients.stream().filter((client) -> client.clientId().equals(clientId)).findFirst();
	}

	/**
	 * A confidential app client.
	 *
	 * @param clientId the client id, also the {@code sub} and {@code client_id} claims
	 * @param clientSecret the client secret
	 * @param scopes the scopes the client may be granted, such as {@code orders/read}
	 * @param clientCredentialsEnabled whether the client may use the
	 * {@code client_credentials} grant; if not, it gets {@code unauthorized_client}
	 */
	public record Client(String clientId, String clientSecret, @DefaultValue List<String> scopes,
			@DefaultValue("true") boolean clientCredentialsEnabled) {

		public Client {
			Assert.isTrue(StringUtils.hasText(clientId), "cognito-local.clients[].client-id must not be empty");
			Assert.isTrue(StringUtils.hasText(clientSecret),
					() -> "cognito-local.clients[].client-secret must not be empty for client " + clientId);
			for (String scope : scopes) {
				Assert.isTrue(StringUtils.hasText(scope) && !StringUtils.containsWhitespace(scope),
						() -> "cognito-local.clients[].scopes of client " + clientId
								+ " must be non-empty and contain no whitespace");
			}
			scopes = List.copyOf(scopes);
		}

		@Override
		public String toString() {
			return "Client[clientId=" + this.clientId + ", clientSecret=******, scopes=" + this.scopes
					+ ", clientCredentialsEnabled=" + this.clientCredentialsEnabled + "]";
		}

	}

}
