package io.github.cognitotoken.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.autoconfigure.cache.CognitoTokenRedisCacheAutoConfiguration;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.github.cognitotoken.cache.SharedTokenCache;
import io.github.cognitotoken.cache.SharedTokenKey;
import io.github.cognitotoken.cache.SharedTokenStore;
import io.github.cognitotoken.cache.redis.RedisSharedTokenStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CognitoTokenRedisCacheAutoConfiguration}. Behaviour against a running
 * Redis is tested in {@code RedisTokenCacheFleetTests}.
 */
class CognitoTokenRedisCacheAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void stubTokenEndpoint() {
		cognito.stubFor(post("/oauth2/token")
			.willReturn(okJson("{\"access_token\":\"at-1\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					CognitoTokenRedisCacheAutoConfiguration.class, CognitoTokenAutoConfiguration.class))
			.withPropertyValues("cognito.client.client-id=demo-client", "cognito.client.client-secret=demo-secret",
					"cognito.client.token-endpoint=" + cognito.baseUrl() + "/oauth2/token",
					"cognito.client.scope=orders/read", "cognito.client.fail-fast=true",
					"spring.data.redis.port=" + unusedPort(), "spring.data.redis.timeout=200ms",
					"spring.data.redis.connect-timeout=200ms");
	}

	@Test
	void memoryCacheIsTheDefaultAndNeedsNoRedis() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(SharedTokenCache.class)
				.doesNotHaveBean(SharedTokenStore.class);
			assertThat(context.getBean(CognitoTokenManager.class).getToken()).isEqualTo("at-1");
		});
	}

	@Test
	void redisCacheUsesSpringBootsRedisConnection() {
		this.contextRunner.withPropertyValues("cognito.client.cache.type=redis", "cognito.client.cache.timeout=200ms")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(SharedTokenCache.class)
					.hasSingleBean(RedisSharedTokenStore.class);
				SharedTokenCache cache = context.getBean(SharedTokenCache.class);
				assertThat(cache.getKey().value()).matches("cognito-token:[0-9a-f]{64}");
				// no Redis listens on the port: the token is fetched without the cache
				assertThat(context.getBean(CognitoTokenManager.class).getToken()).isEqualTo("at-1");
				assertThat(cache.getStatistics().storeFailures()).isPositive();
				assertThat(cache.getStatistics().tokensFetched()).isEqualTo(1);
			});
	}

	@Test
	void sharedKeyIsBuiltFromTheValuesTheTokenRequestUses() {
		this.contextRunner
			.withPropertyValues("cognito.client.cache.type=redis", "cognito.client.cache.timeout=200ms",
					"cognito.client.token-endpoint= " + cognito.baseUrl() + "/oauth2/token ",
					"cognito.client.scope= orders/write  orders/read orders/write")
			.run((context) -> {
				CognitoClientRegistration registration = context.getBean(TokenEndpointClient.class).getRegistration();
				assertThat(registration.getScopes()).containsExactly("orders/write", "orders/read");
				SharedTokenKey expected = SharedTokenKey.of("cognito-token:",
						registration.getTokenEndpoint().toString(), registration.getClientId(),
						registration.getScopes());
				assertThat(context.getBean(SharedTokenCache.class).getKey()).isEqualTo(expected);
			});
	}

	@Test
	void noSharedCacheWhenDisabled() {
		this.contextRunner.withPropertyValues("cognito.client.cache.type=redis", "cognito.client.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SharedTokenCache.class)
				.doesNotHaveBean(CognitoTokenManager.class));
	}

	@Test
	void typeIsCaseInsensitiveAndKeyPrefixIsConfigurable() {
		this.contextRunner
			.withPropertyValues("cognito.client.cache.type=REDIS", "cognito.client.cache.key-prefix=tokens:",
					"cognito.client.cache.timeout=200ms")
			.run((context) -> assertThat(context.getBean(SharedTokenCache.class).getKey().value())
				.startsWith("tokens:"));
	}

	@Test
	void userDefinedStoreIsUsed() {
		// a store timeout a busy machine does not reach: the test counts store failures
		this.contextRunner.withUserConfiguration(UserStore.class)
			.withPropertyValues("cognito.client.cache.type=redis", "cognito.client.cache.timeout=10s")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(RedisSharedTokenStore.class);
				assertThat(context.getBean(CognitoTokenManager.class).getToken()).isEqualTo("at-1");
				assertThat(context.getBean(SharedTokenCache.class).getStatistics().storeFailures()).isZero();
			});
	}

	@Test
	void redisWithoutSpringDataRedisFailsWithWhatToAdd() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("cognito.client.cache.type=redis")
			.run(failsWith("Spring Data Redis is not on the class path"));
	}

	@Test
	void redisWithoutConnectionFactoryFailsWithWhatToAdd() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CognitoTokenRedisCacheAutoConfiguration.class,
					CognitoTokenAutoConfiguration.class))
			.withPropertyValues("cognito.client.client-id=demo-client", "cognito.client.client-secret=demo-secret",
					"cognito.client.token-endpoint=" + cognito.baseUrl() + "/oauth2/token",
					"cognito.client.cache.type=redis")
			.run(failsWith("there is no RedisConnectionFactory bean"));
	}

	@Test
	void lockTtlMustOutliveATokenRequest() {
		this.contextRunner.withPropertyValues("cognito.client.cache.type=redis", "cognito.client.cache.lock-ttl=15s")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidCognitoPropertyFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("cognito.client.cache.lock-ttl")
					.contains("does not outlive a token request");
				assertThat(analysis.getAction()).contains("more than PT15S");
			});
	}

	@Test
	void invalidCacheSettingsNameTheProperty() {
		this.contextRunner.withPropertyValues("cognito.client.cache.poll-interval=0s")
			.run((context) -> assertThat(
					new InvalidCognitoPropertyFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
				.contains("cognito.client.cache.poll-interval"));
		this.contextRunner.withPropertyValues("cognito.client.cache.key-prefix=")
			.run((context) -> assertThat(
					new InvalidCognitoPropertyFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
				.contains("cognito.client.cache.key-prefix"));
	}

	private static ContextConsumer<AssertableApplicationContext> failsWith(String problem) {
		return (context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidCognitoPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).as("failure analysis").isNotNull();
			assertThat(analysis.getDescription()).contains("'cognito.client.cache.type' is redis").contains(problem);
			assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis")
				.contains("spring.data.redis.")
				.contains("cognito.client.cache.type=memory");
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("demo-secret");
		};
	}

	private static int unusedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStore {

		@Bean
		SharedTokenStore userTokenStore() {
			java.util.Map<String, String> values = new java.util.concurrent.ConcurrentHashMap<>();
			return new SharedTokenStore() {

				@Override
				public String get(String key) {
					return values.get(key);
				}

				@Override
				public void put(String key, String value, Duration timeToLive) {
					values.put(key, value);
				}

				@Override
				public boolean tryLock(String key, String owner, Duration timeToLive) {
					return values.putIfAbsent(key, owner) == null;
				}

				@Override
				public void unlock(String key, String owner) {
					values.remove(key, owner);
				}

			};
		}

	}

}
