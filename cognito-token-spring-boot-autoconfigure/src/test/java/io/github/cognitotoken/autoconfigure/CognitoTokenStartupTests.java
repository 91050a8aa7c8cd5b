package io.github.cognitotoken.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Tests of what happens while a Spring Boot application that uses the starter starts.
 */
@ExtendWith(OutputCaptureExtension.class)
class CognitoTokenStartupTests {

	private static final String SECRET = "startup-secret-never-logged";

	private static final String TOKEN = "startup-access-token";

	private static final HeldAnswer heldAnswer = new HeldAnswer();

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().extensions(heldAnswer))
		.build();

	@Test
	void firstTokenIsFetchedWhileTheApplicationStartsBeforeFirstUse() {
		stubToken(okJson(tokenJson()));
		try (ConfigurableApplicationContext context = run()) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(context.getBean(CognitoTokenManager.class).getTokenExpiry()).isPresent());
			cognito.verify(1, postRequestedFor(urlEqualTo("/oauth2/token")));
			assertThat(context.getBean(CognitoTokenManager.class).getToken()).isEqualTo(TOKEN);
			cognito.verify(1, postRequestedFor(urlEqualTo("/oauth2/token")));
		}
	}

	@Test
	void startupDoesNotWaitForTheFirstTokenAndEarlyCallersShareThatRequest() throws Exception {
		// the token endpoint answers when the test says so, not after a delay that a busy
		// machine's startup may outlast
		CountDownLatch answer = heldAnswer.hold();
		stubToken(okJson(tokenJson()).withTransformers(HeldAnswer.NAME));
		try (ConfigurableApplicationContext context = run()) {
			CognitoTokenManager manager = context.getBean(CognitoTokenManager.class);
			assertThat(manager.getTokenExpiry()).as("startup returned before the token arrived").isEmpty();
			assertThat(manager.getStatus().requestInProgress()).as("startup returned while the request was out")
				.isTrue();
			ExecutorService executor = Executors.newFixedThreadPool(100);
			try {
				CountDownLatch start = new CountDownLatch(1);
				CountDownLatch calling = new CountDownLatch(100);
				List<Future<String>> calls = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					calls.add(executor.submit(() -> {
						start.await();
						calling.countDown();
						return manager.getToken();
					}));
				}
				start.countDown();
				assertThat(calling.await(30, TimeUnit.SECONDS)).isTrue();
				answer.countDown();
				for (Future<String> call : calls) {
					assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(TOKEN);
				}
			}
			finally {
				answer.countDown();
				executor.shutdownNow();
			}
			cognito.verify(1, postRequestedFor(urlEqualTo("/oauth2/token")));
		}
	}

	@Test
	void failFastStartupHasTheTokenWhenItReturns() {
		stubToken(okJson(tokenJson()).withFixedDelay(300));
		try (ConfigurableApplicationContext context = run("cognito.client.fail-fast=true")) {
			assertThat(context.getBean(CognitoTokenManager.class).getTokenExpiry()).isPresent();
			cognito.verify(1, postRequestedFor(urlEqualTo("/oauth2/token")));
		}
	}

	@Test
	void failFastStartupFailsWithAMessageThatSaysWhatToFix(CapturedOutput output) {
		stubToken(aResponse().withStatus(400).withBody("{\"error\":\"invalid_client\"}"));
		assertThatException().isThrownBy(() -> run("cognito.client.fail-fast=true"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Could not obtain an access token from Amazon Cognito: Cognito token endpoint "
					+ cognito.baseUrl() + "/oauth2/token rejected the token request with 'invalid_client' (HTTP 400)")
			.contains("Check cognito.client.client-id and cognito.client.client-secret")
			.doesNotContain(SECRET);
	}

	@Test
	void failedBackgroundStartupFetchIsLoggedAndRetriedInTheBackground(CapturedOutput output) {
		stubToken(aResponse().withStatus(503));
		try (ConfigurableApplicationContext context = run()) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(output)
					.contains("Requesting a Cognito access token for client star... (scope orders/read) failed "
							+ "(http_503, attempt 1)"));
			CognitoTokenManager manager = context.getBean(CognitoTokenManager.class);
			// replaced without a reset, which a retry in between would find without stub
			cognito.stubFor(post("/oauth2/token").willReturn(okJson(tokenJson())));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(manager.getTokenExpiry()).isPresent());
			assertThat(manager.getToken()).isEqualTo(TOKEN);
			assertThat(cognito.getAllServeEvents()).filteredOn((event) -> event.getResponse().getStatus() == 200)
				.hasSize(1);
		}
		assertThat(output).contains("answered HTTP 503").doesNotContain(SECRET).doesNotContain(TOKEN);
	}

	@Test
	void renewalStopsWithTheContextAndResumesWhenItStartsAgain() {
		stubToken(okJson(tokenJson()));
		MutableClock clock = MutableClock.startingAt("2026-09-01T00:00:00Z");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("clock", new CognitoTokenClockCustomizer(clock)))
			.properties("cognito.client.client-id=startup-client", "cognito.client.client-secret=" + SECRET,
					"cognito.client.token-endpoint=" + cognito.baseUrl() + "/oauth2/token",
					"cognito.client.fail-fast=true")
			.run()) {
			CognitoTokenManager manager = context.getBean(CognitoTokenManager.class);
			assertThat(manager.getTokenExpiry()).contains(Instant.parse("2026-09-01T01:00:00Z"));
			context.stop();
			assertThat(manager.isRunning()).isFalse();
			// inside the renewal window, but stopped: no background renewal
			clock.advance(Duration.ofMinutes(58));
			assertThat(manager.getToken()).isEqualTo(TOKEN);
			assertThat(manager.getStatus().requestInProgress()).isFalse();
			cognito.verify(1, postRequestedFor(urlEqualTo("/oauth2/token")));
			context.start();
			assertThat(manager.isRunning()).isTrue();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(manager.getTokenExpiry()).contains(Instant.parse("2026-09-01T01:58:00Z")));
			cognito.verify(2, postRequestedFor(urlEqualTo("/oauth2/token")));
		}
	}

	@Test
	void missingPropertyStopsStartupWithAFailureAnalysis(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
				.properties("cognito.client.client-id=startup-client", "cognito.client.client-secret=" + SECRET)
				.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid Cognito client configuration: 'cognito.client.token-endpoint' is not set")
			.contains("Set cognito.client.token-endpoint to your user pool domain's token endpoint")
			.doesNotContain(SECRET);
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("cognito.client.client-id=startup-client", "cognito.client.client-secret=" + SECRET,
					"cognito.client.token-endpoint=" + cognito.baseUrl() + "/oauth2/token",
					"cognito.client.scope=orders/read")
			.properties(properties)
			.run();
	}

	private static void stubToken(ResponseDefinitionBuilder response) {
		cognito.resetAll();
		cognito.stubFor(post("/oauth2/token").willReturn(response));
	}

	private static String tokenJson() {
		return "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}";
	}

	/**
	 * Holds the answers of the stubs that name it until the test releases them (at most a
	 * minute).
	 */
	static final class HeldAnswer implements ResponseDefinitionTransformerV2 {

		static final String NAME = "held-answer";

		private volatile CountDownLatch release = new CountDownLatch(0);

		CountDownLatch hold() {
			this.release = new CountDownLatch(1);
			return this.release;
		}

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			try {
				this.release.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return serveEvent.getResponseDefinition();
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public String getName() {
			return NAME;
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
