package io.github.cognitotoken.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of how {@link CognitoBearerTokenInterceptor} handles an API that rejects the
 * token, against a local WireMock API.
 */
class UnauthorizedReplayTests {

	@RegisterExtension
	static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = MutableClock.startingAt("2026-07-01T09:00:00Z");

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private CognitoTokenManager manager;

	@BeforeEach
	void createManager() {
		this.manager = CognitoTokenManager.builder(() -> {
			Instant now = this.clock.instant();
			return new CognitoAccessToken("token-" + this.tokenRequests.incrementAndGet(), now,
					now.plus(Duration.ofHours(1)));
		}).clock(this.clock).forcedRenewalInterval(Duration.ofSeconds(30)).build();
	}

	@Test
	void unauthorizedAnswerIsReplayedOnceWithAFreshToken() {
		api.stubFor(get("/orders").withHeader("Authorization", equalTo("Bearer token-1"))
			.willReturn(aResponse().withStatus(401)));
		api.stubFor(get("/orders").withHeader("Authorization", equalTo("Bearer token-2")).willReturn(okJson("[]")));
		assertThat(call(restClient(true))).isEqualTo(200);
		assertThat(this.tokenRequests).hasValue(2);
		api.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader("Authorization", equalTo("Bearer token-1")));
		api.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader("Authorization", equalTo("Bearer token-2")));
		assertThat(call(restClient(true))).isEqualTo(200);
		assertThat(this.tokenRequests).hasValue(2);
	}

	@Test
	void apiThatAlwaysAnswers401CannotCauseATokenRequestPerCall() {
		api.stubFor(get("/orders").willReturn(aResponse().withStatus(401)));
		RestClient restClient = restClient(true);
		for (int i = 0; i < 50; i++) {
			assertThat(call(restClient)).isEqualTo(401);
		}
		// one token, one forced renewal, then rate-limited: no more replays
		assertThat(this.tokenRequests).hasValue(2);
		api.verify(51, getRequestedFor(urlEqualTo("/orders")));
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(call(restClient)).isEqualTo(401);
		assertThat(this.tokenRequests).hasValue(2);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(call(restClient)).isEqualTo(401);
		assertThat(this.tokenRequests).hasValue(3);
		api.verify(54, getRequestedFor(urlEqualTo("/orders")));
	}

	@Test
	void forbiddenIsNotAReasonToRenew() {
		api.stubFor(get("/orders").willReturn(aResponse().withStatus(403)));
		assertThat(call(restClient(true))).isEqualTo(403);
		assertThat(this.tokenRequests).hasValue(1);
		api.verify(1, getRequestedFor(urlEqualTo("/orders")));
	}

	@Test
	void replayCanBeTurnedOff() {
		api.stubFor(get("/orders").willReturn(aResponse().withStatus(401)));
		assertThat(call(restClient(false))).isEqualTo(401);
		assertThat(this.tokenRequests).hasValue(1);
		api.verify(1, getRequestedFor(urlEqualTo("/orders")));
	}

	@Test
	void requestWithItsOwnAuthorizationIsNeverReplayed() {
		api.stubFor(get("/orders").willReturn(aResponse().withStatus(401)));
		int status = restClient(true).get()
			.uri("/orders")
			.header(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwYXNz")
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(status).isEqualTo(401);
		assertThat(this.tokenRequests).hasValue(0);
		api.verify(1, getRequestedFor(urlEqualTo("/orders")));
	}

	@Test
	void concurrentRejectionsOfTheSameTokenCauseOneRenewal() throws Exception {
		api.stubFor(get("/orders").withHeader("Authorization", equalTo("Bearer token-1"))
			.willReturn(aResponse().withStatus(401).withFixedDelay(200)));
		api.stubFor(get("/orders").withHeader("Authorization", equalTo("Bearer token-2")).willReturn(okJson("[]")));
		this.manager.getToken();
		RestClient restClient = restClient(true);
		ExecutorService executor = Executors.newFixedThreadPool(16);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> calls = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				calls.add(executor.submit(() -> {
					start.await();
					return call(restClient);
				}));
			}
			start.countDown();
			for (Future<Integer> call : calls) {
				assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(200);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.tokenRequests).hasValue(2);
	}

	@Test
	void newerTokenIsNotThrownAwayByALateRejection() {
		CognitoAccessToken first = this.manager.getAccessToken();
		this.manager.invalidate();
		CognitoAccessToken second = this.manager.getAccessToken();
		assertThat(this.manager.renewRejectedToken(first)).isSameAs(second);
		assertThat(this.manager.getAccessToken()).isSameAs(second);
		assertThat(this.tokenRequests).hasValue(2);
	}

	private RestClient restClient(boolean retryOnUnauthorized) {
		return RestClient.builder()
			.baseUrl(api.baseUrl())
			.requestInterceptor(
					new CognitoBearerTokenInterceptor(this.manager, TargetHostMatcher.anyHost(), retryOnUnauthorized))
			.build();
	}

	private static int call(RestClient restClient) {
		return restClient.get().uri("/orders").exchange((request, response) -> response.getStatusCode().value());
	}

}
