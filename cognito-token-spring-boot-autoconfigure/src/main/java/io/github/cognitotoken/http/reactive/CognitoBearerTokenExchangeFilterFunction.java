package io.github.cognitotoken.http.reactive;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.http.TargetHostMatcher;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * {@link ExchangeFilterFunction} that adds {@code Authorization: Bearer <token>} with the
 * token of a {@link CognitoTokenManager}, the reactive counterpart of
 * {@link io.github.cognitotoken.http.CognitoBearerTokenInterceptor}. A request that
 * already has an {@code Authorization} header, or whose host the
 * {@link TargetHostMatcher} rejects, is sent unchanged.
 * <p>
 * It never blocks: the token comes from
 * {@link CognitoTokenManager#getAccessTokenAsync()}, asked for when the request is
 * subscribed to (so a retried request gets a current token), and completes at once while
 * a token is cached. When the server answers 401 to a request that carried our token, the
 * filter asks the manager to renew that token (rate-limited by the manager) and sends the
 * request once more with the new token. A 403 is returned as it is.
 *
 * @author cognito-token contributors
 */
public class CognitoBearerTokenExchangeFilterFunction implements ExchangeFilterFunction {

	private final CognitoTokenManager tokenManager;

	private final TargetHostMatcher targetHosts;

	private final boolean retryOnUnauthorized;

	/**
	 * Create a filter that adds the token to requests to any host and replays a 401 once.
	 * @param tokenManager the source of tokens
	 */
	public CognitoBearerTokenExchangeFilterFunction(CognitoTokenManager tokenManager) {
		this(tokenManager, TargetHostMatcher.anyHost(), true);
	}

	/**
	 * Create a filter that adds the token to requests to matching hosts only.
	 * @param tokenManager the source of tokens
	 * @param targetHosts which hosts receive the token
	 * @param retryOnUnauthorized whether a 401 answer renews the token and sends the
	 * request once more
	 */
	public CognitoBearerTokenExchangeFilterFunction(CognitoTokenManager tokenManager, TargetHostMatcher targetHosts,
			boolean retryOnUnauthorized) {
		Assert.notNull(tokenManager, "'tokenManager' must not be null");
		Assert.notNull(targetHosts, "'targetHosts' must not be null");
		this.tokenManager = tokenManager;
		this.targetHosts = targetHosts;
		this.retryOnUnauthorized = retryOnUnauthorized;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (request.headers().containsHeader(HttpHeaders.AUTHORIZATION) || !this.targetHosts.matches(request.url())) {
			return next.exchange(request);
		}
		// suppressCancel: a cancelled call must not cancel a token request others share
		return Mono.fromFuture(this.tokenManager::getAccessTokenAsync, true)
			.flatMap((token) -> next.exchange(withToken(request, token))
				.flatMap((response) -> replayIfUnauthorized(request, next, token, response)));
	}

	private Mono<ClientResponse> replayIfUnauthorized(ClientRequest request, ExchangeFunction next,
			CognitoAccessToken token, ClientResponse response) {
		if (!this.retryOnUnauthorized || response.statusCode().value() != 401) {
			return Mono.just(response);
		}
		return Mono.fromFuture(() -> this.tokenManager.renewRejectedTokenAsync(token), true)
			// The caller gets the server's 401; the manager has logged why no token came
			.onErrorResume(CognitoTokenException.class, (ex) -> Mono.empty())
			.flatMap((renewed) -> response.releaseBody().then(next.exchange(withToken(request, renewed))))
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

}
