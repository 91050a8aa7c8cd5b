package io.github.cognitotoken.autoconfigure.web.reactive;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.autoconfigure.CognitoClientProperties;
import io.github.cognitotoken.autoconfigure.CognitoTokenAutoConfiguration;
import io.github.cognitotoken.http.TargetHostMatcher;
import io.github.cognitotoken.http.reactive.CognitoBearerTokenExchangeFilterFunction;
import io.github.cognitotoken.http.reactive.CognitoWebClientCustomizer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CognitoTokenWebClientAutoConfiguration}.
 */
class CognitoTokenWebClientAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, CognitoTokenAutoConfiguration.class,
				CognitoTokenWebClientAutoConfiguration.class))
		.withPropertyValues("cognito.client.client-id=webclient-client",
				"cognito.client.client-secret=webclient-secret-never-logged",
				"cognito.client.token-endpoint=" + server.baseUrl() + "/oauth2/token");

	@BeforeEach
	void stubServer() {
		server.stubFor(post("/oauth2/token")
			.willReturn(okJson("{\"access_token\":\"wc-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		server.stubFor(get("/orders").willReturn(okJson("[]")));
	}

	@Test
	void webClientFromTheAutoConfiguredBuilderCarriesTheBearerToken() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CognitoBearerTokenExchangeFilterFunction.class)
				.hasSingleBean(CognitoWebClientCustomizer.class);
			call(context.getBean(WebClient.Builder.class));
			server.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer wc-token")));
		});
	}

	@Test
	void targetHostsAreHonoured() {
		this.contextRunner.withPropertyValues("cognito.client.target-hosts=api.example.com").run((context) -> {
			call(context.getBean(WebClient.Builder.class));
			server.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION, absent()));
		});
	}

	@Test
	void nothingIsConfiguredWithoutTheTokenManager() {
		this.contextRunner.withPropertyValues("cognito.client.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CognitoBearerTokenExchangeFilterFunction.class)
				.doesNotHaveBean(CognitoWebClientCustomizer.class));
	}

	@Test
	void nothingIsConfiguredWithoutWebClientSupport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClientCustomizer.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CognitoBearerTokenExchangeFilterFunction.class)
				.doesNotHaveBean(CognitoWebClientCustomizer.class));
	}

	@Test
	void userDefinedFilterTakesPrecedence() {
		this.contextRunner.withBean("userFilter", CognitoBearerTokenExchangeFilterFunction.class,
				() -> new CognitoBearerTokenExchangeFilterFunction(CognitoTokenManager.builder(() -> {
					throw new IllegalStateException("not called");
				}).build()))
			.run((context) -> assertThat(context).getBean(CognitoBearerTokenExchangeFilterFunction.class)
				.isSameAs(context.getBean("userFilter")));
	}

	@Test
	void userDefinedTokenManagerWithoutPropertiesSendsTheTokenToEveryHostAndReplaysA401() {
		server.stubFor(get("/replayed").inScenario("401 once")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(401))
			.willSetStateTo("renewed"));
		server.stubFor(get("/replayed").inScenario("401 once").whenScenarioStateIs("renewed").willReturn(ok()));
		AtomicInteger tokenRequests = new AtomicInteger();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					CognitoTokenAutoConfiguration.class, CognitoTokenWebClientAutoConfiguration.class))
			.withBean("userTokenManager", CognitoTokenManager.class,
					() -> CognitoTokenManager
						.builder(() -> new CognitoAccessToken("user-token-" + tokenRequests.incrementAndGet(),
								Instant.now(), Instant.now().plus(Duration.ofHours(1))))
						.build())
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(CognitoClientProperties.class)
					.doesNotHaveBean(TargetHostMatcher.class)
					.hasSingleBean(CognitoBearerTokenExchangeFilterFunction.class);
				context.getBean(CognitoTokenManager.class).getAccessToken();
				ResponseEntity<Void> response = context.getBean(WebClient.Builder.class)
					.baseUrl(server.baseUrl())
					.build()
					.get()
					.uri("/replayed")
					.retrieve()
					.toBodilessEntity()
					.block(Duration.ofSeconds(10));
				assertThat(response.getStatusCode().value()).isEqualTo(200);
				server.verify(1, getRequestedFor(urlEqualTo("/replayed")).withHeader(HttpHeaders.AUTHORIZATION,
						equalTo("Bearer user-token-1")));
				server.verify(1, getRequestedFor(urlEqualTo("/replayed")).withHeader(HttpHeaders.AUTHORIZATION,
						equalTo("Bearer user-token-2")));
			});
	}

	@Test
	void userDefinedTargetHostMatcherIsUsedWithAUserDefinedTokenManager() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					CognitoTokenWebClientAutoConfiguration.class))
			.withBean("userTokenManager", CognitoTokenManager.class, () -> CognitoTokenManager.builder(
					() -> new CognitoAccessToken("user-token", Instant.now(), Instant.now().plus(Duration.ofHours(1))))
				.build())
			.withBean("userTargetHosts", TargetHostMatcher.class,
					() -> TargetHostMatcher.of(List.of("api.example.com")))
			.run((context) -> {
				call(context.getBean(WebClient.Builder.class));
				server.verify(1,
						getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION, absent()));
			});
	}

	@Test
	void ambiguousTargetHostMatchersFailTheStartInsteadOfSendingTheTokenEverywhere() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					CognitoTokenWebClientAutoConfiguration.class))
			.withBean("userTokenManager", CognitoTokenManager.class, () -> unusedManager())
			.withBean("firstTargetHosts", TargetHostMatcher.class, () -> TargetHostMatcher.of(List.of("a.example.com")))
			.withBean("secondTargetHosts", TargetHostMatcher.class,
					() -> TargetHostMatcher.of(List.of("b.example.com")))
			.run((context) -> assertThat(context).getFailure()
				.hasRootCauseInstanceOf(NoUniqueBeanDefinitionException.class));
	}

	@Test
	void noFilterWithTwoTokenManagersAndNoPrimary() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					CognitoTokenWebClientAutoConfiguration.class))
			.withBean("firstTokenManager", CognitoTokenManager.class, () -> unusedManager())
			.withBean("secondTokenManager", CognitoTokenManager.class, () -> unusedManager())
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CognitoBearerTokenExchangeFilterFunction.class));
	}

	private static CognitoTokenManager unusedManager() {
		return CognitoTokenManager.builder(() -> {
			throw new IllegalStateException("not called");
		}).build();
	}

	private static void call(WebClient.Builder builder) {
		builder.baseUrl(server.baseUrl())
			.build()
			.get()
			.uri("/orders")
			.retrieve()
			.toBodilessEntity()
			.block(Duration.ofSeconds(10));
	}

}
