package io.github.cognitotoken;

import java.net.URI;
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
import java.util.concurrent.atomic.AtomicReference;

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
 * The token request budget is a ceiling that nothing makes the manager exceed, and the
 * request count warns about rates that the token lifetime does not explain. The token
 * endpoint and the API are a local WireMock server; time moves through a
 * {@link MutableClock}.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenRequestBudgetTests {

	private static final String SECRET = "budget-secret-never-logged";

	private static final Duration HOUR = Duration.ofHours(1);

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = MutableClock.startingAt("2026-08-01T10:00:00Z");

	@BeforeEach
	void reset() {
		server.resetAll();
	}

	@Test
	void apiThatRejectsEveryTokenCostsNoMoreThanTheBudgetInAnyPeriodAndCallersKeepTheirToken(CapturedOutput output) {
		stubTokenEndpoint(okJson(tokenJson(3600)));
		server.stubFor(get("/orders").willReturn(aResponse().withStatus(401)));
		// without the budget: one forced renewal per 10 s, 360 token requests an hour
		CognitoTokenManager manager = builder().forcedRenewalInterval(Duration.ofSeconds(10))
			.requestBudget(4, HOUR)
			.build();
		RestClient restClient = RestClient.builder()
			.baseUrl(server.baseUrl())
			.requestInterceptor(new CognitoBearerTokenInterceptor(manager, TargetHostMatcher.anyHost(), true))
			.build();
		List<Instant> requestTimes = new ArrayList<>();
		for (int second = 0; second < 3 * 3600; second += 5) {
			// never an exception: a usable token is always held
			assertThat(call(restClient)).isEqualTo(401);
			while (requestTimes.size() < tokenRequests()) {
				requestTimes.add(this.clock.instant());
			}
			this.clock.advance(Duration.ofSeconds(5));
		}
		// forced renewals leave room for the regular renewal, which keeps a token usable
		assertThat(requestTimes).hasSizeBetween(3 * 3, 3 * 4);
		for (int i = 0; i + 4 < requestTimes.size(); i++) {
			assertThat(Duration.between(requestTimes.get(i), requestTimes.get(i + 4))).isGreaterThanOrEqualTo(HOUR);
		}
		assertThat(output).contains("has room for the token's regular renewal only: it stays in use");
	}

	@Test
	void whenTheBudgetIsSpentAndNoTokenIsLeftCallersAreToldWhenItRefills(CapturedOutput output) {
		stubTokenEndpoint(okJson(tokenJson(3600)));
		CognitoTokenManager manager = builder().requestBudget(3, HOUR).build();
		for (int i = 0; i < 3; i++) {
			manager.invalidate();
			manager.getToken();
			this.clock.advance(Duration.ofMinutes(1));
		}
		manager.invalidate();
		CognitoTokenException spent = catchThrowableOfType(CognitoTokenException.class, manager::getToken);
		assertThat(spent.getKind()).isEqualTo(Kind.BUDGET_SPENT);
		assertThat(spent.getErrorTag()).isEqualTo("budget_spent");
		assertThat(spent.isRetryable()).isTrue();
		assertThat(spent.getMessage()).contains("The token request budget of client budg... (3 requests per PT1H) "
				+ "is spent: no token request is sent until it refills at 2026-08-01T11:00:00Z (in PT57M");
		assertThat(spent.getRetryAfter()).isBetween(Duration.ofMinutes(57), Duration.ofMinutes(57).plusSeconds(1));
		assertThat(manager.getStatus().requests().budgetSpent()).isTrue();
		assertThat(manager.getStatus().requests().inPeriod()).isEqualTo(3);
		assertThat(manager.getAccessTokenAsync()).isCompletedExceptionally();
		assertThat(tokenRequests()).isEqualTo(3);
		assertThat(output).containsOnlyOnce("No valid token is held: calls that need one fail until then")
			.doesNotContain(SECRET)
			.doesNotContain("budget-token");
		this.clock.advance(Duration.ofMinutes(57));
		assertThat(manager.getToken()).isEqualTo("budget-token");
		assertThat(tokenRequests()).isEqualTo(4);
		// the requests at 10:01, 10:02 and 11:00 are the last hour's
		assertThat(manager.getStatus().requests().inPeriod()).isEqualTo(3);
		assertThat(manager.getStatus().requests().budgetRefillsAt()).isEqualTo("2026-08-01T11:01:00Z");
	}

	@Test
	void settingTheWallClockNeitherRefillsNorDrainsTheBudget() {
		stubTokenEndpoint(okJson(tokenJson(3600)));
		CognitoTokenManager manager = builder().requestBudget(2, HOUR).build();
		manager.getToken();
		manager.invalidate();
		manager.getToken();
		manager.invalidate();
		// an NTP step or a resumed virtual machine: the wall clock jumps, time does not
		// pass
		this.clock.stepWallClock(Duration.ofHours(2));
		assertThat(catchThrowableOfType(CognitoTokenException.class, manager::getToken).getKind())
			.isEqualTo(Kind.BUDGET_SPENT);
		this.clock.stepWallClock(Duration.ofHours(-4));
		assertThat(catchThrowableOfType(CognitoTokenException.class, manager::getToken).getKind())
			.isEqualTo(Kind.BUDGET_SPENT);
		assertThat(tokenRequests()).isEqualTo(2);
		this.clock.advance(HOUR);
		assertThat(manager.getToken()).isEqualTo("budget-token");
		assertThat(tokenRequests()).isEqualTo(3);
	}

	@Test
	void manyThreadsInvalidatingRenewingAndAskingNeverExceedTheBudget() throws Exception {
		stubTokenEndpoint(okJson(tokenJson(3600)));
		CognitoTokenManager manager = builder().forcedRenewalInterval(Duration.ofSeconds(10))
			.requestBudget(5, HOUR)
			.build();
		manager.start();
		int threads = 8;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		CountDownLatch go = new CountDownLatch(1);
		AtomicInteger budgetFailures = new AtomicInteger();
		List<Future<?>> futures = new ArrayList<>();
		try {
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(executor.submit(() -> {
					go.await();
					for (int i = 0; i < 300; i++) {
						try {
							switch ((thread + i) % 4) {
								case 0 -> manager.invalidate();
								case 1 -> manager.getToken();
								case 2 -> {
									CognitoAccessToken token = manager.getAccessToken();
									manager.renewRejectedToken(token);
								}
								default -> manager.getAccessTokenAsync().get(30, TimeUnit.SECONDS);
							}
						}
						catch (CognitoTokenException ex) {
							assertThat(ex.getKind()).isEqualTo(Kind.BUDGET_SPENT);
							budgetFailures.incrementAndGet();
						}
						catch (java.util.concurrent.ExecutionException ex) {
							assertThat(ex.getCause()).isInstanceOf(CognitoTokenException.class);
							budgetFailures.incrementAndGet();
						}
						if (i % 50 == 0) {
							// forced renewals become possible again
							this.clock.advance(Duration.ofSeconds(11));
						}
					}
					return null;
				}));
			}
			go.countDown();
			for (Future<?> future : futures) {
				future.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			executor.shutdownNow();
			manager.stop();
		}
		assertThat(tokenRequests()).isEqualTo(5);
		assertThat(budgetFailures).hasPositiveValue();
		assertThat(manager.getStatus().requests().inPeriod()).isEqualTo(5);
		assertThat(manager.getStatus().requests().maxRequests()).isEqualTo(5);
	}

	@Test
	void retryingWithAPreviousSecretIsARequestOfTheBudgetToo() {
		server.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\"}")));
		CognitoTokenManager manager = builder(registration().withPreviousClientSecret("previous-" + SECRET))
			.requestBudget(1, HOUR)
			.build();
		CognitoTokenException ex = catchThrowableOfType(CognitoTokenException.class, manager::getToken);
		assertThat(ex.getErrorCode()).isEqualTo("invalid_client");
		// the budget has no room for the previous secret
		assertThat(tokenRequests()).isEqualTo(1);
	}

	@Test
	void excessiveRequestsAreReportedOncePerPeriod(CapturedOutput output) {
		stubTokenEndpoint(okJson(tokenJson(3600)));
		server.stubFor(get("/orders").willReturn(aResponse().withStatus(401)));
		// no budget: the default forced renewal interval allows 120 renewals an hour
		CognitoTokenManager manager = builder().build();
		RestClient restClient = RestClient.builder()
			.baseUrl(server.baseUrl())
			.requestInterceptor(new CognitoBearerTokenInterceptor(manager, TargetHostMatcher.anyHost(), true))
			.build();
		for (int second = 0; second < 3600; second += 10) {
			call(restClient);
			this.clock.advance(Duration.ofSeconds(10));
		}
		assertThat(tokenRequests()).isEqualTo(121);
		assertThat(output)
			.containsOnlyOnce("Too many Cognito token requests for client budg...: 7 in the last PT1H "
					+ "(0 failed), more than 3 times the 2 that tokens valid for PT1H explain")
			.doesNotContain(SECRET);
		assertThat(manager.getStatus().requests().inPeriod()).isBetween(118, 121);
		for (int second = 0; second < 3600; second += 10) {
			call(restClient);
			this.clock.advance(Duration.ofSeconds(10));
		}
		assertThat(output.toString().split("Too many Cognito token requests", -1)).hasSize(3);
	}

	@Test
	void renewalsThatTheTokenLifetimeExplainsAreNotReported(CapturedOutput output) {
		stubTokenEndpoint(okJson(tokenJson(600)));
		CognitoTokenManager manager = builder().build();
		for (int second = 0; second < 3 * 3600; second += 10) {
			manager.getToken();
			this.clock.advance(Duration.ofSeconds(10));
		}
		// without the background thread, each token is used until 60 s before it expires
		assertThat(manager.getStatus().requests().inPeriod()).isBetween(6, 7);
		assertThat(output).doesNotContain("Too many Cognito token requests");
	}

	@Test
	void budgetTooSmallForTheTokenLifetimeIsReported(CapturedOutput output) {
		stubTokenEndpoint(okJson(tokenJson(600)));
		CognitoTokenManager manager = builder().requestBudget(3, HOUR).build();
		manager.getToken();
		assertThat(output).containsOnlyOnce("The token request budget of client budg... (3 requests per PT1H) is "
				+ "smaller than the 13 requests that renewing tokens valid for PT10M can take in that time");
	}

	@Test
	void credentialsChangedEndsTheWaitAfterAConfigurationError() {
		stubTokenEndpoint(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\"}"));
		CognitoTokenManager manager = builder().build();
		assertThat(catchThrowableOfType(CognitoTokenException.class, manager::getToken).getErrorCode())
			.isEqualTo("invalid_client");
		this.clock.advance(Duration.ofMinutes(1));
		// the terminal delay of 5 minutes: no request
		assertThat(catchThrowableOfType(CognitoTokenException.class, manager::getToken).getMessage())
			.contains("next attempt in");
		assertThat(tokenRequests()).isEqualTo(1);
		stubTokenEndpoint(okJson(tokenJson(3600)));
		manager.credentialsChanged();
		assertThat(manager.getToken()).isEqualTo("budget-token");
		assertThat(tokenRequests()).isEqualTo(2);
	}

	@Test
	void credentialsChangedDoesNotShortenTheBackoffOfATransientFailure() {
		stubTokenEndpoint(aResponse().withStatus(503));
		CognitoTokenManager manager = builder().build();
		assertThat(catchThrowableOfType(CognitoTokenException.class, manager::getToken)).isNotNull();
		manager.credentialsChanged();
		assertThat(catchThrowableOfType(CognitoTokenException.class, manager::getToken).getMessage())
			.contains("next attempt in");
		assertThat(tokenRequests()).isEqualTo(1);
	}

	@Test
	void credentialsThatChangeWhileARequestIsUnderWayAreTriedAtOnce() {
		stubTokenEndpoint(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\"}"));
		AtomicReference<CognitoTokenManager> managerRef = new AtomicReference<>();
		TokenEndpointClient client = new TokenEndpointClient(registration(), new SimpleClientHttpRequestFactory(),
				this.clock);
		CognitoTokenManager manager = CognitoTokenManager.builder(() -> {
			CognitoTokenManager self = managerRef.get();
			if (self != null) {
				// the configuration moves on while the old secret is in flight
				self.credentialsChanged();
			}
			return client.fetchToken();
		}).clock(this.clock).random(() -> 0).description("client budg...").build();
		managerRef.set(manager);
		assertThat(catchThrowableOfType(CognitoTokenException.class, manager::getToken)).isNotNull();
		managerRef.set(null);
		stubTokenEndpoint(okJson(tokenJson(3600)));
		assertThat(manager.getToken()).isEqualTo("budget-token");
		assertThat(tokenRequests()).isEqualTo(2);
	}

	private CognitoClientRegistration registration() {
		return new CognitoClientRegistration("budget-client", SECRET, URI.create(server.baseUrl() + "/oauth2/token"),
				List.of(), ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
	}

	private CognitoTokenManager.Builder builder() {
		return builder(registration());
	}

	private CognitoTokenManager.Builder builder(CognitoClientRegistration registration) {
		TokenEndpointClient client = new TokenEndpointClient(registration, new SimpleClientHttpRequestFactory(),
				this.clock);
		return CognitoTokenManager.builder(client).clock(this.clock).random(() -> 0).description("client budg...");
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

	private static String tokenJson(long expiresIn) {
		return "{\"access_token\":\"budget-token\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}";
	}

}
