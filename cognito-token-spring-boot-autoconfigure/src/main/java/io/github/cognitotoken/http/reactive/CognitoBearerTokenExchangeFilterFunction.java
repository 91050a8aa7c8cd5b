package io.github.cognitotoken.http.reactive;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenProvider;
import io.github.cognitotoken.http.RedirectGuard;
import io.github.cognitotoken.http.CognitoClientRouter;
import io.github.cognitotoken.http.TargetHostMatcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * {@link ExchangeFilterFunction} that adds {@code Authorization: Bearer <token>} with the
 * token of a {@link CognitoTokenProvider}, the reactive counterpart of
 * {@link io.github.cognitotoken.http.CognitoBearerTokenInterceptor}. A request that
 * already has an {@code Authorization} header, or whose host the
 * {@link TargetHostMatcher} rejects, is sent unchanged.
 * <p>
 * It never blocks: the token comes from
 * {@link CognitoTokenProvider#getAccessTokenAsync()}, asked for when the request is
 * subscribed to (so a retried request gets a current token), and completes at once while
 * a token is cached. When the server answers 401 to a request that carried our token, the
 * filter asks the manager to renew that token (rate-limited by the manager) and sends the
 * request once more with the new token. A 403 is returned as it is.
 * <p>
 * Redirects of a request that carries the token are followed by this filter, not by the
 * HTTP client, when the connector was built through Spring Boot's
 * {@code ClientHttpConnectorBuilder} (see {@link RedirectGuard}): each hop gets the token
 * only while every URI of the chain so far matches the target hosts.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public class CognitoBearerTokenExchangeFilterFunction implements ExchangeFilterFunction {

	private static final Log logger = LogFactory.getLog(CognitoBearerTokenExchangeFilterFunction.class);

	private final CognitoClientRouter router;

	private volatile boolean warnedUnguarded;

	/**
	 * Create a filter that adds the token to requests to any host and replays a 401 once.
	 * @param tokenManager the source of tokens
	 */
	public CognitoBearerTokenExchangeFilterFunction(CognitoTokenProvider tokenManager) {
		this(tokenManager, TargetHostMatcher.anyHost(), true);
	}

	/**
	 * Create a filter that adds the token to requests to matching hosts only.
	 * @param tokenManager the source of tokens
	 * @param targetHosts which hosts receive the token
	 * @param retryOnUnauthorized whether a 401 answer renews the token and sends the
	 * request once more
	 */
	public CognitoBearerTokenExchangeFilterFunction(CognitoTokenProvider tokenManager, TargetHostMatcher targetHosts,
			boolean retryOnUnauthorized) {
		this(CognitoClientRouter.single(tokenManager, targetHosts, retryOnUnauthorized));
	}

	/**
	 * Create a filter that adds the token of the client that the router chooses for each
	 * request.
	 * @param router which client's token a request carries
	 */
	public CognitoBearerTokenExchangeFilterFunction(CognitoClientRouter router) {
		Assert.notNull(router, "'router' must not be null");
		this.router = router;
	}

	/**
	 * Return the filter for the clients of an HTTP service group: the same rules, with
	 * the client bound to the group chosen when a request makes no explicit choice.
	 * @param group the group name
	 * @return the filter for that group; this one when no client is bound to it
	 */
	public CognitoBearerTokenExchangeFilterFunction forGroup(String group) {
		CognitoClientRouter groupRouter = this.router.forGroup(group);
		return (groupRouter != this.router) ? new CognitoBearerTokenExchangeFilterFunction(groupRouter) : this;
	}

	/**
	 * Return the router that chooses the client of each request.
	 * @return the router
	 */
	public CognitoClientRouter getRouter() {
		return this.router;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (request.headers().containsHeader(HttpHeaders.AUTHORIZATION)) {
			return next.exchange(request);
		}
		CognitoClientRouter.Route route;
		try {
			route = this.router.route(request.attributes(), request.url());
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(ex);
		}
		if (route == null) {
			return next.exchange(request);
		}
		CognitoTokenProvider tokens = route.getTokens();
		// suppressCancel: a cancelled call must not cancel a token request others share
		return Mono.fromFuture(tokens::getAccessTokenAsync, true)
			.flatMap((token) -> exchange(request, next, token, route.getTargetHosts())
				.flatMap((exchange) -> replayIfUnauthorized(request, next, token, exchange, route)));
	}

	/**
	 * Send the request with the token and follow redirects hop by hop when the connector
	 * let us (see {@link RedirectGuard}): a hop gets the token only while every URI so
	 * far is a target.
	 */
	private Mono<Exchange> exchange(ClientRequest request, ExchangeFunction next, CognitoAccessToken token,
			TargetHostMatcher targetHosts) {
		RedirectGuard guard = new RedirectGuard();
		return hop(withToken(request, token), next, token, guard, 0, true, targetHosts);
	}

	private Mono<Exchange> hop(ClientRequest request, ExchangeFunction next, CognitoAccessToken token,
			RedirectGuard guard, int redirects, boolean carriesToken, TargetHostMatcher targetHosts) {
		return next.exchange(request)
			.contextWrite((context) -> context.put(RedirectGuard.ATTRIBUTE, guard))
			.flatMap((response) -> {
				boolean acknowledged = guard.isAcknowledged();
				boolean follows = guard.followsRedirects();
				guard.reset();
				if (!acknowledged) {
					warnUnguarded();
				}
				RedirectGuard.Hop nextHop = (follows && redirects < RedirectGuard.MAX_REDIRECTS)
						? RedirectGuard.nextHop(request.method(), request.url(), response.statusCode().value(),
								response.headers().asHttpHeaders())
						: null;
				if (nextHop == null) {
					return Mono.just(new Exchange(response, carriesToken));
				}
				boolean nextCarriesToken = carriesToken && targetHosts.matches(nextHop.uri());
				ClientRequest.Builder builder = ClientRequest.from(request)
					.method(nextHop.method())
					.url(nextHop.uri())
					.headers((headers) -> {
						RedirectGuard.prepareHeaders(headers, nextHop);
						if (nextCarriesToken) {
							headers.set(HttpHeaders.AUTHORIZATION, token.getAuthorizationHeaderValue());
						}
					});
				if (!nextHop.sameOrigin()) {
					// cookies are kept apart from the headers until the request is
					// written
					builder.cookies(MultiValueMap::clear);
				}
				if (!nextHop.keepsBody()) {
					builder.body(BodyInserters.empty());
				}
				ClientRequest nextRequest = builder.build();
				return response.releaseBody()
					.then(Mono.defer(
							() -> hop(nextRequest, next, token, guard, redirects + 1, nextCarriesToken, targetHosts)));
			});
	}

	private void warnUnguarded() {
		if (!this.warnedUnguarded && logger.isWarnEnabled()) {
			this.warnedUnguarded = true;
			logger.warn("A request with the Cognito token went through a ClientHttpConnector that was not built by "
					+ "Spring Boot's ClientHttpConnectorBuilder, so the starter cannot keep its redirects under "
					+ "control: if that HTTP client follows redirects, it may send the token to another host. "
					+ "Use Spring Boot's auto-configured WebClient.Builder, or turn the connector's redirects off");
		}
	}

	private Mono<ClientResponse> replayIfUnauthorized(ClientRequest request, ExchangeFunction next,
			CognitoAccessToken token, Exchange exchange, CognitoClientRouter.Route route) {
		ClientResponse response = exchange.response();
		if (!route.isRetryOnUnauthorized() || !exchange.carriedToken() || response.statusCode().value() != 401) {
			return Mono.just(response);
		}
		return Mono.fromFuture(() -> route.getTokens().renewRejectedTokenAsync(token), true)
			// The caller gets the server's 401; the manager has logged why no token came
			.onErrorResume(CognitoTokenException.class, (ex) -> Mono.empty())
			.flatMap((renewed) -> response.releaseBody()
				.then(exchange(request, next, renewed, route.getTargetHosts()))
				.map(Exchange::response))
			.switchIfEmpty(Mono.just(response))
			// a caller that gives up while the token is renewed must not leak the
			// connection
			.doOnCancel(() -> response.releaseBody().subscribe(null, (ex) -> {
			}));
	}

	private static ClientRequest withToken(ClientRequest request, CognitoAccessToken token) {
		return ClientRequest.from(request)
			.headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, token.getAuthorizationHeaderValue()))
			.build();
	}

	private record Exchange(ClientResponse response, boolean carriedToken) {

	}

}
