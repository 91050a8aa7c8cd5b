package io.github.cognitotoken.autoconfigure.actuate;

import java.time.Duration;
import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.actuate.CognitoTokenHealthIndicator;
import io.github.cognitotoken.autoconfigure.CognitoClientProperties;
import io.github.cognitotoken.autoconfigure.CognitoTokenAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CognitoTokenHealthAutoConfiguration}, against a WireMock token
 * endpoint.
 */
class CognitoTokenHealthAutoConfigurationTests {

	private static final String CONTRIBUTOR = "cognitoTokenHealthContributor";

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class,
				CognitoTokenAutoConfiguration.class, CognitoTokenHealthAutoConfiguration.class))
		.withPropertyValues("cognito.client.client-id=health-client",
				"cognito.client.client-secret=health-secret-never-shown",
				"cognito.client.token-endpoint=" + cognito.baseUrl() + "/oauth2/token");

	@Test
	void healthIsRegisteredAsCognitoTokenAndUpOnceATokenIsHeld() {
		cognito.stubFor(post("/oauth2/token")
			.willReturn(okJson("{\"access_token\":\"health-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean(CONTRIBUTOR);
			HealthIndicator indicator = defaultClientHealth(context);
			context.getBean(CognitoTokenManager.class).getAccessToken();
			Health health = indicator.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKeys("tokenExpiresAt", "secondsUntilExpiry", "lastSuccessAt");
		});
	}

	@Test
	void healthIsDownWhileTheTokenEndpointFails() {
		cognito.stubFor(post("/oauth2/token")
			.willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_client\"}")));
		this.contextRunner.run((context) -> {
			HealthIndicator indicator = defaultClientHealth(context);
			// the manager fetches the first token in the background when the context
			// starts
			await().until(() -> indicator.health().getStatus(), Status.DOWN::equals);
			Health health = indicator.health(true);
			assertThat(health.getDetails()).containsEntry("lastError", "invalid_client")
				.containsEntry("consecutiveFailures", 1)
				.containsKey("nextAttemptAt");
			assertThat(health.toString()).doesNotContain("health-secret-never-shown");
			assertThat(indicator.health(false).getDetails()).isEmpty();
		});
	}

	@Test
	void canBeTurnedOffLikeBootsOwnIndicators() {
		this.contextRunner.withPropertyValues("management.health.cognitotoken.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CONTRIBUTOR));
	}

	@Test
	void followsTheDefaultOfAllIndicators() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CONTRIBUTOR));
	}

	@Test
	void absentWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CONTRIBUTOR));
	}

	@Test
	void absentWithoutTheTokenManager() {
		this.contextRunner.withPropertyValues("cognito.client.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CONTRIBUTOR));
	}

	@Test
	void userDefinedTokenManagerWithoutPropertiesIsChecked() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class,
					CognitoTokenAutoConfiguration.class, CognitoTokenHealthAutoConfiguration.class))
			.withBean("userTokenManager", CognitoTokenManager.class, () -> CognitoTokenManager.builder(
					() -> new CognitoAccessToken("user-token", Instant.now(), Instant.now().plus(Duration.ofHours(1))))
				.build())
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(CognitoClientProperties.class).hasBean(CONTRIBUTOR);
				context.getBean(CognitoTokenManager.class).getAccessToken();
				// a manager of the application's own is the indicator itself, not a
				// composite
				assertThat(context.getBean(HealthContributorRegistry.class).getContributor("cognitoToken"))
					.isInstanceOf(CognitoTokenHealthIndicator.class);
				assertThat(context.getBean(CONTRIBUTOR, CognitoTokenHealthIndicator.class).health().getStatus())
					.isEqualTo(Status.UP);
			});
	}

	@Test
	void noHealthIndicatorWithTwoTokenManagersAndNoPrimary() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class,
					CognitoTokenHealthAutoConfiguration.class))
			.withBean("firstTokenManager", CognitoTokenManager.class, () -> unusedManager())
			.withBean("secondTokenManager", CognitoTokenManager.class, () -> unusedManager())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CONTRIBUTOR));
	}

	/**
	 * The component of the default client in the {@code cognitoToken} composite.
	 */
	private static HealthIndicator defaultClientHealth(ApplicationContext context) {
		HealthContributor contributor = context.getBean(HealthContributorRegistry.class).getContributor("cognitoToken");
		assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
		HealthContributor component = ((CompositeHealthContributor) contributor).getContributor("default");
		assertThat(component).isInstanceOf(CognitoTokenHealthIndicator.class);
		return (HealthIndicator) component;
	}

	private static CognitoTokenManager unusedManager() {
		return CognitoTokenManager.builder(() -> {
			throw new IllegalStateException("not called");
		}).build();
	}

}
