package io.github.cognitotoken.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.MutableClock;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.github.cognitotoken.http.CognitoBearerTokenInterceptor;
import io.github.cognitotoken.http.CognitoRestClientCustomizer;
import io.github.cognitotoken.http.CognitoRestTemplateCustomizer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CognitoTokenAutoConfiguration}.
 */
class CognitoTokenAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void stubTokenEndpoint() {
		cognito.stubFor(post("/oauth2/token")
			.willReturn(okJson("{\"access_token\":\"at-1\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		this.contextRunner = new ApplicationContextRunner().withConfiguration(
				AutoConfigurations.of(ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
						RestTemplateAutoConfiguration.class, CognitoTokenAutoConfiguration.class));
	}

	private ApplicationContextRunner withFourProperties() {
		return this.contextRunner.withPropertyValues("cognito.client.client-id=demo-client",
				"cognito.client.client-secret=demo-secret",
				"cognito.client.token-endpoint=" + cognito.baseUrl() + "/oauth2/token",
				"cognito.client.scope=orders/read");
	}

	@Test
	void fourPropertiesGiveTheTokenManagerAndTheHttpClientIntegration() {
		withFourProperties().run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(CognitoTokenManager.class)
				.hasSingleBean(TokenEndpointClient.class)
				.hasSingleBean(CognitoBearerTokenInterceptor.class)
				.hasSingleBean(CognitoRestClientCustomizer.class)
				.hasSingleBean(CognitoRestTemplateCustomizer.class)
				.hasSingleBean(RestClient.class);
			TokenEndpointClient client = context.getBean(TokenEndpointClient.class);
			assertThat(client.getRegistration().getScopes()).containsExactly("orders/read");
			assertThat(context.getBean(CognitoTokenManager.class).isRunning()).isTrue();
		});
	}

	@Test
	void restTemplateFromTheBuilderCarriesTheInterceptor() {
		withFourProperties().run((context) -> {
			RestTemplate restTemplate = context.getBean(RestTemplateBuilder.class).build();
			assertThat(restTemplate.getInterceptors())
				.containsExactly(context.getBean(CognitoBearerTokenInterceptor.class));
		});
	}

	@Test
	void nothingIsConfiguredWithoutAClientId() {
		this.contextRunner.withPropertyValues("cognito.client.client-secret=demo-secret")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CognitoTokenManager.class)
				.doesNotHaveBean(CognitoBearerTokenInterceptor.class)
				.doesNotHaveBean(RestClient.class));
	}

	@Test
	void nothingIsConfiguredWhenDisabled() {
		withFourProperties().withPropertyValues("cognito.client.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CognitoTokenManager.class)
				.doesNotHaveBean(CognitoClientProperties.class)
				.doesNotHaveBean(RestClient.class));
	}

	@Test
	void userDefinedBeansTakePrecedence() {
		withFourProperties().withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).getBean(CognitoTokenFetcher.class).isSameAs(context.getBean("userFetcher"));
			assertThat(context).doesNotHaveBean(TokenEndpointClient.class);
			assertThat(context).getBean(CognitoTokenManager.class).isSameAs(context.getBean("userTokenManager"));
			assertThat(context).getBean(CognitoBearerTokenInterceptor.class)
				.isSameAs(context.getBean("userInterceptor"));
			assertThat(context).getBean(CognitoRestClientCustomizer.class)
				.isSameAs(context.getBean("userRestClientCustomizer"));
			assertThat(context).getBean(CognitoRestTemplateCustomizer.class)
				.isSameAs(context.getBean("userRestTemplateCustomizer"));
			assertThat(context).getBean(RestClient.class).isSameAs(context.getBean("userRestClient"));
		});
	}

	@Test
	void clockCustomizerDrivesTheTokenManagerAndDatesTheTokens() {
		withFourProperties()
			.withBean(CognitoTokenClockCustomizer.class,
					() -> new CognitoTokenClockCustomizer(MutableClock.startingAt("2030-01-01T00:00:00Z")))
			.run((context) -> {
				CognitoTokenManager manager = context.getBean(CognitoTokenManager.class);
				assertThat(manager.getAccessToken().getExpiresAt()).isEqualTo(Instant.parse("2030-01-01T01:00:00Z"));
			});
	}

	@Test
	void businessClockBeanDoesNotDriveTokenTiming() {
		Clock businessClock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
		Instant before = Instant.now();
		withFourProperties().withBean("businessClock", Clock.class, () -> businessClock).run((context) -> {
			CognitoTokenManager manager = context.getBean(CognitoTokenManager.class);
			CognitoAccessToken token = manager.getAccessToken();
			// dated by the system clock: an hour from the request, not from 2030
			assertThat(token.getIssuedAt()).isBetween(before, Instant.now());
			assertThat(token.getExpiresAt()).isEqualTo(token.getIssuedAt().plusSeconds(3600));
			assertThat(manager.getStatus().tokenUsable()).isTrue();
		});
	}

	@Test
	void builderCustomizersAreAppliedInOrderAfterTheProperties() {
		withFourProperties().withUserConfiguration(OrderedCustomizers.class).run((context) -> {
			CognitoTokenManager manager = context.getBean(CognitoTokenManager.class);
			assertThat(manager.toString()).startsWith("CognitoTokenManager[second customizer,");
		});
	}

	@Test
	void restTemplateSupportIsAbsentWithoutItsClasses() {
		withFourProperties().withClassLoader(new FilteredClassLoader(RestTemplate.class)).run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(CognitoRestTemplateCustomizer.class)
				.hasSingleBean(CognitoRestClientCustomizer.class);
		});
	}

	@Test
	void missingClientIdValueNamesTheProperty() {
		this.contextRunner
			.withPropertyValues("cognito.client.client-id=", "cognito.client.client-secret=s",
					"cognito.client.token-endpoint=https://example.auth.eu-west-1.amazoncognito.com/oauth2/token")
			.run(failsWith("cognito.client.client-id", "'cognito.client.client-id' is empty",
					"Set cognito.client.client-id to the id of the Cognito app client"));
	}

	@Test
	void missingClientSecretNamesTheProperty() {
		this.contextRunner
			.withPropertyValues("cognito.client.client-id=demo-client",
					"cognito.client.token-endpoint=https://example.auth.eu-west-1.amazoncognito.com/oauth2/token")
			.run(failsWith("cognito.client.client-secret", "'cognito.client.client-secret' is not set",
					"Set cognito.client.client-secret to the secret of the app client"));
	}

	@Test
	void missingTokenEndpointNamesTheProperty() {
		this.contextRunner.withPropertyValues("cognito.client.client-id=demo-client", "cognito.client.client-secret=s")
			.run(failsWith("cognito.client.token-endpoint", "'cognito.client.token-endpoint' is not set",
					"https://<your-domain>.auth.<region>.amazoncognito.com/oauth2/token"));
	}

	@Test
	void relativeTokenEndpointIsRejected() {
		withTokenEndpoint("/oauth2/token").run(failsWith("cognito.client.token-endpoint",
				"is not an absolute URL ('/oauth2/token')", "Set cognito.client.token-endpoint"));
	}

	@Test
	void malformedTokenEndpointIsRejected() {
		withTokenEndpoint("https://exa mple.com/oauth2/token").run(failsWith("cognito.client.token-endpoint",
				"is not an absolute URL ('https://exa mple.com/oauth2/token')", "Set cognito.client.token-endpoint"));
	}

	@Test
	void tokenEndpointThatMayHoldACredentialIsNotEchoed() {
		withTokenEndpoint("my-client:hunter2@example.auth.eu-west-1.amazoncognito.com/oauth2/token").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidCognitoPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("cognito.client.token-endpoint")
				.contains("value not shown")
				.doesNotContain("hunter2");
		});
	}

	@Test
	void plainHttpTokenEndpointIsRejectedForRemoteHosts() {
		withTokenEndpoint("http://example.auth.eu-west-1.amazoncognito.com/oauth2/token")
			.run(failsWith("cognito.client.token-endpoint",
					"uses http for the non-local host 'example.auth.eu-west-1.amazoncognito.com'",
					"Use https in cognito.client.token-endpoint"));
	}

	@Test
	void plainHttpTokenEndpointIsAllowedForLoopbackHosts() {
		for (String host : new String[] { "localhost", "127.0.0.1", "[::1]" }) {
			withTokenEndpoint("http://" + host + ":1/oauth2/token")
				.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(CognitoTokenManager.class));
		}
	}

	@Test
	void unsupportedSchemeIsRejected() {
		withTokenEndpoint("ftp://example.com/oauth2/token")
			.run(failsWith("cognito.client.token-endpoint", "uses the unsupported scheme 'ftp'", "Set"));
	}

	@Test
	void nonPositiveTimeoutsAreRejected() {
		withFourProperties().withPropertyValues("cognito.client.read-timeout=0s")
			.run(failsWith("cognito.client.read-timeout", "must be positive (PT0S)",
					"Set cognito.client.read-timeout to a positive duration"));
		withFourProperties().withPropertyValues("cognito.client.connect-timeout=-1s")
			.run(failsWith("cognito.client.connect-timeout", "must be positive (PT-1S)",
					"Set cognito.client.connect-timeout to a positive duration"));
	}

	@Test
	void negativeClockSkewIsRejected() {
		withFourProperties().withPropertyValues("cognito.client.clock-skew=-5s")
			.run(failsWith("cognito.client.clock-skew", "is negative", "Set cognito.client.clock-skew"));
	}

	@Test
	void invalidTargetHostIsRejected() {
		withFourProperties().withPropertyValues("cognito.client.target-hosts=https://api.example.com/v1")
			.run(failsWith("cognito.client.target-hosts",
					"contains an invalid host 'https://api.example.com/v1': a target host cannot have a path: "
							+ "write https://api.example.com",
					"cognito.client.target-hosts"));
		withFourProperties().withPropertyValues("cognito.client.target-hosts=api.*.com")
			.run(failsWith("cognito.client.target-hosts", "a wildcard must be a leading '*.'",
					"cognito.client.target-hosts"));
		withFourProperties().withPropertyValues("cognito.client.target-hosts=*.co.uk")
			.run(failsWith("cognito.client.target-hosts", "*.co.uk covers a public suffix",
					"cognito.client.target-hosts"));
		withFourProperties().withPropertyValues("cognito.client.target-hosts=https://ops:pw@api.example.com")
			.run(failsWith("cognito.client.target-hosts", "(not shown: it contains '@')",
					"cognito.client.target-hosts"));
	}

	@Test
	void invalidBaseUrlIsRejected() {
		withFourProperties().withPropertyValues("cognito.client.base-url=api.example.com")
			.run(failsWith("cognito.client.base-url", "is not an absolute http or https URL ('api.example.com')",
					"Set cognito.client.base-url"));
	}

	@Test
	void invalidScopeIsRejected() {
		withFourProperties().withPropertyValues("cognito.client.scope=orders/read,\"orders\"")
			.run(failsWith("cognito.client.scope", "contains '\"orders\"', which is not a valid OAuth2 scope",
					"cognito.client.scope"));
	}

	@Test
	void spaceSeparatedScopesAreSplit() {
		withFourProperties().withPropertyValues("cognito.client.scope=orders/read orders/write,orders/read")
			.run((context) -> assertThat(context.getBean(TokenEndpointClient.class).getRegistration().getScopes())
				.containsExactly("orders/read", "orders/write"));
	}

	@Test
	void unknownAuthenticationMethodFailsBinding() {
		withFourProperties().withPropertyValues("cognito.client.client-authentication-method=private_key_jwt")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("private_key_jwt"));
	}

	@Test
	void clientSecretPostIsBoundFromItsOAuth2Name() {
		withFourProperties().withPropertyValues("cognito.client.client-authentication-method=client_secret_post")
			.run((context) -> assertThat(
					context.getBean(TokenEndpointClient.class).getRegistration().getAuthenticationMethod().getValue())
				.isEqualTo("client_secret_post"));
	}

	private ApplicationContextRunner withTokenEndpoint(String tokenEndpoint) {
		return this.contextRunner.withPropertyValues("cognito.client.client-id=demo-client",
				"cognito.client.client-secret=demo-secret", "cognito.client.token-endpoint=" + tokenEndpoint);
	}

	private static ContextConsumer<AssertableApplicationContext> failsWith(String property, String description,
			String action) {
		return (context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidCognitoPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).as("failure analysis").isNotNull();
			assertThat(analysis.getDescription()).contains(description).contains(property);
			assertThat(analysis.getAction()).contains(action);
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("demo-secret");
		};
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		CognitoTokenFetcher userFetcher() {
			return () -> new CognitoAccessToken("user-token", Instant.now(), Instant.now().plus(Duration.ofHours(1)));
		}

		@Bean
		CognitoTokenManager userTokenManager(CognitoTokenFetcher userFetcher) {
			return new CognitoTokenManager(userFetcher);
		}

		@Bean
		CognitoBearerTokenInterceptor userInterceptor(CognitoTokenManager userTokenManager) {
			return new CognitoBearerTokenInterceptor(userTokenManager);
		}

		@Bean
		CognitoRestClientCustomizer userRestClientCustomizer(CognitoBearerTokenInterceptor userInterceptor) {
			return new CognitoRestClientCustomizer(userInterceptor);
		}

		@Bean
		CognitoRestTemplateCustomizer userRestTemplateCustomizer(CognitoBearerTokenInterceptor userInterceptor) {
			return new CognitoRestTemplateCustomizer(userInterceptor);
		}

		@Bean
		RestClient userRestClient() {
			return RestClient.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizers {

		@Bean
		@Order(2)
		CognitoTokenManagerBuilderCustomizer secondCustomizer() {
			return (builder) -> builder.description("second customizer");
		}

		@Bean
		@Order(1)
		CognitoTokenManagerBuilderCustomizer firstCustomizer() {
			return (builder) -> builder.description("first customizer");
		}

	}

}
