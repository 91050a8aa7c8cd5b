package io.github.cognitotoken.http;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.CognitoTokenManagerTestSupport;
import io.github.cognitotoken.MutableClock;
import io.github.cognitotoken.endpoint.ClientAuthenticationMethod;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Soak tests: many threads call a local API while tokens are renewed in the background,
 * and the API's request journal shows whether every request carried a token that was
 * valid when it arrived and whether each renewal cost one token request.
 * <p>
 * The default build runs the soak on a {@link MutableClock} moved in steps between
 * batches of concurrent calls, so its bounds hold however busy the machine is. The
 * real-time soak is tagged {@code soak}: the Surefire execution {@code soak-tests} runs
 * it in the {@code integration-test} phase of {@code ./mvnw verify}, with tokens that
 * live long enough that a request delayed by a loaded machine still arrives in time.
 */
class SoakTests {

	private static final int THREADS = 16;

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().templatingEnabled(true))
		.build();

	@RegisterExtension
	static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void everyRequestCarriesAValidTokenAndEachRenewalCostsOneTokenRequestOnATestClock() throws Exception {
		Duration run = Duration.ofSeconds(5);
		Duration step = Duration.ofMillis(50);
		MutableClock clock = MutableClock.startingAt("2026-07-01T10:00:00Z");
		// expires_in: 2 s of the test clock, 50 ms of real latency
		cognito.stubFor(post("/oauth2/token").willReturn(
				okJson("{\"access_token\":\"soak-{{randomValue length=8 type='ALPHANUMERIC'}}\",\"expires_in\":2,"
						+ "\"token_type\":\"Bearer\"}")
					.withTransformers("response-template")
					.withFixedDelay(50)));
		api.stubFor(get("/orders").willReturn(ok()));
		Map<String, Long> expiries = new HashMap<>();
		CognitoTokenFetcher client = tokenEndpointClient(clock);
		CognitoTokenFetcher recording = () -> {
			CognitoAccessToken token = client.fetchToken();
			synchronized (expiries) {
				expiries.put(token.getValue(), token.getExpiresAt().toEpochMilli());
			}
			return token;
		};
		CognitoTokenManager manager = CognitoTokenManagerTestSupport
			.withJitter(CognitoTokenManager.builder(recording), () -> 0.5)
			.clock(clock)
			.failFast(true)
			.build();
		manager.start();
		// each request says at which instant of the test clock it was sent
		RestClient restClient = RestClient.builder()
			.baseUrl(api.baseUrl())
			.requestInterceptor((request, body, execution) -> {
				request.getHeaders().set("X-Sent-At", String.valueOf(clock.millis()));
				return execution.execute(request, body);
			})
			.requestInterceptor(new CognitoBearerTokenInterceptor(manager))
			.build();
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		try {
			List<Callable<Void>> batch = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				batch.add(() -> {
					restClient.get().uri("/orders").retrieve().toBodilessEntity();
					return null;
				});
			}
			for (long elapsed = 0; elapsed < run.toMillis(); elapsed += step.toMillis()) {
				for (Future<Void> call : executor.invokeAll(batch, 60, TimeUnit.SECONDS)) {
					call.get();
				}
				// a renewal a call started completes before the clock moves on
				await().pollDelay(Duration.ZERO)
					.pollInterval(Duration.ofMillis(1))
					.atMost(Duration.ofSeconds(30))
					.until(() -> !manager.getStatus().requestInProgress());
				clock.advance(step);
			}
		}
		finally {
			executor.shutdownNow();
			manager.stop();
		}
		Set<String> tokensUsed = new HashSet<>();
		List<ServeEvent> requests = api.getAllServeEvents();
		assertThat(requests).hasSize((int) (THREADS * (run.toMillis() / step.toMillis())));
		for (ServeEvent event : requests) {
			String token = event.getRequest().getHeader("Authorization").substring("Bearer ".length());
			long sentAt = Long.parseLong(event.getRequest().getHeader("X-Sent-At"));
			assertThat(sentAt).as("request sent before its token expired").isLessThan(expiries.get(token));
			tokensUsed.add(token);
		}
		int tokenRequests = tokenRequests();
		assertThat(tokenRequests).isEqualTo(expiries.size());
		// a 2 s token is usable for 1 s and renewed at 90% of that minus up to 10%
		// jitter (half of it here): one renewal every 0.855 s, rounded up to a step
		long runMillis = run.toMillis();
		assertThat(tokenRequests).isBetween((int) (runMillis / 950), (int) (runMillis / 855) + 2);
		// every token requested was used: no request was made twice for one renewal
		assertThat(tokensUsed.size()).isGreaterThanOrEqualTo(tokenRequests - 1);
	}

	@Test
	@Tag("soak")
	void everyRequestCarriesAValidTokenAndEachRenewalCostsOneTokenRequestInRealTime() throws Exception {
		Duration run = Duration.ofSeconds(15);
		// a 10 s token is usable for 5 s (the clock skew is capped at half the lifetime):
		// a request may be delayed 5 s by a busy machine and still carry a valid token
		Duration lifetime = Duration.ofSeconds(10);
		// token value: soak-<expiry in epoch millis>-<random>, 50 ms latency
		cognito.stubFor(post("/oauth2/token")
			.willReturn(okJson("{\"access_token\":\"soak-{{now offset='" + lifetime.toSeconds()
					+ " seconds' format='epoch'}}-{{randomValue length=8 type='ALPHANUMERIC'}}\"," + "\"expires_in\":"
					+ lifetime.toSeconds() + ",\"token_type\":\"Bearer\"}")
				.withTransformers("response-template")
				.withFixedDelay(50)));
		api.stubFor(get("/orders").willReturn(ok()));
		CognitoTokenManager manager = CognitoTokenManager.builder(tokenEndpointClient(Clock.systemUTC()))
			.failFast(true)
			.build();
		manager.start();
		RestClient restClient = RestClient.builder()
			.baseUrl(api.baseUrl())
			.requestInterceptor(new CognitoBearerTokenInterceptor(manager))
			.build();
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		long started = System.nanoTime();
		long end = started + run.toNanos();
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> workers = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				workers.add(executor.submit(() -> {
					start.await();
					int calls = 0;
					while (System.nanoTime() < end) {
						restClient.get().uri("/orders").retrieve().toBodilessEntity();
						calls++;
						// at most 200 calls a second per thread: the journal stays small
						LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
					}
					return calls;
				}));
			}
			start.countDown();
			int calls = 0;
			for (Future<Integer> worker : workers) {
				calls += worker.get(run.toSeconds() + 60, TimeUnit.SECONDS);
			}
			assertThat(calls).isGreaterThan(THREADS);
		}
		finally {
			executor.shutdownNow();
			manager.stop();
		}
		Set<String> tokensUsed = new HashSet<>();
		List<ServeEvent> requests = api.getAllServeEvents();
		for (ServeEvent event : requests) {
			String token = event.getRequest().getHeader("Authorization").substring("Bearer ".length());
			long expiry = Long.parseLong(token.split("-")[1]);
			assertThat(event.getRequest().getLoggedDate().getTime()).as("arrival of a request before its token expired")
				.isLessThan(expiry);
			tokensUsed.add(token);
		}
		int tokenRequests = tokenRequests();
		// a busy machine only delays renewals: every token lives 10 s and requests were
		// sent until the end, so at least one token per 10 s; a renewal comes no sooner
		// than 90% of the usable 5 s minus 10% jitter (4.05 s), so at most one per 4 s
		long runMillis = run.toMillis();
		assertThat(tokenRequests).isBetween((int) (runMillis / lifetime.toMillis()), (int) (runMillis / 4000) + 2);
		// every token requested was used: no request was made twice for one renewal
		assertThat(tokensUsed.size()).isGreaterThanOrEqualTo(tokenRequests - 1);
	}

	private static TokenEndpointClient tokenEndpointClient(Clock clock) {
		CognitoClientRegistration registration = new CognitoClientRegistration("soak-client", "soak-secret",
				URI.create(cognito.baseUrl() + "/oauth2/token"), List.of(),
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		return new TokenEndpointClient(registration,
				ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults()), clock);
	}

	private static int tokenRequests() {
		return cognito.countRequestsMatching(postRequestedFor(urlEqualTo("/oauth2/token")).build()).getCount();
	}

}
