package io.github.cognitotoken.benchmarks;

import io.github.cognitotoken.http.RedirectGuard;
import reactor.core.publisher.Mono;

import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * An {@link ExchangeFunction} without I/O: it checks that the request carries a bearer
 * token and answers with a shared 200 response. Like a connector that Spring Boot's
 * {@code ClientHttpConnectorBuilder} built with this library's redirect guard, it tells a
 * {@link RedirectGuard} in the Reactor context that redirects are not followed (so this
 * library's filter neither warns nor looks for a redirect).
 *
 * @author cognito-token contributors
 */
final class StubExchangeFunction implements ExchangeFunction {

	private final Mono<ClientResponse> response = Mono.just(ClientResponse.create(HttpStatus.OK).build());

	private final Mono<ClientResponse> acknowledgedResponse = Mono.deferContextual((context) -> {
		RedirectGuard guard = context.getOrDefault(RedirectGuard.ATTRIBUTE, null);
		if (guard != null) {
			guard.acknowledge(HttpRedirects.DONT_FOLLOW);
		}
		return this.response;
	});

	// Not atomic: only read to check that requests arrived at all
	private long authorizedRequests;

	@Override
	public Mono<ClientResponse> exchange(ClientRequest request) {
		String authorization = request.headers().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return Mono.error(new IllegalStateException("Request was sent without a bearer token"));
		}
		this.authorizedRequests++;
		return this.acknowledgedResponse;
	}

	long getAuthorizedRequests() {
		return this.authorizedRequests;
	}

}
