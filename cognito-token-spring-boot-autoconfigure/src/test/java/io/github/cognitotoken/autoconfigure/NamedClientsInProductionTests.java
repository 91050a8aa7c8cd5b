package io.github.cognitotoken.autoconfigure;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.CognitoTokenManagers;
import io.github.cognitotoken.MutableClock;
import io.github.cognitotoken.metrics.CognitoTokenEndpointMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Secret rotation, the request budget, the issued-token counter and the prefix domain
 * work for every named client ({@code cognito.clients.<name>.*}) as for the default one,
 * with messages that name the named client's properties. The token endpoint is a local
 * WireMock server.
 */
class NamedClientsInProductionTests {

	private static final String BILLING_A = "billing-secret-a-0123456789";

	private static final String BILLING_B = "billing-secret-b-0123456789";

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = MutableClock.startingAt("2026-08-01T10:00:00Z");

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() {
		cognito.resetAll();
		cognito.stubFor(post("/oauth2/token").atPriority(10)
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\"}")));
		cognito.stubFor(post("/oauth2/token").atPriority(1)
			.withHeader("Authorization", equalTo(basic("orders-client", "orders-secret-0123456789")))
			.willReturn(okJson(tokenJson("orders-token"))));
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, CognitoTokenAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(CognitoTokenClockCustomizer.class, () -> new CognitoTokenClockCustomizer(this.clock))
			.withPropertyValues("cognito.client.client-id=orders-client",
					"cognito.client.client-secret=orders-secret-0123456789",
					"cognito.client.token-endpoint=" + cognito.baseUrl() + "/oauth2/token",
					"cognito.clients.billing.client-id=billing-client",
					"cognito.clients.billing.client-secret=" + BILLING_A);
	}

	@Test
	void namedClientTriesItsPreviousSecretAndCountsItsIssuedTokens() {
		acceptBilling(BILLING_A);
		this.contextRunner
			.withPropertyValues("cognito.clients.billing.client-secret=" + BILLING_B,
					"cognito.clients.billing.previous-client-secret=" + BILLING_A)
			.run((context) -> {
				CognitoTokenManagers managers = context.getBean(CognitoTokenManagers.class);
				assertThat(managers.get("billing").getToken()).isEqualTo("billing-token");
				assertThat(managers.get("billing").getStatus().lastFailure()).isNull();
				assertThat(managers.get(CognitoTokenManagers.DEFAULT).getToken()).isEqualTo("orders-token");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(issued(registry, "billing")).isEqualTo(1);
				assertThat(issued(registry, "default")).isEqualTo(1);
			});
	}

	@Test
	void namedClientSecretChangedAtRunTimeEndsTheWaitAfterInvalidClient() {
		acceptBilling(BILLING_B);
		this.contextRunner.run((context) -> {
			CognitoTokenManager billing = context.getBean(CognitoTokenManagers.class).get("billing");
			await().atMost(Duration.ofSeconds(30)).until(() -> billing.getStatus().lastFailure() != null);
			assertThat(billing.getStatus().lastFailure().getErrorCode()).isEqualTo("invalid_client");
			ConfigurableEnvironment environment = (ConfigurableEnvironment) context.getEnvironment();
			environment.getPropertySources()
				.addFirst(new MapPropertySource("rotated", Map.of("cognito.clients.billing.client-secret", BILLING_B)));
			context.publishEvent(new EnvironmentChangeEvent(context, Set.of("cognito.clients.billing.client-secret")));
			await().atMost(Duration.ofSeconds(30)).until(() -> billing.getStatus().tokenUsable());
			assertThat(billing.getToken()).isEqualTo("billing-token");
			assertThat(cognito
				.countRequestsMatching(postRequestedFor(urlEqualTo("/oauth2/token"))
					.withHeader("Authorization", equalTo(basic("billing-client", BILLING_A)))
					.build())
				.getCount()).isOne();
		});
	}

	@Test
	void namedClientInheritsTheBudgetAndTheDomainOrSetsItsOwn() {
		// the application's fetchers stand in for the token endpoint, so that no request
		// goes to Cognito; they receive each client's registration
		Map<String, URI> tokenEndpoints = new ConcurrentHashMap<>();
		CognitoTokenFetcherFactory fetchers = (name, registration) -> {
			tokenEndpoints.put(name, registration.getTokenEndpoint());
			return () -> new CognitoAccessToken("stand-in", this.clock.instant(),
					this.clock.instant().plusSeconds(3600));
		};
		this.contextRunner.withBean(CognitoTokenFetcherFactory.class, () -> fetchers)
			.withPropertyValues("cognito.client.token-endpoint=", "cognito.client.domain=my-domain",
					"cognito.client.region=eu-west-1", "cognito.client.budget.max-requests=20",
					"cognito.clients.billing.budget.max-requests=5", "cognito.clients.partner.client-id=partner-client",
					"cognito.clients.partner.client-secret=partner-secret",
					"cognito.clients.partner.token-endpoint=https://auth.example.com/oauth2/token")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CognitoTokenManagers managers = context.getBean(CognitoTokenManagers.class);
				assertThat(managers.get("default").getStatus().requests().maxRequests()).isEqualTo(20);
				assertThat(managers.get("billing").getStatus().requests().maxRequests()).isEqualTo(5);
				assertThat(managers.get("partner").getStatus().requests().maxRequests()).isEqualTo(20);
				URI prefixDomain = URI.create("https://my-domain.auth.eu-west-1.amazoncognito.com/oauth2/token");
				assertThat(tokenEndpoints).containsEntry("default", prefixDomain)
					.containsEntry("billing", prefixDomain)
					.containsEntry("partner", URI.create("https://auth.example.com/oauth2/token"));
			});
	}

	@Test
	void namedClientFailuresNameItsProperties() {
		this.contextRunner
			.withPropertyValues("cognito.clients.billing.domain=my-aws-domain",
					"cognito.clients.billing.region=eu-west-1", "cognito.clients.billing.token-endpoint=")
			.run(failsWith("cognito.clients.billing.domain", "contains 'aws'"));
		this.contextRunner.withPropertyValues("cognito.clients.billing.budget.max-requests=0")
			.run(failsWith("cognito.clients.billing.budget.max-requests", "(0) is not from 1 to 100000"));
		this.contextRunner
			.withPropertyValues("cognito.clients.billing.domain=my-domain", "cognito.clients.billing.region=eu-west-1",
					"cognito.clients.billing.token-endpoint=https://auth.example.com/oauth2/token")
			.run(failsWith("cognito.clients.billing.domain", "cognito.clients.billing.token-endpoint are both set"));
	}

	private static ContextConsumer<AssertableApplicationContext> failsWith(String property, String problem) {
		return (context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidCognitoPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("'" + property + "'").contains(problem);
			assertThat(analysis.getAction()).contains(property.substring(0, property.lastIndexOf('.')))
				.doesNotContain("cognito.client.");
		};
	}

	private static double issued(MeterRegistry registry, String client) {
		return registry.get(CognitoTokenEndpointMetrics.ISSUED_METER_NAME)
			.tag("client", client)
			.functionCounter()
			.count();
	}

	private static void acceptBilling(String secret) {
		cognito.stubFor(post("/oauth2/token").atPriority(1)
			.withHeader("Authorization", equalTo(basic("billing-client", secret)))
			.willReturn(okJson(tokenJson("billing-token"))));
	}

	private static String basic(String clientId, String secret) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	private static String tokenJson(String token) {
		return "{\"access_token\":\"" + token + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}";
	}

}
