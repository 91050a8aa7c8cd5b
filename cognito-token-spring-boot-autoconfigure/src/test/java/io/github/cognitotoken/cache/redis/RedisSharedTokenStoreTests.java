package io.github.cognitotoken.cache.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.MutableClock;
import io.github.cognitotoken.cache.SharedTokenCache;
import io.github.cognitotoken.cache.SharedTokenKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisSharedTokenStore} and the lock protocol of the shared cache
 * against a real {@code redis-server}. Lock times to live are real Redis time, so these
 * tests wait for them (about a second), bounded by Awaitility or by a lock wait far
 * longer than the lock's time to live.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisSharedTokenStoreTests {

	private static final String SECRET = "store-secret-never-logged";

	// far longer than the 1 s lock times to live: an instance that waits for it fails
	private static final Duration LONG_LOCK_WAIT = Duration.ofSeconds(60);

	private static LocalRedisServer redis;

	private static LettuceConnectionFactory connectionFactory;

	private final SharedTokenKey key = SharedTokenKey.of("cognito-token:", "https://auth.example.com/oauth2/token",
			"client-1", List.of("orders/read"));

	private RedisSharedTokenStore store;

	private StringRedisTemplate template;

	private final AtomicInteger tokenRequests = new AtomicInteger();

	// the lock entry when the endpoint was called
	private final AtomicReference<String> lockAtRequest = new AtomicReference<>();

	private final CountDownLatch release = new CountDownLatch(1);

	@BeforeAll
	static void startRedis() {
		redis = LocalRedisServer.startOrSkip();
		connectionFactory = redis.connectionFactory();
	}

	@AfterAll
	static void stopRedis() {
		if (connectionFactory != null) {
			connectionFactory.destroy();
		}
		if (redis != null) {
			redis.stop();
		}
	}

	@BeforeEach
	void flush() {
		redis.flushAll();
		this.store = new RedisSharedTokenStore(connectionFactory);
		this.template = new StringRedisTemplate(connectionFactory);
	}

	@AfterEach
	void releaseBlockedFetchers() {
		this.release.countDown();
	}

	@Test
	void entryExpiresWithItsTimeToLive() {
		this.store.put("k", "v", Duration.ofMinutes(59));
		assertThat(this.store.get("k")).isEqualTo("v");
		assertThat(this.template.getExpire("k", TimeUnit.SECONDS)).isBetween(3530L, 3540L);
		assertThat(this.store.get("missing")).isNull();
	}

	@Test
	void lockIsExclusiveAndReleasedOnlyByItsOwner() {
		assertThat(this.store.tryLock("lock", "owner-a", Duration.ofSeconds(30))).isTrue();
		assertThat(this.store.tryLock("lock", "owner-b", Duration.ofSeconds(30))).isFalse();
		this.store.unlock("lock", "owner-b");
		assertThat(this.template.opsForValue().get("lock")).isEqualTo("owner-a");
		assertThat(this.template.getExpire("lock", TimeUnit.MILLISECONDS)).isBetween(1L, 30_000L);
		this.store.unlock("lock", "owner-a");
		assertThat(this.template.hasKey("lock")).isFalse();
		assertThat(this.store.tryLock("lock", "owner-b", Duration.ofSeconds(30))).isTrue();
	}

	@Test
	void lockExpiresAfterItsTimeToLive() {
		assertThat(this.store.tryLock("lock", "owner-a", Duration.ofMillis(300))).isTrue();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.store.tryLock("lock", "owner-b", Duration.ofSeconds(30)));
	}

	@Test
	void lockLeftWithoutAWriterDelaysOthersAtMostItsTimeToLive() {
		this.template.opsForValue().set(this.key.lockKey(), "stopped-instance", Duration.ofSeconds(1));
		SharedTokenCache cache = cache(Duration.ofSeconds(1), LONG_LOCK_WAIT);
		long started = System.nanoTime();
		CognitoAccessToken token = cache.decorate(endpoint()).fetchToken();
		Duration waited = Duration.ofNanos(System.nanoTime() - started);
		assertThat(token.getValue()).isEqualTo("token-1");
		// it waited for the left lock to expire and requested the token holding its own
		assertThat(this.lockAtRequest.get()).isNotNull().isNotEqualTo("stopped-instance");
		assertThat(waited).isLessThan(LONG_LOCK_WAIT.dividedBy(2));
		assertThat(this.tokenRequests).hasValue(1);
		assertThat(this.template.hasKey(this.key.lockKey())).isFalse();
		cache.close();
	}

	@Test
	void lockHolderThatNeverReturnsIsTakenOverWhenItsLockExpires() throws Exception {
		CountDownLatch holding = new CountDownLatch(1);
		AtomicReference<String> stuckOwner = new AtomicReference<>();
		CognitoTokenFetcher hanging = () -> {
			stuckOwner.set(this.template.opsForValue().get(this.key.lockKey()));
			holding.countDown();
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			throw new IllegalStateException("stopped");
		};
		SharedTokenCache stuckInstance = cache(Duration.ofSeconds(1), Duration.ofSeconds(5));
		CompletableFuture.runAsync(() -> stuckInstance.decorate(hanging).fetchToken());
		assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(stuckOwner.get()).isNotNull();
		SharedTokenCache otherInstance = cache(Duration.ofSeconds(1), LONG_LOCK_WAIT);
		long started = System.nanoTime();
		CognitoAccessToken token = otherInstance.decorate(endpoint()).fetchToken();
		Duration waited = Duration.ofNanos(System.nanoTime() - started);
		assertThat(token.getValue()).isEqualTo("token-1");
		// taken over when the stuck lock expired, not at the end of the lock wait
		assertThat(this.lockAtRequest.get()).isNotNull().isNotEqualTo(stuckOwner.get());
		assertThat(waited).isLessThan(LONG_LOCK_WAIT.dividedBy(2));
		assertThat(this.tokenRequests).hasValue(1);
		SharedTokenCache laterInstance = cache(Duration.ofSeconds(1), Duration.ofSeconds(5));
		assertThat(laterInstance.decorate(endpoint()).fetchToken().getValue()).isEqualTo("token-1");
		assertThat(this.tokenRequests).hasValue(1);
		this.release.countDown();
		stuckInstance.close();
		otherInstance.close();
		laterInstance.close();
	}

	@Test
	void entryIsEncryptedAndLivesAsLongAsTheToken() {
		SharedTokenCache cache = cache(Duration.ofSeconds(20), Duration.ofSeconds(20));
		CognitoAccessToken token = cache.decorate(endpoint()).fetchToken();
		String entry = this.template.opsForValue().get(this.key.value());
		assertThat(entry).startsWith("v1.").doesNotContain(token.getValue());
		assertThat(this.template.getExpire(this.key.value(), TimeUnit.SECONDS)).isBetween(3590L, 3600L);
		assertThat(this.template.hasKey(this.key.lockKey())).isFalse();
		cache.close();
	}

	@Test
	void entryOf200MiBIsRejectedWithoutBeingTransferred(CapturedOutput output) {
		long size = 200L * 1024 * 1024;
		// SETRANGE builds the value inside Redis: the test never holds it either.
		// Allocating 200 MiB can take longer than the store's 500 ms command timeout on a
		// busy machine, so it goes through a connection that waits longer
		assertThat(redis.command(Duration.ofSeconds(60), "SETRANGE", this.key.value(), String.valueOf(size - 1), "x"))
			.isEqualTo(":" + size);
		assertThat(redis.command(Duration.ofSeconds(60), "SETRANGE", this.key.value(), "0", "v1."))
			.isEqualTo(":" + size);
		assertThat(this.template.opsForValue().size(this.key.value())).isEqualTo(size);
		String read = this.store.get(this.key.value(), SharedTokenCache.MAX_ENTRY_LENGTH);
		assertThat(read).hasSize(SharedTokenCache.MAX_ENTRY_LENGTH + 1).startsWith("v1.");
		SharedTokenCache cache = cache(Duration.ofSeconds(20), Duration.ofSeconds(20));
		assertThat(cache.decorate(endpoint()).fetchToken().getValue()).isEqualTo("token-1");
		// read before taking the lock and once more under it
		assertThat(cache.getStatistics().unreadableEntries()).isEqualTo(2);
		assertThat(output).contains("it cannot be used (larger than 16 KiB)");
		// replaced by the new token's entry
		assertThat(this.template.opsForValue().size(this.key.value())).isLessThan(SharedTokenCache.MAX_ENTRY_LENGTH);
		cache.close();
	}

	@Test
	void missingEntryIsReadAsNone() {
		assertThat(this.store.get("missing", SharedTokenCache.MAX_ENTRY_LENGTH)).isNullOrEmpty();
		this.store.put("k", "v1.short", Duration.ofMinutes(1));
		assertThat(this.store.get("k", SharedTokenCache.MAX_ENTRY_LENGTH)).isEqualTo("v1.short");
	}

	@Test
	void olderEntryWrittenBackIsNotUsed() {
		MutableClock clock = MutableClock.startingAt("2026-09-01T12:00:00Z");
		SharedTokenCache cache = SharedTokenCache.builder(this.store, this.key, SECRET)
			.clock(clock)
			.pollInterval(Duration.ofMillis(50))
			.build();
		CognitoTokenFetcher fetcher = cache.decorate(() -> {
			Instant now = clock.instant();
			return new CognitoAccessToken("token-" + this.tokenRequests.incrementAndGet(), now,
					now.plus(Duration.ofHours(1)));
		});
		assertThat(fetcher.fetchToken().getValue()).isEqualTo("token-1");
		String olderEntry = this.template.opsForValue().get(this.key.value());
		// ten minutes later an API rejects token-1: the instance renews it
		clock.advance(Duration.ofMinutes(10));
		assertThat(fetcher.fetchToken().getValue()).isEqualTo("token-2");
		// someone writes token-1's authentic, still valid entry back
		this.template.opsForValue().set(this.key.value(), olderEntry, Duration.ofMinutes(50));
		assertThat(fetcher.fetchToken().getValue()).isEqualTo("token-3");
		assertThat(cache.getStatistics().tokensFromStore()).isZero();
		cache.close();
	}

	@Test
	void lockWithoutAnExpiryIsGivenOneOnAFailedAcquire(CapturedOutput output) {
		this.template.opsForValue().set("lock", "set-by-hand");
		assertThat(this.template.getExpire("lock", TimeUnit.MILLISECONDS)).isEqualTo(-1);
		assertThat(this.store.tryLock("lock", "owner-a", Duration.ofSeconds(30))).isFalse();
		assertThat(this.template.getExpire("lock", TimeUnit.MILLISECONDS)).isBetween(1L, 30_000L);
		assertThat(this.template.opsForValue().get("lock")).isEqualTo("set-by-hand");
		assertThat(output).contains("The shared Cognito token cache's lock lock had no expiry");
		// a lock whose expiry was removed (PERSIST) is repaired the same way
		this.template.delete("lock");
		assertThat(this.store.tryLock("lock", "owner-a", Duration.ofSeconds(30))).isTrue();
		this.template.persist("lock");
		assertThat(this.store.tryLock("lock", "owner-b", Duration.ofSeconds(30))).isFalse();
		assertThat(this.template.getExpire("lock", TimeUnit.MILLISECONDS)).isBetween(1L, 30_000L);
	}

	@Test
	void lockLeftWithoutAnExpiryCostsOneLockWaitNotOnePerRenewal() {
		this.template.opsForValue().set(this.key.lockKey(), "set-by-hand");
		SharedTokenCache cache = cache(Duration.ofSeconds(1), Duration.ofSeconds(5));
		assertThat(cache.decorate(endpoint()).fetchToken().getValue()).isEqualTo("token-1");
		// the instance waited for the repaired lock to expire, took it and released it
		assertThat(this.template.hasKey(this.key.lockKey())).isFalse();
		assertThat(this.tokenRequests).hasValue(1);
		// the next renewal finds no lock left behind: it takes the lock at once
		assertThat(this.store.tryLock(this.key.lockKey(), "next-renewal", Duration.ofSeconds(1))).isTrue();
		cache.close();
	}

	private SharedTokenCache cache(Duration lockTtl, Duration lockWait) {
		return SharedTokenCache.builder(this.store, this.key, SECRET)
			.lockTtl(lockTtl)
			.lockWait(lockWait)
			.pollInterval(Duration.ofMillis(50))
			.timeout(Duration.ofSeconds(10))
			.build();
	}

	private CognitoTokenFetcher endpoint() {
		return () -> {
			this.lockAtRequest.set(this.template.opsForValue().get(this.key.lockKey()));
			int n = this.tokenRequests.incrementAndGet();
			Instant now = Clock.systemUTC().instant();
			return new CognitoAccessToken("token-" + n, now, now.plus(Duration.ofHours(1)));
		};
	}

}
