package io.github.cognitotoken.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.CognitoTokenStatus;
import io.github.cognitotoken.MutableClock;
import io.github.cognitotoken.endpoint.CognitoClientSecretProvider;
import io.github.cognitotoken.endpoint.CognitoClientSecrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.client.RestClient;

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
import static org.awaitility.Awaitility.await;

/**
 * Rotating the client secret without a restart: the configuration changes at run time
 * (Spring Cloud's {@link EnvironmentChangeEvent}, as a reloading Secrets Manager or Vault
 * config import publishes it) while the token endpoint, a local WireMock server, accepts
 * one secret, both, or the other. API calls go to the same server.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretRefreshTests {

	private static final String SECRET_A = "secret-a-0123456789abcdefghij";

	private static final String SECRET_B = "secret-b-0123456789abcdefghij";

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = MutableClock.startingAt("2026-08-01T10:00:00Z");

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() {
		cognito.resetAll();
		cognito.stubFor(get("/orders").willReturn(okJson("[]")));
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ImperativeHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, CognitoTokenAutoConfiguration.class,
					ConfigurationPropertiesRebinderAutoConfiguration.class))
			.withBean(CognitoTokenClockCustomizer.class, () -> new CognitoTokenClockCustomizer(this.clock))
			.withPropertyValues("cognito.client.client-id=rotation-client", "cognito.client.client-secret=" + SECRET_A,
					"cognito.client.token-endpoint=" + cognito.baseUrl() + "/oauth2/token",
					"cognito.client.base-url=" + cognito.baseUrl());
	}

	@Test
	void endpointThatStopsAcceptingAWhileTheConfigurationMovesToBFailsNoApiCallAndAtMostTwoTokenRequests(
			CapturedOutput output) {
		accept(SECRET_A);
		this.contextRunner.run((context) -> {
			CognitoTokenManager manager = context.getBean(CognitoTokenManager.class);
			RestClient restClient = context.getBean(RestClient.class);
			List<Integer> apiStatuses = new ArrayList<>();
			apiStatuses.add(callApi(restClient));
			// Cognito accepts only B from now on; the renewal with A fails
			accept(SECRET_B);
			this.clock.advance(Duration.ofMinutes(56));
			apiStatuses.add(callApi(restClient));
			await().atMost(WAIT).until(() -> manager.getStatus().lastFailure() != null);
			assertThat(manager.getStatus().lastFailure().getErrorCode()).isEqualTo("invalid_client");
			apiStatuses.add(callApi(restClient));
			// the configuration moves to B: the terminal delay of 5 minutes does not
			// apply
			changeEnvironment(context, Map.of("cognito.client.client-secret", SECRET_B));
			await().atMost(WAIT).until(() -> manager.getStatus().lastFailure() == null);
			this.clock.advance(Duration.ofMinutes(1));
			apiStatuses.add(callApi(restClient));
			assertThat(apiStatuses).containsOnly(200);
			assertThat(manager.getToken()).isEqualTo("token-b");
			assertThat(failedTokenRequests()).isBetween(1, 2);
			assertThat(tokenRequests()).isEqualTo(3);
			// the @ConfigurationProperties bean follows too
			assertThat(context.getBean(CognitoClientProperties.class).getClientSecret()).isEqualTo(SECRET_B);
			assertThat(cognito
				.countRequestsMatching(
						getRequestedFor(urlEqualTo("/orders")).withHeader("Authorization", equalTo("Bearer token-b"))
							.build())
				.getCount()).isOne();
		});
		assertThat(output)
			.contains("The client secret of Cognito client 'default' (cognito.client.client-secret or "
					+ ".previous-client-secret) changed: the next token request uses it")
			.contains("changed after the token endpoint answered invalid_client: requesting a token again now")
			.doesNotContain(SECRET_A)
			.doesNotContain(SECRET_B);
	}

	@Test
	void bothSecretsAcceptedThenOnlyBCausesNoFailureAtAllWithPreviousClientSecret(CapturedOutput output) {
		accept(SECRET_A, SECRET_B);
		this.contextRunner.run((context) -> {
			CognitoTokenManager manager = context.getBean(CognitoTokenManager.class);
			RestClient restClient = context.getBean(RestClient.class);
			List<CognitoTokenStatus> statuses = new ArrayList<>();
			List<Integer> apiStatuses = new ArrayList<>();
			apiStatuses.add(callApi(restClient));
			// B added in Cognito; the configuration rolls out B with A as the previous
			// secret
			changeEnvironment(context, Map.of("cognito.client.client-secret", SECRET_B,
					"cognito.client.previous-client-secret", SECRET_A));
			this.clock.advance(Duration.ofMinutes(56));
			apiStatuses.add(callApi(restClient));
			await().atMost(WAIT).until(() -> tokenRequests() == 2 && !manager.getStatus().requestInProgress());
			statuses.add(manager.getStatus());
			// A deleted in Cognito
			accept(SECRET_B);
			this.clock.advance(Duration.ofMinutes(56));
			apiStatuses.add(callApi(restClient));
			await().atMost(WAIT).until(() -> tokenRequests() == 3 && !manager.getStatus().requestInProgress());
			statuses.add(manager.getStatus());
			this.clock.advance(Duration.ofMinutes(1));
			apiStatuses.add(callApi(restClient));
			assertThat(apiStatuses).containsOnly(200);
			assertThat(statuses).allSatisfy((status) -> {
				assertThat(status.lastFailure()).isNull();
				assertThat(status.consecutiveFailures()).isZero();
				assertThat(status.tokenUsable()).isTrue();
			});
			assertThat(failedTokenRequests()).isZero();
			assertThat(manager.getToken()).isEqualTo("token-b");
		});
		assertThat(output).doesNotContain("invalid_client").doesNotContain(SECRET_A).doesNotContain(SECRET_B);
	}

	@Test
	void unchangedSecretsDoNotDisturbTheManager() {
		accept(SECRET_A);
		this.contextRunner.run((context) -> {
			CognitoTokenManager manager = context.getBean(CognitoTokenManager.class);
			manager.getToken();
			changeEnvironment(context, Map.of("some.other.property", "changed"));
			assertThat(context.getBean(ConfigurationClientSecretProvider.class).getSecrets("default").getClientSecret())
				.isEqualTo(SECRET_A);
			assertThat(tokenRequests()).isOne();
		});
	}

	@Test
	void secretRemovedFromTheConfigurationKeepsTheSecretInUse(CapturedOutput output) {
		accept(SECRET_A);
		this.contextRunner.run((context) -> {
			ConfigurableEnvironment environment = (ConfigurableEnvironment) context.getEnvironment();
			environment.getPropertySources()
				.addFirst(new MapPropertySource("blank", Map.of("cognito.client.client-secret", "")));
			context.publishEvent(new EnvironmentChangeEvent(context, Set.of("cognito.client.client-secret")));
			assertThat(context.getBean(ConfigurationClientSecretProvider.class).getSecrets("default").getClientSecret())
				.isEqualTo(SECRET_A);
		});
		assertThat(output).contains("cognito.client.client-secret is no longer set: Cognito token requests keep the "
				+ "client secret they had");
	}

	@Test
	void applicationSecretProviderIsAskedWithTheClientName() {
		accept(SECRET_B);
		List<String> names = new ArrayList<>();
		this.contextRunner.withBean(CognitoClientSecretProvider.class, () -> (name) -> {
			names.add(name);
			return CognitoClientSecrets.of(SECRET_B);
		}).run((context) -> {
			assertThat(context).doesNotHaveBean(ConfigurationClientSecretProvider.class);
			assertThat(context.getBean(CognitoTokenManager.class).getToken()).isEqualTo("token-b");
			assertThat(names).containsOnly("default");
		});
	}

	@Test
	void withoutSpringCloudSecretsAreNotRefreshed() {
		accept(SECRET_A);
		this.contextRunner.withClassLoader(new FilteredClassLoader(EnvironmentChangeEvent.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CognitoClientSecretRefresher.class)
				.hasSingleBean(ConfigurationClientSecretProvider.class));
	}

	private static void changeEnvironment(AssertableApplicationContext context, Map<String, Object> values) {
		ConfigurableEnvironment environment = (ConfigurableEnvironment) context.getEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("rotation-" + values.hashCode(), values));
		// what Spring Cloud's ContextRefresher publishes once the environment changed
		context.publishEvent(new EnvironmentChangeEvent(context, values.keySet()));
	}

	private static int callApi(RestClient restClient) {
		return restClient.get().uri("/orders").exchange((request, response) -> response.getStatusCode().value());
	}

	private static void accept(String... secrets) {
		cognito.getStubMappings()
			.stream()
			.filter((mapping) -> "/oauth2/token".equals(mapping.getRequest().getUrl()))
			.toList()
			.forEach(cognito::removeStubMapping);
		cognito.stubFor(post("/oauth2/token").atPriority(10)
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\"}")));
		for (String secret : secrets) {
			cognito.stubFor(post("/oauth2/token").atPriority(1)
				.withHeader("Authorization", equalTo(basic(secret)))
				.willReturn(okJson("{\"access_token\":\"" + (secret.equals(SECRET_A) ? "token-a" : "token-b")
						+ "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		}
	}

	private static int tokenRequests() {
		return cognito.countRequestsMatching(postRequestedFor(urlEqualTo("/oauth2/token")).build()).getCount();
	}

	private static int failedTokenRequests() {
		return (int) cognito.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().equals("/oauth2/token"))
			.filter((event) -> event.getResponse().getStatus() != 200)
			.count();
	}

	private static String basic(String secret) {
		return "Basic "
				+ Base64.getEncoder().encodeToString(("rotation-client:" + secret).getBytes(StandardCharsets.UTF_8));
	}

}
