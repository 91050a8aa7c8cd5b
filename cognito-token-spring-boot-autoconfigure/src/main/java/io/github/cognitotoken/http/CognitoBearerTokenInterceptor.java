package io.github.cognitotoken.http;

import java.io.IOException;

import io.github.cognitotoken.CognitoTokenManager;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;

/**
 * {@link ClientHttpRequestInterceptor} that adds {@code Authorization: Bearer <token>}
 * with the token of a {@link CognitoTokenManager}. A request that already has an
 * {@code Authorization} header, or whose host the {@link TargetHostMatcher} rejects, is
 * sent unchanged.
 *
 * @author cognito-token contributors
 */
public class CognitoBearerTokenInterceptor implements ClientHttpRequestInterceptor {

	private final CognitoTokenManager tokenManager;

	private final TargetHostMatcher targetHosts;

	/**
	 * Create an interceptor that adds the token to requests to any host.
	 * @param tokenManager the source of tokens
	 */
	public CognitoBearerTokenInterceptor(CognitoTokenManager tokenManager) {
		this(tokenManager, TargetHostMatcher.anyHost());
	}

	/**
	 * Create an interceptor that adds the token to requests to matching hosts only.
	 * @param tokenManager the source of tokens
	 * @param targetHosts which hosts receive the token
	 */
	public CognitoBearerTokenInterceptor(CognitoTokenManager tokenManager, TargetHostMatcher targetHosts) {
		Assert.notNull(tokenManager, "'tokenManager' must not be null");
		Assert.notNull(targetHosts, "'targetHosts' must not be null");
		this.tokenManager = tokenManager;
		this.targetHosts = targetHosts;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		HttpHeaders headers = request.getHeaders();
		if (!headers.containsHeader(HttpHeaders.AUTHORIZATION) && this.targetHosts.matches(request.getURI())) {
			headers.set(HttpHeaders.AUTHORIZATION, this.tokenManager.getAccessToken().getAuthorizationHeaderValue());
		}
		return execution.execute(request, body);
	}

}
