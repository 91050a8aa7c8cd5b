package io.github.cognitotoken.http.reactive;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.MutableClock;
import io.github.cognitotoken.endpoint.ClientAuthenticationMethod;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.github.cognitotoken.http.TargetHostMatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link CognitoBearerTokenExchangeFilterFunction} against a local WireMock API
 * and token endpoint, with BlockHound watching the Reactor and Netty threads.
 */
class CognitoBearerTokenExchangeFilterFunctionTests {

	private static final String TOKEN_RESPONSE = "{\"access_token\":\"slow-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = MutableClock.startingAt("2026-07-01T09:00:00Z");

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private CognitoTokenManager manager;

	@BeforeAll
	static void installBlockHound() {
		// Reports blocking calls (sleep, park, blocking I/O) on Reactor and Netty threads
		BlockHound.install();
	}

	@BeforeEach
	void createManager() {
		this.manager = CognitoTokenManager.builder(() -> {
			Instant now = this.clock.instant();
			return new CognitoAccessToken("token-" + this.tokenRequests.incrementAndGet(), now,
					now.plus(Duration.ofHours(1)));
		}).clock(this.clock).build();
	}

	@Test
	void requestCarriesTheBearerToken() {
		server.stubFor(get("/orders").willReturn(okJson("[]")));
		assertThat(call(webClient(this.manager, TargetHostMatcher.anyHost(), true))).isEqualTo(200);
		server.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer token-1")));
	}

	@Test
	void requestToAnotherHostGetsNoToken() {
		server.stubFor(get("/orders").willReturn(okJson("[]")));
		WebClient webClient = webClient(this.manager, TargetHostMatcher.of(List.of("api.example.com")), true);
		assertThat(call(webClient)).isEqualTo(200);
		server.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION, absent()));
		assertThat(this.tokenRequests).hasValue(0);
	}

	@Test
	void requestToAMatchingHostGetsTheToken() {
		server.stubFor(get("/orders").willReturn(okJson("[]")));
		WebClient webClient = webClient(this.manager, TargetHostMatcher.of(List.of("127.0.0.1", "*.example.com")),
				true);
		assertThat(call(webClient)).isEqualTo(200);
		server.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer token-1")));
	}

	@Test
	void existingAuthorizationHeaderIsKept() {
		server.stubFor(get("/orders").willReturn(aResponse().withStatus(401)));
		int status = webClient(this.manager, TargetHostMatcher.anyHost(), true).get()
			.uri("/orders")
			.header(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwYXNz")
			.exchangeToMono((response) -> Mono.just(response.statusCode().value()))
			.block(Duration.ofSeconds(10));
		assertThat(status).isEqualTo(401);
		server.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Basic dXNlcjpwYXNz")));
		assertThat(this.tokenRequests).hasValue(0);
	}

	@Test
	void unauthorizedAnswerIsReplayedOnceWithAFreshToken() {
		server.stubFor(get("/orders").withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer token-1"))
			.willReturn(aResponse().withStatus(401)));
		server.stubFor(get("/orders").withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer token-2"))
			.willReturn(okJson("[]")));
		WebClient webClient = webClient(this.manager, TargetHostMatcher.anyHost(), true);
		assertThat(call(webClient)).isEqualTo(200);
		assertThat(this.tokenRequests).hasValue(2);
		server.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer token-1")));
		server.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer token-2")));
		assertThat(call(webClient)).isEqualTo(200);
		assertThat(this.tokenRequests).hasValue(2);
	}

	@Test
	void apiThatAlwaysAnswers401IsReplayedOnlyWithinTheRateLimit() {
		server.stubFor(get("/orders").willReturn(aResponse().withStatus(401)));
		WebClient webClient = webClient(this.manager, TargetHostMatcher.anyHost(), true);
		for (int i = 0; i < 10; i++) {
			assertThat(call(webClient)).isEqualTo(401);
		}
		// one token, one forced renewal, then rate-limited: no more replays
		assertThat(this.tokenRequests).hasValue(2);
		server.verify(11, getRequestedFor(urlEqualTo("/orders")));
	}

	@Test
	void replayCanBeTurnedOff() {
		server.stubFor(get("/orders").willReturn(aResponse().withStatus(401)));
		assertThat(call(webClient(this.manager, TargetHostMatcher.anyHost(), false))).isEqualTo(401);
		assertThat(this.tokenRequests).hasValue(1);
		server.verify(1, getRequestedFor(urlEqualTo("/orders")));
	}

	@Test
	void forbiddenIsNotAReasonToRenew() {
		server.stubFor(get("/orders").willReturn(aResponse().withStatus(403)));
		assertThat(call(webClient(this.manager, TargetHostMatcher.anyHost(), true))).isEqualTo(403);
		assertThat(this.tokenRequests).hasValue(1);
	}

	@Test
	void concurrentColdStartCallsCauseOneTokenRequest() {
		server.stubFor(post("/oauth2/token").willReturn(okJson(TOKEN_RESPONSE).withFixedDelay(500)));
		server.stubFor(get("/orders").willReturn(okJson("[]")));
		WebClient webClient = webClient(slowEndpointManager(), TargetHostMatcher.anyHost(), true);
		List<Integer> statuses = Flux.range(0, 20)
			.flatMap((i) -> callAsync(webClient).subscribeOn(Schedulers.parallel()))
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(statuses).hasSize(20).containsOnly(200);
		server.verify(1, postRequestedFor(urlEqualTo("/oauth2/token")));
		server.verify(20, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer slow-token")));
	}

	@Test
	void callOnANonBlockingThreadWaitsForASlowTokenEndpointWithoutBlocking() {
		server.stubFor(post("/oauth2/token").willReturn(okJson(TOKEN_RESPONSE).withFixedDelay(500)));
		server.stubFor(get("/orders").willReturn(okJson("[]")));
		WebClient webClient = webClient(slowEndpointManager(), TargetHostMatcher.anyHost(), true);
		List<String> threads = new ArrayList<>();
		Mono<Integer> call = Mono.defer(() -> {
			threads.add(Thread.currentThread().getName());
			return callAsync(webClient);
		}).subscribeOn(Schedulers.parallel());
		// BlockHound turns any blocking wait on the parallel or event-loop threads into
		// an
		// error
		assertThat(call.block(Duration.ofSeconds(10))).isEqualTo(200);
		assertThat(threads).singleElement().asString().startsWith("parallel-");
	}

	@Test
	void blockingTokenLookupOnANonBlockingThreadWouldBeReported() {
		server.stubFor(post("/oauth2/token").willReturn(okJson(TOKEN_RESPONSE).withFixedDelay(500)));
		CognitoTokenManager manager = slowEndpointManager();
		// What the filter must not do: wait for the token with the blocking API
		Mono<CognitoAccessToken> blocking = Mono.fromCallable(manager::getAccessToken)
			.subscribeOn(Schedulers.parallel());
		assertThatThrownBy(() -> blocking.block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(Exceptions.unwrap(ex)).isInstanceOf(BlockingOperationError.class));
	}

	private CognitoTokenManager slowEndpointManager() {
		CognitoClientRegistration registration = new CognitoClientRegistration("reactive-client",
				"reactive-secret-never-logged", URI.create(server.baseUrl() + "/oauth2/token"), List.of(),
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		return CognitoTokenManager
			.builder(new TokenEndpointClient(registration, new SimpleClientHttpRequestFactory(), this.clock))
			.clock(this.clock)
			.build();
	}

	private static WebClient webClient(CognitoTokenManager manager, TargetHostMatcher targetHosts,
			boolean retryOnUnauthorized) {
		return WebClient.builder()
			.baseUrl("http://127.0.0.1:" + server.getPort())
			.filter(new CognitoBearerTokenExchangeFilterFunction(manager, targetHosts, retryOnUnauthorized))
			.build();
	}

	private static int call(WebClient webClient) {
		return callAsync(webClient).block(Duration.ofSeconds(10));
	}

	private static Mono<Integer> callAsync(WebClient webClient) {
		return webClient.get().uri("/orders").exchangeToMono((response) -> Mono.just(response.statusCode().value()));
	}

}
