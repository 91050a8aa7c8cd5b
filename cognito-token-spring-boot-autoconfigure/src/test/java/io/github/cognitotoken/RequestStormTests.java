package io.github.cognitotoken;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoTokenException.Kind;
import io.github.cognitotoken.endpoint.ClientAuthenticationMethod;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.github.cognitotoken.http.CognitoBearerTokenInterceptor;
import io.github.cognitotoken.http.TargetHostMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The settings and answers that used to make the token manager send a storm of token
 * requests (every one billed by Cognito) now cost a few requests a minute at most. The
 * token endpoint and the API are a local WireMock server; time moves through a
 * {@link MutableClock}, and the jitter always draws its worst case (the shortest delay).
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestStormTests {

	private static final String SECRET = "storm-secret-never-logged";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = MutableClock.startingAt("2026-08-01T10:00:00Z");

	@BeforeEach
	void reset() {
		server.resetAll();
	}

	@Test
	void apiThatAlwaysAnswers401WithAZeroForcedRenewalIntervalCostsOneTokenRequestPer10Seconds(CapturedOutput output) {
		// measured before the limit: 101 token requests for 100 calls
		stubTokenEndpoint(okJson(tokenJson("storm-token", 3600)));
		server.stubFor(get("/orders").willReturn(aResponse().withStatus(401)));
		CognitoTokenManager manager = builder().forcedRenewalInterval(Duration.ZERO).build();
		RestClient restClient = RestClient.builder()
			.baseUrl(server.baseUrl())
			.requestInterceptor(new CognitoBearerTokenInterceptor(manager, TargetHostMatcher.anyHost(), true))
			.build();
		for (int i = 0; i < 100; i++) {
			assertThat(call(restClient)).isEqualTo(401);
		}
		// the first token and one forced renewal
		assertThat(tokenRequests()).isEqualTo(2);
		// 100 more calls, one a second: one forced renewal per 10 seconds
		for (int i = 0; i < 100; i++) {
			this.clock.advance(Duration.ofSeconds(1));
			assertThat(call(restClient)).isEqualTo(401);
		}
		assertThat(tokenRequests()).isEqualTo(2 + 10);
		assertThat(output).containsOnlyOnce("forced renewal interval PT0S is outside PT10S to PT24H")
			.doesNotContain(SECRET);
	}

	@Test
	void invalidClientWithTheShortestTerminalDelayCostsOneTokenRequestAMinute() {
		// measured before the limit: 110 token requests in 5 s with terminal-delay=1ms
		stubTokenEndpoint(aResponse().withStatus(400).withBody("{\"error\":\"invalid_client\"}"));
		CognitoTokenManager manager = builder()
			.backoff(new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(1), 1, Duration.ofMillis(1)))
			.build();
		int calls = callEveryTenthOfASecond(manager, Duration.ofMinutes(5));
		assertThat(calls).isEqualTo(3000);
		// attempts at 0, 1, 2, 3 and 4 minutes
		assertThat(tokenRequests()).isEqualTo(5);
		assertThat(manager.getStatus().lastFailure().getErrorCode()).isEqualTo("invalid_client");
	}

	@Test
	void transientFailuresWithTheShortestDelaysCostAtMostSixTokenRequestsAMinuteOnceAStreakHasStarted() {
		stubTokenEndpoint(aResponse().withStatus(503));
		CognitoTokenManager manager = builder()
			.backoff(new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(1), 1, Duration.ofMillis(1)))
			.build();
		callEveryTenthOfASecond(manager, Duration.ofMinutes(1));
		// the first attempt, 5 quick retries 250 ms apart (half of the 500 ms initial
		// delay), then one every 10 s (half of the 20 s maximum delay)
		assertThat(tokenRequests()).isEqualTo(1 + 5 + 5);
		callEveryTenthOfASecond(manager, Duration.ofMinutes(4));
		assertThat(tokenRequests()).isEqualTo(1 + 5 + 5 + 4 * 6);
	}

	@Test
	void tokenUsableForLessThanHalfASecondIsAFailureWithBackoffNotARenewalLoop() {
		AtomicInteger fetches = new AtomicInteger();
		CognitoTokenManager manager = CognitoTokenManager.builder(() -> {
			fetches.incrementAndGet();
			Instant now = this.clock.instant();
			return new CognitoAccessToken("blink-token", now, now.plusMillis(800));
		}).clock(this.clock).random(() -> 0).build();
		for (int i = 0; i < 1000; i++) {
			CognitoTokenException ex = catchThrowableOfType(CognitoTokenException.class, manager::getToken);
			assertThat(ex.getKind()).isEqualTo(Kind.INVALID_RESPONSE);
			assertThat(ex.getMessage()).contains("too soon to be used");
		}
		assertThat(fetches).hasValue(1);
		callEveryTenthOfASecond(manager, Duration.ofMinutes(1));
		// the transient backoff of the defaults: 1 + 5 quick retries, then one per 15 s
		assertThat(fetches.get()).isLessThanOrEqualTo(1 + 5 + 4);
	}

	@Test
	void shortLivedTokensAreReportedOnceWithWhatTheyCost(CapturedOutput output) {
		AtomicInteger fetches = new AtomicInteger();
		CognitoTokenManager manager = CognitoTokenManager.builder(() -> {
			Instant now = this.clock.instant();
			return new CognitoAccessToken("short-token-" + fetches.incrementAndGet(), now, now.plusSeconds(20));
		}).clock(this.clock).random(() -> 0).description("client stor...").build();
		for (int second = 0; second < 60; second++) {
			manager.getToken();
			this.clock.advance(Duration.ofSeconds(1));
		}
		// usable for 10 s (the clock skew is capped at half the lifetime): a new token
		// every 10 s
		assertThat(fetches).hasValue(6);
		assertThat(output).containsOnlyOnce("The Cognito access tokens of client stor... live only PT20S")
			.contains("token requests a minute, each billed")
			.doesNotContain("short-token-");
	}

	private int callEveryTenthOfASecond(CognitoTokenManager manager, Duration period) {
		int calls = 0;
		for (long elapsed = 0; elapsed < period.toMillis(); elapsed += 100) {
			try {
				manager.getToken();
			}
			catch (CognitoTokenException ex) {
				// expected while the endpoint fails
			}
			calls++;
			this.clock.advance(Duration.ofMillis(100));
		}
		return calls;
	}

	private CognitoTokenManager.Builder builder() {
		CognitoClientRegistration registration = new CognitoClientRegistration("storm-client", SECRET,
				URI.create(server.baseUrl() + "/oauth2/token"), List.of("orders/read"),
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		TokenEndpointClient client = new TokenEndpointClient(registration, new SimpleClientHttpRequestFactory(),
				this.clock);
		return CognitoTokenManager.builder(client).clock(this.clock).random(() -> 0);
	}

	private static int call(RestClient restClient) {
		return restClient.get().uri("/orders").exchange((request, response) -> response.getStatusCode().value());
	}

	private static void stubTokenEndpoint(ResponseDefinitionBuilder response) {
		server.stubFor(post("/oauth2/token").willReturn(response));
	}

	private static int tokenRequests() {
		return server.countRequestsMatching(postRequestedFor(urlEqualTo("/oauth2/token")).build()).getCount();
	}

	private static String tokenJson(String token, long expiresIn) {
		return "{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}";
	}

}
