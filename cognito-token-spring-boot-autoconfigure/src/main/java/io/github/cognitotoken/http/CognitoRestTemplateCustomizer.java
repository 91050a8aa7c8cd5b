package io.github.cognitotoken.http;

import java.util.List;

import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.util.Assert;
import org.springframework.web.client.RestTemplate;

/**
 * {@link RestTemplateCustomizer} that adds the {@link CognitoBearerTokenInterceptor} to a
 * {@link RestTemplate}.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public class CognitoRestTemplateCustomizer implements RestTemplateCustomizer {

	private final CognitoBearerTokenInterceptor interceptor;

	/**
	 * Create a new customizer.
	 * @param interceptor the interceptor to add
	 */
	public CognitoRestTemplateCustomizer(CognitoBearerTokenInterceptor interceptor) {
		Assert.notNull(interceptor, "'interceptor' must not be null");
		this.interceptor = interceptor;
	}

	@Override
	public void customize(RestTemplate restTemplate) {
		List<ClientHttpRequestInterceptor> interceptors = restTemplate.getInterceptors();
		if (!interceptors.contains(this.interceptor)) {
			interceptors.add(this.interceptor);
		}
	}

}
