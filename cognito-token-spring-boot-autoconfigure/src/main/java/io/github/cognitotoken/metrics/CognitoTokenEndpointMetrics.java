package io.github.cognitotoken.metrics;

import java.util.Collection;
import java.util.List;

import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * {@link MeterBinder} for a {@link TokenEndpointClient}: the counter
 * {@value #ISSUED_METER_NAME}, the tokens the token endpoint issued to the client (its
 * successful token responses), tagged {@code client} with the client's name. That is
 * exactly what Cognito bills for machine-to-machine clients: a token taken from a shared
 * cache is not counted, a failed request is not counted, and a token issued but unusable
 * (too short-lived) is. In Prometheus, the tokens an hour are
 * {@code sum by (client) (increase(cognito_token_issued_total[1h]))}.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public class CognitoTokenEndpointMetrics implements MeterBinder {

	/**
	 * Name of the counter of tokens issued to the client.
	 */
	public static final String ISSUED_METER_NAME = "cognito.token.issued";

	private final Collection<TokenEndpointClient> clients;

	/**
	 * Create a new binder for one client.
	 * @param client the token endpoint client to measure
	 */
	public CognitoTokenEndpointMetrics(TokenEndpointClient client) {
		this(List.of(client));
	}

	/**
	 * Create a new binder for several clients, each counter tagged with the client's
	 * name.
	 * @param clients the token endpoint clients to measure
	 */
	public CognitoTokenEndpointMetrics(Collection<TokenEndpointClient> clients) {
		Assert.notNull(clients, "'clients' must not be null");
		Assert.noNullElements(clients, "'clients' must not contain null elements");
		this.clients = List.copyOf(clients);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (TokenEndpointClient client : this.clients) {
			FunctionCounter.builder(ISSUED_METER_NAME, client, TokenEndpointClient::getIssuedTokenCount)
				.description("Tokens the Cognito token endpoint issued to the client (successful token responses, "
						+ "what Cognito bills)")
				.baseUnit("tokens")
				.tag(CognitoTokenMetrics.CLIENT_TAG, client.getClientName())
				.register(registry);
		}
	}

}
