package io.github.cognitotoken.autoconfigure;

import java.time.Duration;
import java.time.Instant;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.http.TargetHostMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the hosts that receive the token when {@code cognito.client.target-hosts} is
 * empty: the host of {@code base-url}, or every host with a warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class CognitoTargetHostsDefaultsTests {

	private static final String WARNING = "neither cognito.client.target-hosts nor cognito.client.base-url is set";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
						RestClientAutoConfiguration.class, CognitoTokenAutoConfiguration.class))
		.withUserConfiguration(FixedTokenConfiguration.class)
		.withPropertyValues("spring.http.clients.imperative.factory=jdk", "cognito.client.client-id=defaults-client",
				"cognito.client.client-secret=defaults-secret-never-logged",
				"cognito.client.token-endpoint=http://localhost:1/oauth2/token");

	@BeforeEach
	void stubServer() {
		server.stubFor(any(anyUrl()).willReturn(ok("ok")));
	}

	@Test
	void withABaseUrlOnlyItsHostGetsTheToken(CapturedOutput output) {
		this.contextRunner.withPropertyValues("cognito.client.base-url=http://localhost:" + server.getPort())
			.run((context) -> {
				RestClient restClient = context.getBean(RestClient.Builder.class).build();
				restClient.get().uri("http://localhost:" + server.getPort() + "/orders").retrieve().toBodilessEntity();
				// a webhook to a third party through the same builder
				restClient.post()
					.uri("http://127.0.0.1:" + server.getPort() + "/webhook")
					.body("event")
					.retrieve()
					.toBodilessEntity();
				server.verify(WireMock.getRequestedFor(WireMock.urlEqualTo("/orders"))
					.withHeader(HttpHeaders.AUTHORIZATION, WireMock.equalTo("Bearer defaults-token")));
				server.verify(WireMock.postRequestedFor(WireMock.urlEqualTo("/webhook"))
					.withoutHeader(HttpHeaders.AUTHORIZATION));
				TargetHostMatcher targetHosts = context.getBean(TargetHostMatcher.class);
				assertThat(targetHosts.matches(java.net.URI.create("http://localhost:" + (server.getPort() + 1))))
					.isFalse();
			});
		assertThat(output).doesNotContain(WARNING);
	}

	@Test
	void withNeitherEveryHostGetsTheTokenAndAWarningSaysHowToRestrictIt(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			TargetHostMatcher targetHosts = context.getBean(TargetHostMatcher.class);
			assertThat(targetHosts.matches(java.net.URI.create("https://hooks.example.net/x"))).isTrue();
			// never in clear text to a host that is not loopback
			assertThat(targetHosts.matches(java.net.URI.create("http://hooks.example.net/x"))).isFalse();
		});
		assertThat(output).containsOnlyOnce(WARNING).contains("Set cognito.client.target-hosts");
	}

	@Test
	void explicitTargetHostsWinAndNeedNoWarning(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("cognito.client.target-hosts=api.example.com",
					"cognito.client.base-url=https://other.example.com")
			.run((context) -> {
				TargetHostMatcher targetHosts = context.getBean(TargetHostMatcher.class);
				assertThat(targetHosts.matches(java.net.URI.create("https://api.example.com/x"))).isTrue();
				assertThat(targetHosts.matches(java.net.URI.create("https://other.example.com/x"))).isFalse();
			});
		assertThat(output).doesNotContain(WARNING);
	}

	@Test
	void aUserDefinedMatcherReplacesTheDefault() {
		this.contextRunner
			.withBean(TargetHostMatcher.class, () -> TargetHostMatcher.of(java.util.List.of("a.example.com")))
			.run((context) -> assertThat(
					context.getBean(TargetHostMatcher.class).matches(java.net.URI.create("https://a.example.com")))
				.isTrue());
	}

	@Configuration(proxyBeanMethods = false)
	static class FixedTokenConfiguration {

		@Bean
		CognitoTokenFetcher fixedTokenFetcher() {
			return () -> new CognitoAccessToken("defaults-token", Instant.now(),
					Instant.now().plus(Duration.ofHours(1)));
		}

	}

}
