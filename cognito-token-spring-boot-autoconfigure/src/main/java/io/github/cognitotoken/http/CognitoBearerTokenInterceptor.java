package io.github.cognitotoken.http;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;

/**
 * {@link ClientHttpRequestInterceptor} that adds {@code Authorization: Bearer <token>}
 * with the token of a {@link CognitoTokenProvider}: of the Cognito client that the
 * {@link CognitoClientRouter} chooses for the request. A request that already has an
 * {@code Authorization} header, for which the router chooses no client, or whose host the
 * chosen client's {@link TargetHostMatcher} rejects, is sent unchanged.
 * <p>
 * Redirects of a request that carries the token are followed by this interceptor, not by
 * the HTTP client, when the request factory was built through Spring Boot's
 * {@code ClientHttpRequestFactoryBuilder} (see {@link RedirectGuard}) and its redirect
 * policy follows redirects: each hop gets the token only while every URI of the chain so
 * far matches the target hosts; other hops are sent without it, and without cookies when
 * they change origin. A redirect from https to http is not followed.
 * <p>
 * When the server answers 401 to a request that carried our token, the interceptor asks
 * the manager to renew that token (rate-limited by the manager) and sends the request
 * once more with the new token. A 403 is returned as it is: a new token would carry the
 * same scopes.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public class CognitoBearerTokenInterceptor implements ClientHttpRequestInterceptor {

	private static final Log logger = LogFactory.getLog(CognitoBearerTokenInterceptor.class);

	// HttpHeaders lower-cases a name on every lookup; a lower-case name costs no copy
	private static final String AUTHORIZATION_LOOKUP = "authorization";

	private final CognitoClientRouter router;

	private volatile boolean warnedUnguarded;

	/**
	 * Create an interceptor that adds the token to requests to any host.
	 * @param tokenManager the source of tokens
	 */
	public CognitoBearerTokenInterceptor(CognitoTokenProvider tokenManager) {
		this(tokenManager, TargetHostMatcher.anyHost());
	}

	/**
	 * Create an interceptor that adds the token to requests to matching hosts only.
	 * @param tokenManager the source of tokens
	 * @param targetHosts which hosts receive the token
	 */
	public CognitoBearerTokenInterceptor(CognitoTokenProvider tokenManager, TargetHostMatcher targetHosts) {
		this(tokenManager, targetHosts, true);
	}

	/**
	 * Create an interceptor that adds the token to requests to matching hosts only.
	 * @param tokenManager the source of tokens
	 * @param targetHosts which hosts receive the token
	 * @param retryOnUnauthorized whether a 401 answer renews the token and sends the
	 * request once more
	 */
	public CognitoBearerTokenInterceptor(CognitoTokenProvider tokenManager, TargetHostMatcher targetHosts,
			boolean retryOnUnauthorized) {
		this(CognitoClientRouter.single(tokenManager, targetHosts, retryOnUnauthorized));
	}

	/**
	 * Create an interceptor that adds the token of the client that the router chooses for
	 * each request.
	 * @param router which client's token a request carries
	 */
	public CognitoBearerTokenInterceptor(CognitoClientRouter router) {
		Assert.notNull(router, "'router' must not be null");
		this.router = router;
	}

	/**
	 * Return the interceptor for the clients of an HTTP service group: the same rules,
	 * with the client bound to the group chosen when a request makes no explicit choice.
	 * @param group the group name
	 * @return the interceptor for that group; this one when no client is bound to it
	 */
	public CognitoBearerTokenInterceptor forGroup(String group) {
		CognitoClientRouter groupRouter = this.router.forGroup(group);
		return (groupRouter != this.router) ? new CognitoBearerTokenInterceptor(groupRouter) : this;
	}

	/**
	 * Return the router that chooses the client of each request.
	 * @return the router
	 */
	public CognitoClientRouter getRouter() {
		return this.router;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		HttpHeaders headers = request.getHeaders();
		if (headers.containsHeader(AUTHORIZATION_LOOKUP)) {
			return execution.execute(request, body);
		}
		CognitoClientRouter.Route route = this.router.route(request.getAttributes(), request.getURI());
		if (route == null) {
			return execution.execute(request, body);
		}
		CognitoAccessToken token = route.getTokens().getAccessToken();
		RedirectGuard guard = new RedirectGuard();
		ClientHttpResponse response = exchange(request, body, execution, token, guard, route.getTargetHosts());
		CognitoAccessToken renewed;
		try {
			if (!route.isRetryOnUnauthorized() || !guard.carriedToken || response.getStatusCode().value() != 401) {
				return response;
			}
			renewed = renew(route.getTokens(), token);
		}
		catch (IOException | RuntimeException ex) {
			response.close();
			throw ex;
		}
		if (renewed == null) {
			return response;
		}
		response.close();
		return exchange(request, body, execution, renewed, new RedirectGuard(), route.getTargetHosts());
	}

	/**
	 * Send the request with the token and follow redirects hop by hop when the request
	 * factory let us (see {@link RedirectGuard}): a hop gets the token only while every
	 * URI so far is a target.
	 */
	private ClientHttpResponse exchange(HttpRequest request, byte[] body, ClientHttpRequestExecution execution,
			CognitoAccessToken token, RedirectGuard guard, TargetHostMatcher targetHosts) throws IOException {
		request.getAttributes().put(RedirectGuard.ATTRIBUTE, guard);
		request.getHeaders().set(HttpHeaders.AUTHORIZATION, token.getAuthorizationHeaderValue());
		HttpRequest hop = request;
		byte[] hopBody = body;
		boolean carriesToken = true;
		for (int redirects = 0;; redirects++) {
			guard.reset();
			ClientHttpResponse response;
			RedirectGuard previous = RedirectGuard.current();
			RedirectGuard.setCurrent(guard);
			try {
				response = execution.execute(hop, hopBody);
			}
			finally {
				RedirectGuard.setCurrent(previous);
			}
			if (!guard.isAcknowledged()) {
				warnUnguarded();
			}
			if (!guard.followsRedirects() || redirects >= RedirectGuard.MAX_REDIRECTS) {
				guard.carriedToken = carriesToken;
				return response;
			}
			RedirectGuard.Hop next;
			try {
				next = RedirectGuard.nextHop(hop.getMethod(), hop.getURI(), response.getStatusCode().value(),
						response.getHeaders());
			}
			catch (IOException | RuntimeException ex) {
				response.close();
				throw ex;
			}
			if (next == null) {
				guard.carriedToken = carriesToken;
				return response;
			}
			response.close();
			carriesToken = carriesToken && targetHosts.matches(next.uri());
			HttpHeaders nextHeaders = new HttpHeaders();
			nextHeaders.putAll(hop.getHeaders());
			RedirectGuard.prepareHeaders(nextHeaders, next);
			if (carriesToken) {
				nextHeaders.set(HttpHeaders.AUTHORIZATION, token.getAuthorizationHeaderValue());
			}
			hop = new RedirectedRequest(next.method(), next.uri(), nextHeaders, request.getAttributes());
			hopBody = next.keepsBody() ? hopBody : new byte[0];
		}
	}

	private void warnUnguarded() {
		if (!this.warnedUnguarded && logger.isWarnEnabled()) {
			this.warnedUnguarded = true;
			logger.warn("A request with the Cognito token went through a request factory that was not built by "
					+ "Spring Boot's ClientHttpRequestFactoryBuilder, so the starter cannot keep its redirects under "
					+ "control: if that HTTP client follows redirects (the JDK HttpClient does), it may send the "
					+ "token to another host. Build the factory with ClientHttpRequestFactoryBuilder, or turn its "
					+ "redirects off");
		}
	}

	private static @Nullable CognitoAccessToken renew(CognitoTokenProvider tokens, CognitoAccessToken rejected) {
		try {
			return tokens.renewRejectedToken(rejected);
		}
		catch (CognitoTokenException ex) {
			// The caller gets the server's 401; the manager has logged why no token came
			return null;
		}
	}

	private record RedirectedRequest(HttpMethod method, URI uri, HttpHeaders headers,
			Map<String, Object> attributes) implements HttpRequest {

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.attributes;
		}

	}

}
