package io.github.cognitotoken.samples.democlient;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Reads how many token requests the local stand-in (cognito-local) has answered, from
 * {@code GET /admin/token-requests} next to its token endpoint. Real Cognito has no such
 * endpoint, so only loopback token endpoints are asked.
 * <p>
 * Uses its own plain {@link RestClient}, not the auto-configured one: the admin endpoint
 * needs no token, and this client is not a bean, so it does not replace the starter's.
 */
@Component
public class TokenRequestCounter {

	private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

	private final RestClient restClient;

	public TokenRequestCounter() {
		SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
		requestFactory.setConnectTimeout(Duration.ofSeconds(2));
		requestFactory.setReadTimeout(Duration.ofSeconds(5));
		this.restClient = RestClient.builder().requestFactory(requestFactory).build();
	}

	/**
	 * Return the stand-in's counts.
	 * @param tokenEndpoint the token endpoint the starter uses
	 * @return the counts, or {@code null} when the token endpoint is not a local stand-in
	 * or the counts could not be read
	 */
	public @Nullable TokenRequestCounts read(String tokenEndpoint) {
		try {
			URI endpoint = URI.create(tokenEndpoint.trim());
			String host = endpoint.getHost();
			if (host == null || !LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
				return null;
			}
			return this.restClient.get()
				.uri(endpoint.resolve("/admin/token-requests"))
				.retrieve()
				.body(TokenRequestCounts.class);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
