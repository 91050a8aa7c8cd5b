package io.github.cognitotoken.http;

import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * {@link RestClientCustomizer} that adds the {@link CognitoBearerTokenInterceptor} to a
 * {@link RestClient.Builder}.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public class CognitoRestClientCustomizer implements RestClientCustomizer {

	private final CognitoBearerTokenInterceptor interceptor;

	/**
	 * Create a new customizer.
	 * @param interceptor the interceptor to add
	 */
	public CognitoRestClientCustomizer(CognitoBearerTokenInterceptor interceptor) {
		Assert.notNull(interceptor, "'interceptor' must not be null");
		this.interceptor = interceptor;
	}

	@Override
	public void customize(RestClient.Builder restClientBuilder) {
		restClientBuilder.requestInterceptors((interceptors) -> {
			if (!interceptors.contains(this.interceptor)) {
				interceptors.add(this.interceptor);
			}
		});
	}

}
