package io.github.cognitotoken.http;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.endpoint.ClientAuthenticationMethod;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
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

/**
 * Soak test in real time: many threads call a local API for a few seconds while tokens
 * that live two seconds are renewed in the background. The token endpoint writes each
 * token's real expiry into the token, so the API's request journal shows whether every
 * request carried a token that was valid when it arrived.
 */
class SoakTests {

	private static final Duration RUN = Duration.ofSeconds(5);

	private static final int THREADS = 16;

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().templatingEnabled(true))
		.build();

	@RegisterExtension
	static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void everyRequestCarriesAValidTokenAndEachRenewalCostsOneTokenRequest() throws Exception {
		// token value: soak-<expiry in epoch millis>-<random>, expires_in: 2 s, 50 ms
		// latency
		cognito.stubFor(post("/oauth2/token").willReturn(okJson(
				"{\"access_token\":\"soak-{{now offset='2 seconds' format='epoch'}}-{{randomValue length=8 type='ALPHANUMERIC'}}\","
						+ "\"expires_in\":2,\"token_type\":\"Bearer\"}")
			.withTransformers("response-template")
			.withFixedDelay(50)));
		api.stubFor(get("/orders").willReturn(ok()));
		CognitoClientRegistration registration = new CognitoClientRegistration("soak-client", "soak-secret",
				URI.create(cognito.baseUrl() + "/oauth2/token"), List.of(),
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		TokenEndpointClient client = new TokenEndpointClient(registration,
				ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults()), Clock.systemUTC());
		CognitoTokenManager manager = CognitoTokenManager.builder(client).failFast(true).build();
		manager.start();
		RestClient restClient = RestClient.builder()
			.baseUrl(api.baseUrl())
			.requestInterceptor(new CognitoBearerTokenInterceptor(manager))
			.build();
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		long end = System.nanoTime() + RUN.toNanos();
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> workers = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				workers.add(executor.submit(() -> {
					start.await();
					int calls = 0;
					while (System.nanoTime() < end && calls < 100_000) {
						restClient.get().uri("/orders").retrieve().toBodilessEntity();
						calls++;
					}
					return calls;
				}));
			}
			start.countDown();
			int calls = 0;
			for (Future<Integer> worker : workers) {
				calls += worker.get(RUN.toSeconds() + 30, TimeUnit.SECONDS);
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
		int tokenRequests = cognito.countRequestsMatching(postRequestedFor(urlEqualTo("/oauth2/token")).build())
			.getCount();
		// a 2 s token is usable for 1 s and renewed at 90% of that minus up to 10%
		// jitter,
		// plus 50 ms of latency: one renewal every 0.86 to 0.95 s
		long runMillis = RUN.toMillis();
		assertThat(tokenRequests).isBetween((int) (runMillis / 950), (int) (runMillis / 860) + 2);
		// every token requested was used: no request was made twice for one renewal
		assertThat(tokensUsed.size()).isGreaterThanOrEqualTo(tokenRequests - 1);
	}

}
