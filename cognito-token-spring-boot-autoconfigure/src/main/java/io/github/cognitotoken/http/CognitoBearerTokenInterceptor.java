package io.github.cognitotoken.http;

import java.io.IOException;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenManager;
import org.jspecify.annotations.Nullable;

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
 * <p>
 * When the server answers 401 to a request that carried our token, the interceptor asks
 * the manager to renew that token (rate-limited by the manager) and sends the request
 * once more with the new token. A 403 is returned as it is: a new token would carry the
 * same scopes.
 *
 * @author cognito-token contributors
 */
public class CognitoBearerTokenInterceptor implements ClientHttpRequestInterceptor {

	// HttpHeaders lower-cases a name on every lookup; a lower-case name costs no copy
	private static final String AUTHORIZATION_LOOKUP = "authorization";

	private final CognitoTokenManager tokenManager;

	private final TargetHostMatcher targetHosts;

	private final boolean retryOnUnauthorized;

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
		this(tokenManager, targetHosts, true);
	}

	/**
	 * Create an interceptor that adds the token to requests to matching hosts only.
	 * @param tokenManager the source of tokens
	 * @param targetHosts which hosts receive the token
	 * @param retryOnUnauthorized whether a 401 answer renews the token and sends the
	 * request once more
	 */
	public CognitoBearerTokenInterceptor(CognitoTokenManager tokenManager, TargetHostMatcher targetHosts,
			boolean retryOnUnauthorized) {
		Assert.notNull(tokenManager, "'tokenManager' must not be null");
		Assert.notNull(targetHosts, "'targetHosts' must not be null");
		this.tokenManager = tokenManager;
		this.targetHosts = targetHosts;
		this.retryOnUnauthorized = retryOnUnauthorized;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		HttpHeaders headers = request.getHeaders();
		if (headers.containsHeader(AUTHORIZATION_LOOKUP) || !this.targetHosts.matches(request.getURI())) {
			return execution.execute(request, body);
		}
		CognitoAccessToken token = this.tokenManager.getAccessToken();
		headers.set(HttpHeaders.AUTHORIZATION, token.getAuthorizationHeaderValue());
		ClientHttpResponse response = execution.execute(request, body);
		CognitoAccessToken renewed;
		try {
			if (!this.retryOnUnauthorized || response.getStatusCode().value() != 401) {
				return response;
			}
			renewed = renew(token);
		}
		catch (IOException | RuntimeException ex) {
			response.close();
			throw ex;
		}
		if (renewed == null) {
			return response;
		}
		response.close();
		headers.set(HttpHeaders.AUTHORIZATION, renewed.getAuthorizationHeaderValue());
		return execution.execute(request, body);
	}

	private @Nullable CognitoAccessToken renew(CognitoAccessToken rejected) {
		try {
			return this.tokenManager.renewRejectedToken(rejected);
		}
		catch (CognitoTokenException ex) {
			// The caller gets the server's 401; the manager has logged why no token came
			return null;
		}
	}

}
