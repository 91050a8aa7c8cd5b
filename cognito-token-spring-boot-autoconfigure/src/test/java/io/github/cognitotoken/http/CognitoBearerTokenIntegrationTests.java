package io.github.cognitotoken.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.MutableClock;
import io.github.cognitotoken.autoconfigure.CognitoTokenClockCustomizer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end tests of the auto-configured HTTP clients against a local token endpoint and
 * a local downstream API, both WireMock servers.
 */
@SpringBootTest(classes = CognitoBearerTokenIntegrationTests.TestApplication.class,
		properties = { "cognito.client.client-id=it-client", "cognito.client.client-secret=it-secret-never-logged",
				"cognito.client.token-endpoint=${cognito.url}/oauth2/token", "cognito.client.scope=orders/read",
				"cognito.client.base-url=${api.url}", "cognito.client.target-hosts=localhost" })
@EnableWireMock({ @ConfigureWireMock(name = "cognito", baseUrlProperties = "cognito.url",
		// the token endpoint answers before the context starts its first token request
		filesUnderClasspath = "wiremock/bearer-it-cognito"),
		@ConfigureWireMock(name = "api", baseUrlProperties = "api.url") })
@ExtendWith(OutputCaptureExtension.class)
class CognitoBearerTokenIntegrationTests {

	private static final String SECRET = "it-secret-never-logged";

	@InjectWireMock("cognito")
	private WireMockServer cognito;

	@InjectWireMock("api")
	private WireMockServer api;

	@Autowired
	private RestClient restClient;

	@Autowired
	private RestTemplateBuilder restTemplateBuilder;

	@Autowired
	private CognitoTokenManager tokenManager;

	@Autowired
	private CognitoTokenClockCustomizer clockCustomizer;

	private MutableClock clock;

	@BeforeEach
	void stubServers() {
		this.clock = (MutableClock) this.clockCustomizer.getClock();
		this.cognito.stubFor(post("/oauth2/token").inScenario("tokens")
			.willReturn(okJson("{\"access_token\":\"access-token-1\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		this.api.stubFor(get("/orders").willReturn(okJson("[]")));
		this.api.stubFor(get("/public").willReturn(ok()));
		// the startup request may still be out: its token must not arrive after the reset
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.tokenManager.getStatus().requestInProgress());
		this.tokenManager.invalidate();
		this.cognito.resetRequests();
	}

	@Test
	void restClientCallsCarryTheBearerToken() {
		this.restClient.get().uri("/orders").retrieve().toBodilessEntity();
		this.api.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer access-token-1")));
	}

	@Test
	void restTemplateCallsCarryTheBearerToken() {
		// an absolute URL: rootUri is deprecated in Spring Boot 4.1, and baseUri is new
		// there
		RestTemplate restTemplate = this.restTemplateBuilder.build();
		restTemplate.getForEntity(this.api.baseUrl() + "/orders", String.class);
		this.api.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer access-token-1")));
	}

	@Test
	void hundredsOfCallsReuseOneToken() {
		for (int i = 0; i < 300; i++) {
			this.restClient.get().uri("/orders").retrieve().toBodilessEntity();
		}
		this.cognito.verify(1, postRequestedFor(urlEqualTo("/oauth2/token")));
		this.api.verify(300, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer access-token-1")));
	}

	@Test
	void tokenIsRenewedInTheBackgroundBeforeItExpires() {
		this.restClient.get().uri("/orders").retrieve().toBodilessEntity();
		this.cognito.stubFor(post("/oauth2/token")
			.willReturn(okJson("{\"access_token\":\"access-token-2\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		this.clock.advance(Duration.ofMinutes(54));
		this.restClient.get().uri("/orders").retrieve().toBodilessEntity();
		this.cognito.verify(1, postRequestedFor(urlEqualTo("/oauth2/token")));
		// within refresh-ahead (5m) of expiry: the call still carries the current token
		this.clock.advance(Duration.ofMinutes(2));
		this.restClient.get().uri("/orders").retrieve().toBodilessEntity();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.tokenManager.getTokenExpiry())
				.hasValueSatisfying((expiry) -> assertThat(expiry).isAfter(this.clock.instant().plusSeconds(3000))));
		this.restClient.get().uri("/orders").retrieve().toBodilessEntity();
		this.cognito.verify(2, postRequestedFor(urlEqualTo("/oauth2/token")));
		this.api.verify(3, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer access-token-1")));
		this.api.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer access-token-2")));
	}

	@Test
	void newTokenIsFetchedOnceTheClockPassesExpiry() {
		this.restClient.get().uri("/orders").retrieve().toBodilessEntity();
		this.cognito.stubFor(post("/oauth2/token")
			.willReturn(okJson("{\"access_token\":\"access-token-2\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		this.clock.advance(Duration.ofMinutes(61));
		this.restClient.get().uri("/orders").retrieve().toBodilessEntity();
		this.restClient.get().uri("/orders").retrieve().toBodilessEntity();
		this.cognito.verify(2, postRequestedFor(urlEqualTo("/oauth2/token")));
		this.api.verify(2, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer access-token-2")));
	}

	@Test
	void concurrentFirstCallsCauseOneTokenRequest() throws Exception {
		this.cognito.stubFor(post("/oauth2/token")
			.willReturn(okJson("{\"access_token\":\"access-token-1\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")
				.withFixedDelay(300)));
		int threads = 64;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				calls.add(executor.submit(() -> {
					start.await();
					return this.restClient.get().uri("/orders").retrieve().toBodilessEntity();
				}));
			}
			start.countDown();
			for (Future<?> call : calls) {
				call.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		this.cognito.verify(1, postRequestedFor(urlEqualTo("/oauth2/token")));
		this.api.verify(threads, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer access-token-1")));
	}

	@Test
	void tokenIsKeptAwayFromHostsThatAreNotTargets() {
		// target-hosts=localhost: the same server reached as 127.0.0.1 is another host
		this.restClient.get().uri("http://127.0.0.1:" + this.api.port() + "/public").retrieve().toBodilessEntity();
		this.api.verify(1, getRequestedFor(urlEqualTo("/public")).withHeader(HttpHeaders.AUTHORIZATION, absent()));
		this.cognito.verify(0, postRequestedFor(urlEqualTo("/oauth2/token")));
	}

	@Test
	void existingAuthorizationHeaderIsKept() {
		this.restClient.get()
			.uri("/orders")
			.header(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwYXNz")
			.retrieve()
			.toBodilessEntity();
		this.api.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Basic dXNlcjpwYXNz")));
		this.cognito.verify(0, postRequestedFor(urlEqualTo("/oauth2/token")));
	}

	@Test
	void secretNeverAppearsInTheOutput(CapturedOutput output) {
		this.restClient.get().uri("/orders").retrieve().toBodilessEntity();
		assertThat(output).doesNotContain(SECRET).doesNotContain("access-token-1");
		assertThat(this.tokenManager.toString()).doesNotContain("access-token-1");
	}

	@EnableAutoConfiguration
	@SpringBootConfiguration(proxyBeanMethods = false)
	static class TestApplication {

		@Bean
		CognitoTokenClockCustomizer clockCustomizer() {
			return new CognitoTokenClockCustomizer(MutableClock.startingAt("2026-05-01T08:00:00Z"));
		}

	}

}
