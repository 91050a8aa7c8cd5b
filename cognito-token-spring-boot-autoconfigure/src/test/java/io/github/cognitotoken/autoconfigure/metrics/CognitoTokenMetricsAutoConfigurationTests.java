package io.github.cognitotoken.autoconfigure.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.MutableClock;
import io.github.cognitotoken.autoconfigure.CognitoClientProperties;
import io.github.cognitotoken.autoconfigure.CognitoTokenAutoConfiguration;
import io.github.cognitotoken.autoconfigure.CognitoTokenClockCustomizer;
import io.github.cognitotoken.cache.SharedTokenCache;
import io.github.cognitotoken.cache.SharedTokenKey;
import io.github.cognitotoken.cache.SharedTokenStore;
import io.github.cognitotoken.endpoint.CognitoTokenRequestObservationContext;
import io.github.cognitotoken.endpoint.CognitoTokenRequestObservationConvention;
import io.github.cognitotoken.endpoint.DefaultCognitoTokenRequestObservationConvention;
import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.metrics.CognitoTokenEndpointMetrics;
import io.github.cognitotoken.metrics.CognitoTokenMetrics;
import io.github.cognitotoken.metrics.SharedTokenCacheMetrics;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CognitoTokenMetricsAutoConfiguration} and for the
 * {@code cognito.token.requests} timer that Spring Boot's observation and metrics
 * auto-configuration derive from the token request observation.
 */
class CognitoTokenMetricsAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = MutableClock.startingAt("2026-07-01T09:00:00Z");

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void createContextRunner() {
		cognito.stubFor(post("/oauth2/token")
			.willReturn(okJson("{\"access_token\":\"metered-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					CognitoTokenAutoConfiguration.class, CognitoTokenMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(CognitoTokenClockCustomizer.class, () -> new CognitoTokenClockCustomizer(this.clock))
			.withPropertyValues("cognito.client.client-id=metered-client",
					"cognito.client.client-secret=metered-secret",
					"cognito.client.token-endpoint=" + cognito.baseUrl() + "/oauth2/token");
	}

	@Test
	void tokenRequestsAreTimedByOutcomeAndError() {
		this.contextRunner.run((context) -> {
			CognitoTokenManager manager = context.getBean(CognitoTokenManager.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			manager.getAccessToken();
			cognito.stubFor(post("/oauth2/token")
				.willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_client\"}")));
			manager.invalidate();
			assertThatExceptionOfType(CognitoTokenException.class).isThrownBy(manager::getAccessToken);
			Timer success = registry.get("cognito.token.requests")
				.tag("outcome", "success")
				.tag("error.type", "none")
				.timer();
			Timer failure = registry.get("cognito.token.requests")
				.tag("outcome", "failure")
				.tag("error.type", "invalid_client")
				.timer();
			assertThat(success.count()).isOne();
			assertThat(failure.count()).isOne();
			// Micrometer's DefaultMeterObservationHandler adds its own "error" tag: the
			// exception's class name, or "none"
			assertThat(failure.getId().getTag("error")).isEqualTo("CognitoTokenException");
			assertThat(success.getId().getTag("error")).isEqualTo("none");
			assertThat(registry.get("cognito.token.requests").timers()).hasSize(2);
		});
	}

	@Test
	void observationConventionBeanAddsATagToTheTimer() {
		this.contextRunner.withPropertyValues("cognito.client.scope=orders/read")
			.withBean(CognitoTokenRequestObservationConvention.class, ScopeConvention::new)
			.run((context) -> {
				context.getBean(CognitoTokenManager.class).getAccessToken();
				Timer timer = context.getBean(MeterRegistry.class)
					.get("cognito.token.requests")
					.tag("outcome", "success")
					.tag("error.type", "none")
					.tag("scope", "orders/read")
					.timer();
				assertThat(timer.count()).isOne();
			});
	}

	@Test
	void issuedCounterCountsTheSuccessfulTokenResponsesOfTheClient() {
		this.contextRunner.run((context) -> {
			CognitoTokenManager manager = context.getBean(CognitoTokenManager.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			manager.getAccessToken();
			manager.invalidate();
			manager.getAccessToken();
			cognito.stubFor(post("/oauth2/token")
				.willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_client\"}")));
			manager.invalidate();
			assertThatExceptionOfType(CognitoTokenException.class).isThrownBy(manager::getAccessToken);
			FunctionCounter issued = registry.get(CognitoTokenEndpointMetrics.ISSUED_METER_NAME)
				.tag("client", "default")
				.functionCounter();
			// billed: the two tokens, not the rejected request
			assertThat(issued.count()).isEqualTo(2);
			assertThat(issued.getId().getBaseUnit()).isEqualTo("tokens");
			assertThat(registry.get(CognitoTokenMetrics.EXPIRY_METER_NAME).tag("client", "default").gauge())
				.isNotNull();
			assertThat(manager.getStatus().requests().inPeriod()).isEqualTo(3);
		});
	}

	@Test
	void issuedCounterNeedsTheTokenEndpointClient() {
		this.contextRunner
			.withBean(CognitoTokenFetcher.class,
					() -> () -> new CognitoAccessToken("own", Instant.now(), Instant.now().plusSeconds(3600)))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(CognitoTokenMetrics.class);
				// the application's fetcher is no token endpoint client: nothing to count
				assertThat(context.getBean(MeterRegistry.class)
					.find(CognitoTokenEndpointMetrics.ISSUED_METER_NAME)
					.functionCounter()).isNull();
			});
	}

	static class ScopeConvention extends DefaultCognitoTokenRequestObservationConvention {

		@Override
		public KeyValues getLowCardinalityKeyValues(CognitoTokenRequestObservationContext context) {
			return super.getLowCardinalityKeyValues(context)
				.and(KeyValue.of("scope", String.join(" ", context.getScopes())));
		}

	}

	@Test
	void expiryGaugeShowsTheSecondsUntilTheTokenExpires() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CognitoTokenMetrics.class);
			CognitoTokenManager manager = context.getBean(CognitoTokenManager.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			manager.getAccessToken();
			assertThat(registry.get("cognito.token.expiry").gauge().value()).isEqualTo(3600.0);
			assertThat(registry.get("cognito.token.expiry").gauge().getId().getBaseUnit()).isEqualTo("seconds");
			this.clock.advance(Duration.ofMinutes(10));
			assertThat(registry.get("cognito.token.expiry").gauge().value()).isEqualTo(3000.0);
		});
	}

	@Test
	void expiryGaugeIsNotANumberWhileNoTokenIsHeld() {
		cognito.stubFor(post("/oauth2/token")
			.willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_client\"}")));
		this.contextRunner.run((context) -> {
			CognitoTokenManager manager = context.getBean(CognitoTokenManager.class);
			assertThatExceptionOfType(CognitoTokenException.class).isThrownBy(manager::getAccessToken);
			assertThat(context.getBean(MeterRegistry.class).get("cognito.token.expiry").gauge().value()).isNaN();
		});
	}

	@Test
	void sharedTokenCacheIsMeteredWhenThereIsOne() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SharedTokenCacheMetrics.class));
		this.contextRunner
			.withBean(SharedTokenCache.class,
					() -> SharedTokenCache
						.builder(new ConcurrentMapSharedTokenStore(),
								SharedTokenKey.of("test:", "https://example.com/oauth2/token", "c", List.of()), "s")
						.build())
			.run((context) -> {
				assertThat(context).hasSingleBean(SharedTokenCacheMetrics.class);
				assertThat(context.getBean(MeterRegistry.class).find("cognito.token.cache.store.available").gauge())
					.isNotNull();
			});
	}

	/**
	 * A store in a map, enough to build a cache.
	 */
	static class ConcurrentMapSharedTokenStore implements SharedTokenStore {

		private final java.util.Map<String, String> values = new java.util.concurrent.ConcurrentHashMap<>();

		@Override
		public @Nullable String get(String key) {
			return this.values.get(key);
		}

		@Override
		public void put(String key, String value, Duration timeToLive) {
			this.values.put(key, value);
		}

		@Override
		public boolean tryLock(String key, String owner, Duration timeToLive) {
			return this.values.putIfAbsent(key, owner) == null;
		}

		@Override
		public void unlock(String key, String owner) {
			this.values.remove(key, owner);
		}

	}

	@Test
	void noMeterBinderWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CognitoTokenMetrics.class));
	}

	@Test
	void noMeterBinderWithoutTheTokenManager() {
		this.contextRunner.withPropertyValues("cognito.client.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CognitoTokenMetrics.class));
	}

	@Test
	void userDefinedTokenManagerWithoutPropertiesIsMetered() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CognitoTokenAutoConfiguration.class, CognitoTokenMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean("userTokenManager", CognitoTokenManager.class, () -> CognitoTokenManager.builder(
					() -> new CognitoAccessToken("user-token", Instant.now(), Instant.now().plus(Duration.ofHours(1))))
				.build())
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(CognitoClientProperties.class)
					.hasSingleBean(CognitoTokenMetrics.class);
				context.getBean(CognitoTokenManager.class).getAccessToken();
				assertThat(context.getBean(MeterRegistry.class).get("cognito.token.expiry").gauge().value())
					.isPositive();
			});
	}

}
