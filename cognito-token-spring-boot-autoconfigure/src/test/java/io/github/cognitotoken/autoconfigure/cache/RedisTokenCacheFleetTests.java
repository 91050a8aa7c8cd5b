package io.github.cognitotoken.autoconfigure.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.MutableClock;
import io.github.cognitotoken.autoconfigure.CognitoTokenAutoConfiguration;
import io.github.cognitotoken.autoconfigure.CognitoTokenClockCustomizer;
import io.github.cognitotoken.cache.SharedTokenCache;
import io.github.cognitotoken.cache.redis.LocalRedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fleet of application contexts, each an instance of the same service with
 * {@code cognito.client.cache.type=redis}, sharing a real {@code redis-server} and a
 * WireMock token endpoint that answers after 300 ms with a new random token. Time moves
 * through a {@link MutableClock} that all instances share.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisTokenCacheFleetTests {

	private static final String SECRET = "fleet-secret-never-logged";

	private static final String UNAVAILABLE = "The shared Cognito token cache is unavailable";

	private static final String AVAILABLE_AGAIN = "The shared Cognito token cache is available again";

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static LocalRedisServer redis;

	private final MutableClock clock = MutableClock.startingAt("2026-05-01T09:00:00Z");

	private final List<ConfigurableApplicationContext> instances = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void startRedis() {
		redis = LocalRedisServer.startOrSkip();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.stop();
		}
	}

	@BeforeEach
	void prepare() {
		redis.start();
		redis.flushAll();
		cognito.stubFor(post("/oauth2/token").willReturn(okJson("{\"access_token\":\"fleet-"
				+ "{{randomValue length=32 type='ALPHANUMERIC'}}\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")
			.withTransformers("response-template")
			.withFixedDelay(300)));
	}

	@AfterEach
	void stopInstances() {
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void fleetStartingAtOnceSendsOneTokenRequest(CapturedOutput output) throws Exception {
		int size = 6;
		ExecutorService threads = Executors.newFixedThreadPool(size);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<ConfigurableApplicationContext>> starting = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				starting.add(threads.submit(() -> {
					go.await();
					return instance(SECRET);
				}));
			}
			go.countDown();
			for (Future<ConfigurableApplicationContext> instance : starting) {
				instance.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(tokenRequests()).isEqualTo(1);
		assertSameToken();
		assertThat(this.instances).allSatisfy(
				(instance) -> assertThat(instance.getBean(CognitoTokenManager.class).getAccessToken().getValue())
					.startsWith("fleet-"));
		assertThat(output).doesNotContain(SECRET).doesNotContain(token(0));
	}

	@Test
	void fleetSendsOneTokenRequestPerTokenLifetime() {
		for (int i = 0; i < 4; i++) {
			instance(SECRET);
		}
		assertThat(tokenRequests()).isEqualTo(1);
		for (int lifetime = 1; lifetime <= 3; lifetime++) {
			renewEverywhere();
			assertSameToken();
			assertThat(tokenRequests()).isEqualTo(1 + lifetime);
		}
		assertThat(this.instances).allSatisfy(
				(instance) -> assertThat(instance.getBean(SharedTokenCache.class).getStatistics().storeFailures())
					.isZero());
	}

	@Test
	void redisOutageFallsBackToLocalRequestsAndSharingResumesWhenItReturns(CapturedOutput output) {
		for (int i = 0; i < 3; i++) {
			instance(SECRET);
		}
		assertThat(tokenRequests()).isEqualTo(1);
		redis.stop();
		renewEverywhere();
		// every instance requested its own token, and keeps serving it
		assertThat(tokenRequests()).isEqualTo(4);
		for (int i = 0; i < 100; i++) {
			for (ConfigurableApplicationContext instance : this.instances) {
				CognitoAccessToken token = instance.getBean(CognitoTokenManager.class).getAccessToken();
				assertThat(token.getExpiresAt()).isAfter(this.clock.instant());
			}
		}
		assertThat(occurrences(output, UNAVAILABLE)).isEqualTo(3);
		assertThat(this.instances).allSatisfy(
				(instance) -> assertThat(instance.getBean(SharedTokenCache.class).isStoreAvailable()).isFalse());
		redis.start();
		await().atMost(Duration.ofSeconds(40)).until(this::everyInstanceReachesRedis);
		renewEverywhere();
		assertSameToken();
		assertThat(tokenRequests()).isEqualTo(5);
		assertThat(occurrences(output, UNAVAILABLE)).isEqualTo(3);
		assertThat(occurrences(output, AVAILABLE_AGAIN)).isEqualTo(3);
		assertThat(output).doesNotContain(SECRET);
	}

	@Test
	void entryWrittenWithAnotherClientSecretIsNotUsed(CapturedOutput output) {
		ConfigurableApplicationContext first = instance("first-secret");
		ConfigurableApplicationContext second = instance("second-secret");
		assertThat(tokenRequests()).isEqualTo(2);
		assertThat(token(second)).isNotEqualTo(token(first));
		assertThat(second.getBean(SharedTokenCache.class).getStatistics().unreadableEntries()).isPositive();
		assertThat(output)
			.contains("Ignoring the shared Cognito token entry: it cannot be used (authentication failed)")
			.doesNotContain("first-secret")
			.doesNotContain("second-secret")
			.doesNotContain(token(first))
			.doesNotContain(token(second));
	}

	@Test
	void modifiedEntryIsNotUsedAndIsReplacedByTheNextRequest() {
		ConfigurableApplicationContext first = instance(SECRET);
		StringRedisTemplate template = new StringRedisTemplate(first.getBean(RedisConnectionFactory.class));
		String key = first.getBean(SharedTokenCache.class).getKey().value();
		String entry = template.opsForValue().get(key);
		int middle = entry.length() / 2;
		String modified = entry.substring(0, middle) + ((entry.charAt(middle) == 'A') ? 'B' : 'A')
				+ entry.substring(middle + 1);
		template.opsForValue().set(key, modified, Duration.ofHours(1));
		ConfigurableApplicationContext second = instance(SECRET);
		assertThat(tokenRequests()).isEqualTo(2);
		assertThat(token(second)).isNotEqualTo(token(first));
		assertThat(second.getBean(SharedTokenCache.class).getStatistics().unreadableEntries()).isPositive();
		ConfigurableApplicationContext third = instance(SECRET);
		assertThat(token(third)).isEqualTo(token(second));
		assertThat(tokenRequests()).isEqualTo(2);
	}

	private void renewEverywhere() {
		List<String> before = new ArrayList<>();
		Instant latestIssue = Instant.EPOCH;
		for (ConfigurableApplicationContext instance : this.instances) {
			CognitoAccessToken token = instance.getBean(CognitoTokenManager.class).getAccessToken();
			before.add(token.getValue());
			latestIssue = token.getIssuedAt().isAfter(latestIssue) ? token.getIssuedAt() : latestIssue;
		}
		// past every instance's renewal time (55 minutes minus jitter), before expiry
		this.clock.set(latestIssue.plus(Duration.ofMinutes(56)));
		for (ConfigurableApplicationContext instance : this.instances) {
			instance.getBean(CognitoTokenManager.class).getAccessToken();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			for (int i = 0; i < this.instances.size(); i++) {
				if (token(i).equals(before.get(i))) {
					return false;
				}
			}
			return true;
		});
	}

	private boolean everyInstanceReachesRedis() {
		for (ConfigurableApplicationContext instance : this.instances) {
			try (RedisConnection connection = instance.getBean(RedisConnectionFactory.class).getConnection()) {
				connection.ping();
			}
			catch (RuntimeException ex) {
				return false;
			}
		}
		return true;
	}

	private void assertSameToken() {
		String value = token(0);
		for (int i = 1; i < this.instances.size(); i++) {
			assertThat(token(i)).as("token of instance %d", i).isEqualTo(value);
		}
	}

	private String token(int instance) {
		return token(this.instances.get(instance));
	}

	private static String token(ConfigurableApplicationContext instance) {
		return instance.getBean(CognitoTokenManager.class).getToken();
	}

	private static int tokenRequests() {
		return cognito.findAll(postRequestedFor(urlEqualTo("/oauth2/token"))).size();
	}

	private static int occurrences(CapturedOutput output, String text) {
		Matcher matcher = Pattern.compile(Pattern.quote(text)).matcher(output.getAll());
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	private ConfigurableApplicationContext instance(String secret) {
		// A plain context, as ApplicationContextRunner builds: SpringApplication would
		// initialize the logging system, which instances starting at once must not share
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		TestPropertyValues.of("cognito.client.client-id=fleet-client", "cognito.client.client-secret=" + secret,
				"cognito.client.token-endpoint=" + cognito.baseUrl() + "/oauth2/token",
				"cognito.client.scope=orders/read", "cognito.client.fail-fast=true", "cognito.client.cache.type=redis",
				// timeouts a busy machine never reaches: the outage is a stopped server
				"cognito.client.cache.timeout=5s", "cognito.client.cache.poll-interval=20ms",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
				"spring.data.redis.timeout=5s", "spring.data.redis.connect-timeout=5s")
			.applyTo(context);
		context.getBeanFactory().registerSingleton("testClock", new CognitoTokenClockCustomizer(this.clock));
		context.register(FleetInstance.class);
		context.refresh();
		this.instances.add(context);
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, CognitoTokenRedisCacheAutoConfiguration.class,
			CognitoTokenAutoConfiguration.class })
	static class FleetInstance {

	}

}
