package io.github.cognitotoken.http.reactive;

import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link WebClientCustomizer} that adds the
 * {@link CognitoBearerTokenExchangeFilterFunction} to a {@link WebClient.Builder}.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public class CognitoWebClientCustomizer implements WebClientCustomizer {

	private final CognitoBearerTokenExchangeFilterFunction filter;

	/**
	 * Create a new customizer.
	 * @param filter the filter to add
	 */
	public CognitoWebClientCustomizer(CognitoBearerTokenExchangeFilterFunction filter) {
		Assert.notNull(filter, "'filter' must not be null");
		this.filter = filter;
	}

	@Override
	public void customize(WebClient.Builder webClientBuilder) {
		webClientBuilder.filters((filters) -> {
			if (!filters.contains(this.filter)) {
				filters.add(this.filter);
			}
		});
	}

}
