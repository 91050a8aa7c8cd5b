package io.github.cognitotoken.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.http.reactive.CognitoBearerTokenExchangeFilterFunction;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * Reactive filter overhead: one request through
 * {@link CognitoBearerTokenExchangeFilterFunction} and through Spring Security's
 * {@link ServerOAuth2AuthorizedClientExchangeFilterFunction} (with
 * {@code AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager}), each with a
 * cached token, a reused {@link ClientRequest} and a {@link StubExchangeFunction} (no
 * I/O), subscribed to with {@code block()} (which returns at once: everything completes
 * on the calling thread). The baseline copies the request with a precomputed
 * {@code Authorization} header, the way a filter adds a header, and calls the same stub:
 * the floor that any filter pays.
 *
 * @author cognito-token contributors
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReactiveFilterBenchmarks {

	private TokenEndpointStub endpoint;

	private CognitoTokenManager cognitoManager;

	private CognitoBearerTokenExchangeFilterFunction cognito;

	private ServerOAuth2AuthorizedClientExchangeFilterFunction springSecurity;

	private String precomputedHeader;

	private ClientRequest request;

	private StubExchangeFunction exchange;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.endpoint = TokenEndpointStub.start(Duration.ZERO, Duration.ofHours(1));
		this.cognitoManager = Contenders.cognitoTokenManager(this.endpoint.getTokenUri(), Clock.systemUTC(),
				CognitoTokenManager.DEFAULT_CLOCK_SKEW);
		this.cognito = Contenders.cognitoExchangeFilter(this.cognitoManager);
		this.springSecurity = Contenders.reactiveSpringSecurity(this.endpoint.getTokenUri(), Duration.ofSeconds(60))
			.filter();
		this.request = ClientRequest.create(HttpMethod.GET, URI.create("https://api.example.com/orders/42"))
			.header(HttpHeaders.ACCEPT, "application/json")
			.build();
		this.exchange = new StubExchangeFunction();
		this.precomputedHeader = this.cognitoManager.getAccessToken().getAuthorizationHeaderValue();
		// Fetch the first token of each contender before measuring
		this.cognito.filter(this.request, this.exchange).block();
		this.springSecurity.filter(this.request, this.exchange).block();
		this.endpoint.resetRequestCount();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		int requests = this.endpoint.getRequestCount();
		this.cognitoManager.stop();
		this.endpoint.close();
		if (requests != 0) {
			throw new IllegalStateException(requests + " token requests while measuring: not the cached path");
		}
		if (this.exchange.getAuthorizedRequests() == 0) {
			throw new IllegalStateException("No request reached the exchange function");
		}
	}

	@Benchmark
	public @Nullable ClientResponse baselineHeaderOnly() {
		ClientRequest withHeader = ClientRequest.from(this.request)
			.headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, this.precomputedHeader))
			.build();
		return this.exchange.exchange(withHeader).block();
	}

	@Benchmark
	public @Nullable ClientResponse cognitoFilter() {
		return this.cognito.filter(this.request, this.exchange).block();
	}

	@Benchmark
	public @Nullable ClientResponse springSecurityFilter() {
		return this.springSecurity.filter(this.request, this.exchange).block();
	}

}
