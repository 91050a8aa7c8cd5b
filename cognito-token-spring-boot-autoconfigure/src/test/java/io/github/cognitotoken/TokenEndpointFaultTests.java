package io.github.cognitotoken;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoTokenException.Kind;
import io.github.cognitotoken.endpoint.ClientAuthenticationMethod;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * How {@link CognitoTokenManager} behaves when the token endpoint fails: what callers get
 * while the current token is valid and after it expires, and how many token requests were
 * sent. The token endpoint is a local WireMock server; time moves through a
 * {@link MutableClock}.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenEndpointFaultTests {

	private static final String SECRET = "fault-secret-never-logged";

	private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = new MutableClock(T0);

	private @Nullable CognitoTokenManager manager;

	@AfterEach
	void stopManager() {
		if (this.manager != null) {
			this.manager.stop();
		}
	}

	static Stream<Arguments> faults() {
		String html = "<html><body>Service Unavailable</body></html>";
		return Stream.of(fault("500", aResponse().withStatus(500), Kind.HTTP_ERROR, 500, true),
				fault("502", aResponse().withStatus(502).withBody(html), Kind.HTTP_ERROR, 502, true),
				fault("503", aResponse().withStatus(503), Kind.HTTP_ERROR, 503, true),
				fault("504", aResponse().withStatus(504), Kind.HTTP_ERROR, 504, true),
				fault("429 without Retry-After", aResponse().withStatus(429), Kind.HTTP_ERROR, 429, true),
				fault("429 with Retry-After", aResponse().withStatus(429).withHeader("Retry-After", "100"),
						Kind.HTTP_ERROR, 429, true),
				fault("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
						Kind.CONNECTION_FAILURE, null, true),
				fault("empty body", aResponse().withStatus(200), Kind.INVALID_RESPONSE, 200, true),
				fault("delay past the read timeout", okJson(tokenJson("late", 600)).withFixedDelay(20_000),
						Kind.TIMEOUT, null, true),
				fault("malformed JSON", aResponse().withStatus(200).withBody("{\"access_token\":\"x\","),
						Kind.INVALID_RESPONSE, 200, true),
				fault("HTML page", aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody(html),
						Kind.INVALID_RESPONSE, 200, true),
				fault("huge body", okJson(tokenJson("x".repeat(100_000), 600)), Kind.INVALID_RESPONSE, 200, true),
				fault("expires_in 0", okJson(tokenJson("zero", 0)), Kind.INVALID_RESPONSE, 200, false),
				fault("negative expires_in", okJson(tokenJson("negative", -60)), Kind.INVALID_RESPONSE, 200, false),
				fault("missing expires_in", okJson("{\"access_token\":\"opaque\",\"token_type\":\"Bearer\"}"),
						Kind.INVALID_RESPONSE, 200, false),
				fault("non-numeric expires_in",
						okJson("{\"access_token\":\"t\",\"expires_in\":\"an hour\",\"token_type\":\"Bearer\"}"),
						Kind.INVALID_RESPONSE, 200, false));
	}

	private static Arguments fault(String name, ResponseDefinitionBuilder response, Kind kind, @Nullable Integer status,
			boolean retryable) {
		return Arguments.of(Named.of(name, response), kind, status, retryable);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faults")
	void faultKeepsTheValidTokenInUseThenFailsFastAndRecovers(ResponseDefinitionBuilder fault, Kind kind,
			@Nullable Integer status, boolean retryable) {
		CognitoTokenManager manager = startedManager();
		assertThat(manager.getToken()).isEqualTo("token-1");
		stubToken(fault);

		// Inside the refresh-ahead window (token lives 10 minutes, renewal from 5 minutes
		// before expiry): callers get the current token and never see the failure
		this.clock.set(T0.plus(Duration.ofMinutes(6)));
		for (int i = 0; i < 200; i++) {
			assertThat(manager.getToken()).isEqualTo("token-1");
		}
		awaitFailures(manager, 1);
		for (int i = 0; i < 200; i++) {
			assertThat(manager.getToken()).isEqualTo("token-1");
		}
		assertTokenRequests(2);
		CognitoTokenStatus status1 = manager.getStatus();
		assertThat(status1.tokenUsable()).isTrue();
		assertThat(status1.lastFailure().getKind()).isEqualTo(kind);
		assertThat(status1.lastFailure().getHttpStatus()).isEqualTo(status);
		assertThat(status1.lastFailure().isRetryable()).isEqualTo(retryable);

		// Past the usable life of the token (expiry minus 60 s of clock skew): one
		// attempt
		// per backoff slot, and every other caller gets the failure at once
		this.clock.set(T0.plus(Duration.ofMinutes(9)).plusSeconds(1));
		for (int i = 0; i < 1000; i++) {
			CognitoTokenException ex = catchThrowableOfType(CognitoTokenException.class, manager::getToken);
			assertThat(ex).as("call %s after expiry", i).isNotNull();
			assertThat(ex.getKind()).isEqualTo(kind);
			assertThat(ex.getHttpStatus()).isEqualTo(status);
			assertThat(ex.getMessage()).doesNotContain(SECRET);
		}
		// A transient failure gets one new attempt (its backoff slot has passed); a
		// failure
		// that retrying cannot fix waits for the long terminal delay
		assertTokenRequests(retryable ? 3 : 2);

		// The endpoint recovers: the next attempt succeeds and everything returns to
		// normal
		stubToken(okJson(tokenJson("token-2", 600)));
		this.clock.set(T0.plus(Duration.ofMinutes(retryable ? 12 : 16)));
		assertThat(manager.getToken()).isEqualTo("token-2");
		assertThat(manager.getStatus().consecutiveFailures()).isZero();
		assertThat(manager.getStatus().lastFailure()).isNull();
		assertTokenRequests(retryable ? 4 : 3);
	}

	@Test
	void retryAfterIsHonoured() {
		CognitoTokenManager manager = startedManager();
		manager.getToken();
		stubToken(aResponse().withStatus(429).withHeader("Retry-After", "100"));
		this.clock.set(T0.plus(Duration.ofMinutes(6)));
		manager.getToken();
		awaitFailures(manager, 1);
		assertThat(manager.getStatus().nextAttemptAt()).isEqualTo(this.clock.instant().plusSeconds(100));
		this.clock.advance(Duration.ofSeconds(99));
		manager.getToken();
		assertTokenRequests(2);
		this.clock.advance(Duration.ofSeconds(1));
		manager.getToken();
		awaitFailures(manager, 2);
		assertTokenRequests(3);
	}

	@Test
	void transientBackoffGrowsExponentiallyUpToTheMaximum() {
		CognitoTokenManager manager = startedManager();
		manager.getToken();
		stubToken(aResponse().withStatus(503));
		this.clock.set(T0.plus(Duration.ofMinutes(6)));
		// random = 0.5: half of the bound (1 s, 2 s, 4 s, ... capped at 30 s)
		long[] expectedDelays = { 500, 1000, 2000, 4000, 8000, 15000, 15000 };
		for (int attempt = 1; attempt <= expectedDelays.length; attempt++) {
			manager.getToken();
			awaitFailures(manager, attempt);
			Instant failedAt = manager.getStatus().lastFailureAt();
			assertThat(Duration.between(failedAt, manager.getStatus().nextAttemptAt()).toMillis())
				.isEqualTo(expectedDelays[attempt - 1]);
			this.clock.set(manager.getStatus().nextAttemptAt());
		}
		assertTokenRequests(1 + expectedDelays.length);
	}

	@Test
	void terminalFailureIsLoggedOnceWithTheLikelyCause(CapturedOutput output) {
		int logStart = output.getAll().length();
		CognitoTokenManager manager = startedManager();
		manager.getToken();
		stubToken(aResponse().withStatus(400).withBody("{\"error\":\"invalid_client\"}"));
		this.clock.set(T0.plus(Duration.ofMinutes(6)));
		manager.getToken();
		awaitFailures(manager, 1);
		this.clock.set(T0.plus(Duration.ofMinutes(12)));
		for (int i = 0; i < 3; i++) {
			try {
				manager.getToken();
			}
			catch (CognitoTokenException ex) {
				// expected: the client is rejected
			}
			this.clock.advance(Duration.ofMinutes(6));
		}
		assertTokenRequests(5);
		assertThat(output.getAll().substring(logStart)).containsOnlyOnce("failed (invalid_client, attempt")
			.contains("Retrying cannot help until the configuration changes: check the client id")
			.contains("Next attempt in PT5M15S")
			.doesNotContain(SECRET);
	}

	@Test
	void outageLongerThanTheTokenLifetimeCausesABoundedNumberOfRequests(CapturedOutput output) {
		int logStart = output.getAll().length();
		CognitoTokenManager manager = startedManager();
		assertThat(manager.getToken()).isEqualTo("token-1");
		stubToken(aResponse().withStatus(503).withHeader("Content-Type", "text/html").withBody("<html>down</html>"));
		int beforeExpiry = 0;
		int failedCalls = 0;
		// 15 minutes of outage, one step a second, 20 calls a step: 18,000 calls
		for (int second = 60; second < 16 * 60; second++) {
			this.clock.set(T0.plusSeconds(second));
			for (int call = 0; call < 20; call++) {
				if (second < 9 * 60) {
					assertThat(manager.getToken()).isEqualTo("token-1");
					beforeExpiry++;
				}
				else {
					CognitoTokenException ex = catchThrowableOfType(CognitoTokenException.class, manager::getToken);
					assertThat(ex.getErrorTag()).isEqualTo("http_503");
					failedCalls++;
				}
			}
			awaitIdle(manager);
		}
		assertThat(beforeExpiry).isEqualTo(8 * 60 * 20);
		assertThat(failedCalls).isEqualTo(7 * 60 * 20);
		int requests = cognito.countRequestsMatching(postRequestedFor(urlEqualTo("/oauth2/token")).build()).getCount();
		// 11 minutes of failures from the first renewal (4m45s): 500 ms, 1 s, 2 s, 4 s,
		// 8 s, then one every 15 s (random = 0.5 of the 30 s cap), plus the startup
		// request
		assertThat(requests).isBetween(40, 1 + 5 + (11 * 60 / 15) + 2);
		stubToken(okJson(tokenJson("token-2", 600)));
		this.clock.advance(Duration.ofSeconds(15));
		assertThat(manager.getToken()).isEqualTo("token-2");
		assertThat(output.getAll().substring(logStart)).containsOnlyOnce("failed (http_503, attempt 1)")
			.contains("after " + (requests - 1) + " failed attempts");
	}

	private CognitoTokenManager startedManager() {
		cognito.resetAll();
		stubToken(okJson(tokenJson("token-1", 600)));
		CognitoClientRegistration registration = new CognitoClientRegistration("fault-client", SECRET,
				URI.create(cognito.baseUrl() + "/oauth2/token"), List.of("orders/read"),
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		// timeouts that a busy machine does not reach with a quick answer (the start is
		// fail-fast), but that the 20 s delayed answer does
		TokenEndpointClient client = new TokenEndpointClient(registration,
				ClientHttpRequestFactoryBuilder.jdk()
					.build(HttpClientSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))),
				this.clock);
		this.manager = CognitoTokenManager.builder(client)
			.clock(this.clock)
			.random(() -> 0.5)
			.failFast(true)
			.failureAdvice((failure) -> "check the client id")
			.build();
		this.manager.start();
		return this.manager;
	}

	private static void assertTokenRequests(int expected) {
		cognito.verify(expected, postRequestedFor(urlEqualTo("/oauth2/token")));
	}

	private static void awaitFailures(CognitoTokenManager manager, int failures) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(manager.getStatus().consecutiveFailures()).isEqualTo(failures));
	}

	private static void awaitIdle(CognitoTokenManager manager) {
		await().pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(1))
			.atMost(Duration.ofSeconds(10))
			.until(() -> !manager.getStatus().requestInProgress());
	}

	private static void stubToken(ResponseDefinitionBuilder response) {
		cognito.stubFor(post("/oauth2/token").willReturn(response));
	}

	private static String tokenJson(String token, long expiresIn) {
		return "{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}";
	}

}
