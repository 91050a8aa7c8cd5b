package io.github.cognitotoken;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.cognitotoken.CognitoTokenException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CognitoTokenManager}.
 */
class CognitoTokenManagerTests {

	private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private CognitoTokenManager manager;

	@AfterEach
	void shutdown() {
		if (this.manager != null) {
			this.manager.stop();
		}
		this.threads.shutdownNow();
	}

	@Test
	void cachedTokenIsReusedForHundredsOfCalls() {
		CountingFetcher fetcher = new CountingFetcher(Duration.ofHours(1));
		this.manager = new CognitoTokenManager(fetcher, this.clock, Duration.ofSeconds(60), false);
		Set<String> tokens = ConcurrentHashMap.newKeySet();
		for (int i = 0; i < 500; i++) {
			tokens.add(this.manager.getToken());
			this.clock.advance(Duration.ofSeconds(1));
		}
		assertThat(fetcher.count()).isEqualTo(1);
		assertThat(tokens).containsExactly("token-1");
	}

	@Test
	void newTokenIsFetchedOnceTheClockReachesExpiryMinusSkew() {
		CountingFetcher fetcher = new CountingFetcher(Duration.ofHours(1));
		this.manager = new CognitoTokenManager(fetcher, this.clock, Duration.ofSeconds(60), false);
		assertThat(this.manager.getToken()).isEqualTo("token-1");
		this.clock.advance(Duration.ofMinutes(59).minusMillis(1));
		assertThat(this.manager.getToken()).isEqualTo("token-1");
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.manager.getToken()).isEqualTo("token-2");
		assertThat(this.manager.getToken()).isEqualTo("token-2");
		assertThat(fetcher.count()).isEqualTo(2);
	}

	@Test
	void skewLongerThanTheLifetimeStillReusesTheToken() {
		CountingFetcher fetcher = new CountingFetcher(Duration.ofSeconds(30));
		this.manager = new CognitoTokenManager(fetcher, this.clock, Duration.ofMinutes(5), false);
		for (int i = 0; i < 15; i++) {
			assertThat(this.manager.getToken()).isEqualTo("token-1");
			this.clock.advance(Duration.ofSeconds(1));
		}
		assertThat(this.manager.getToken()).isEqualTo("token-2");
		assertThat(fetcher.count()).isEqualTo(2);
	}

	@Test
	void concurrentCallersAtColdStartShareOneTokenRequest() throws Exception {
		int callers = 64;
		CountDownLatch allCalling = new CountDownLatch(callers);
		CountingFetcher fetcher = new CountingFetcher(Duration.ofHours(1), () -> await(allCalling));
		this.manager = new CognitoTokenManager(fetcher, this.clock, Duration.ofSeconds(60), false);
		List<Future<String>> results = new ArrayList<>();
		for (int i = 0; i < callers; i++) {
			results.add(this.threads.submit(() -> {
				allCalling.countDown();
				return this.manager.getToken();
			}));
		}
		for (Future<String> result : results) {
			assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("token-1");
		}
		assertThat(fetcher.count()).isEqualTo(1);
	}

	@Test
	void startFetchesTheFirstTokenWithoutBlockingAndEarlyCallersShareIt() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountingFetcher fetcher = new CountingFetcher(Duration.ofHours(1), () -> await(release));
		this.manager = new CognitoTokenManager(fetcher, this.clock, Duration.ofSeconds(60), false);
		this.manager.start();
		assertThat(this.manager.isRunning()).isTrue();
		assertThat(this.manager.getTokenExpiry()).isEmpty();
		Future<String> early = this.threads.submit(this.manager::getToken);
		Future<String> secondEarly = this.threads.submit(this.manager::getToken);
		fetcher.awaitStarted();
		release.countDown();
		assertThat(early.get(10, TimeUnit.SECONDS)).isEqualTo("token-1");
		assertThat(secondEarly.get(10, TimeUnit.SECONDS)).isEqualTo("token-1");
		assertThat(fetcher.count()).isEqualTo(1);
		assertThat(fetcher.threadNames()).allMatch((name) -> name.startsWith("cognito-token-"));
	}

	@Test
	void failFastStartWaitsForTheFirstToken() {
		CountingFetcher fetcher = new CountingFetcher(Duration.ofHours(1));
		this.manager = new CognitoTokenManager(fetcher, this.clock, Duration.ofSeconds(60), true);
		this.manager.start();
		assertThat(this.manager.getTokenExpiry()).contains(Instant.parse("2026-01-01T01:00:00Z"));
		assertThat(this.manager.getToken()).isEqualTo("token-1");
		assertThat(fetcher.count()).isEqualTo(1);
	}

	@Test
	void failFastStartThrowsWhenTheFirstTokenCannotBeObtained() {
		CognitoTokenException failure = invalidClient();
		this.manager = new CognitoTokenManager(() -> {
			throw failure;
		}, this.clock, Duration.ofSeconds(60), true);
		assertThatExceptionOfType(CognitoTokenException.class).isThrownBy(this.manager::start).isSameAs(failure);
		assertThat(this.manager.isRunning()).isFalse();
	}

	@Test
	void failureReachesEveryWaitingCallerAndTheNextAttemptWaitsForTheBackoff() throws Exception {
		AtomicInteger attempts = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		this.manager = CognitoTokenManager.builder(() -> {
			if (attempts.incrementAndGet() == 1) {
				started.countDown();
				await(release);
				throw invalidClient();
			}
			return token("token-2", Duration.ofHours(1));
		}).clock(this.clock).random(() -> 0).build();
		Future<String> first = this.threads.submit(this.manager::getToken);
		started.await(10, TimeUnit.SECONDS);
		FutureTask<String> second = new FutureTask<>(this.manager::getToken);
		Thread secondThread = new Thread(second);
		secondThread.start();
		awaitWaiting(secondThread);
		release.countDown();
		for (Future<String> result : List.of(first, second)) {
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> result.get(10, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOfSatisfying(CognitoTokenException.class,
						(ex) -> assertThat(ex.getErrorCode()).isEqualTo("invalid_client"));
		}
		assertThat(attempts).hasValue(1);
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.manager.getToken()).isEqualTo("token-2");
	}

	@Test
	void invalidateMakesTheNextCallFetchANewToken() {
		CountingFetcher fetcher = new CountingFetcher(Duration.ofHours(1));
		this.manager = new CognitoTokenManager(fetcher, this.clock, Duration.ofSeconds(60), false);
		assertThat(this.manager.getToken()).isEqualTo("token-1");
		this.manager.invalidate();
		assertThat(this.manager.getTokenExpiry()).isEmpty();
		assertThat(this.manager.getToken()).isEqualTo("token-2");
		assertThat(fetcher.count()).isEqualTo(2);
	}

	@Test
	void tokenExpiryIsReportedForDiagnostics() {
		this.manager = new CognitoTokenManager(new CountingFetcher(Duration.ofMinutes(5)), this.clock,
				Duration.ofSeconds(60), false);
		assertThat(this.manager.getTokenExpiry()).isEmpty();
		this.manager.getToken();
		assertThat(this.manager.getTokenExpiry()).contains(Instant.parse("2026-01-01T00:05:00Z"));
	}

	@Test
	void stoppedManagerCanBeStartedAgain() {
		CountingFetcher fetcher = new CountingFetcher(Duration.ofHours(1));
		this.manager = new CognitoTokenManager(fetcher, this.clock, Duration.ofSeconds(60), true);
		this.manager.start();
		this.manager.stop();
		assertThat(this.manager.isRunning()).isFalse();
		this.clock.advance(Duration.ofHours(2));
		this.manager.start();
		assertThat(this.manager.isRunning()).isTrue();
		assertThat(fetcher.count()).isEqualTo(2);
		assertThat(this.manager.getToken()).isEqualTo("token-2");
	}

	@Test
	void renewalIsScheduledRefreshAheadOfExpiryMinusJitter() {
		assertThat(renewalTime(Duration.ofHours(1), Duration.ofMinutes(5), 0))
			.isEqualTo(Instant.parse("2026-01-01T00:55:00Z"));
		// jitter is at most 30 s (or a tenth of the time until renewal)
		assertThat(renewalTime(Duration.ofHours(1), Duration.ofMinutes(5), 0.5))
			.isEqualTo(Instant.parse("2026-01-01T00:54:45Z"));
		// refresh-ahead is capped at half of the lifetime
		assertThat(renewalTime(Duration.ofMinutes(4), Duration.ofMinutes(5), 0))
			.isEqualTo(Instant.parse("2026-01-01T00:02:00Z"));
		// refresh-ahead shorter than the clock skew: renew at 90% of the usable time
		assertThat(renewalTime(Duration.ofMinutes(10), Duration.ofSeconds(10), 0))
			.isEqualTo(Instant.parse("2026-01-01T00:08:06Z"));
	}

	private Instant renewalTime(Duration lifetime, Duration refreshAhead, double random) {
		CognitoTokenManager manager = CognitoTokenManager.builder(new CountingFetcher(lifetime))
			.clock(this.clock)
			.refreshAhead(refreshAhead)
			.random(() -> random)
			.build();
		manager.getToken();
		return manager.getStatus().nextAttemptAt();
	}

	@Test
	void callersInsideTheRenewalWindowGetTheCurrentTokenAndCauseOneBackgroundRenewal() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		CountingFetcher fetcher = new CountingFetcher(Duration.ofHours(1), () -> {
			if (calls.incrementAndGet() > 1) {
				await(release);
			}
		});
		this.manager = CognitoTokenManager.builder(fetcher).clock(this.clock).random(() -> 0).failFast(true).build();
		this.manager.start();
		this.clock.advance(Duration.ofMinutes(56));
		List<Future<String>> results = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			results.add(this.threads.submit(this.manager::getToken));
		}
		for (Future<String> result : results) {
			assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("token-1");
		}
		assertThat(this.manager.getStatus().requestInProgress()).isTrue();
		release.countDown();
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.manager.getToken()).isEqualTo("token-2"));
		assertThat(fetcher.count()).isEqualTo(2);
		assertThat(fetcher.threadNames()).allMatch((name) -> name.startsWith("cognito-token-"));
	}

	@Test
	void stopReleasesCallersWaitingForABackgroundRequest() throws Exception {
		CountDownLatch never = new CountDownLatch(1);
		CountingFetcher fetcher = new CountingFetcher(Duration.ofHours(1), () -> await(never));
		this.manager = new CognitoTokenManager(fetcher, this.clock, Duration.ofSeconds(60), false);
		this.manager.start();
		fetcher.awaitStarted();
		FutureTask<String> waiting = new FutureTask<>(this.manager::getToken);
		Thread waitingThread = new Thread(waiting);
		waitingThread.start();
		awaitWaiting(waitingThread);
		this.manager.stop();
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> waiting.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(CognitoTokenException.class);
		assertThat(this.manager.getStatus().requestInProgress()).isFalse();
	}

	@Test
	void tokenIssuedLongAgoIsRenewedSoonButNotInALoop() {
		Instant now = this.clock.instant();
		AtomicInteger fetches = new AtomicInteger();
		this.manager = CognitoTokenManager.builder(() -> {
			fetches.incrementAndGet();
			return new CognitoAccessToken("old-token", now.minus(Duration.ofMinutes(58)),
					now.plus(Duration.ofMinutes(2)));
		}).clock(this.clock).random(() -> 0).failFast(true).build();
		this.manager.start();
		assertThat(this.manager.getToken()).isEqualTo("old-token");
		// usable for one more minute (60 s clock skew): renewal half way there, not at
		// once
		assertThat(this.manager.getStatus().nextAttemptAt()).isEqualTo(now.plusSeconds(30));
		assertThat(fetches).hasValue(1);
	}

	@Test
	void tokenThatIsUnusableOnArrivalIsAFailureWithBackoff() {
		Instant now = this.clock.instant();
		AtomicInteger fetches = new AtomicInteger();
		this.manager = CognitoTokenManager.builder(() -> {
			fetches.incrementAndGet();
			return new CognitoAccessToken("stale", now.minus(Duration.ofMinutes(59)), now.plusSeconds(30));
		}).clock(this.clock).random(() -> 0.5).build();
		for (int i = 0; i < 100; i++) {
			assertThatExceptionOfType(CognitoTokenException.class).isThrownBy(this.manager::getToken)
				.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(Kind.INVALID_RESPONSE))
				.withMessageContaining("too soon to be used");
		}
		assertThat(fetches).hasValue(1);
	}

	@Test
	void waitingCallersAreReleasedEvenWhenFailureAdviceThrows() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		this.manager = CognitoTokenManager.builder(() -> {
			started.countDown();
			await(release);
			throw invalidClient();
		}).clock(this.clock).failureAdvice((failure) -> {
			throw new IllegalStateException("broken advice");
		}).build();
		Future<String> owner = this.threads.submit(this.manager::getToken);
		started.await(10, TimeUnit.SECONDS);
		FutureTask<String> waiter = new FutureTask<>(this.manager::getToken);
		Thread waiterThread = new Thread(waiter);
		waiterThread.start();
		awaitWaiting(waiterThread);
		release.countDown();
		for (Future<String> call : List.of(owner, waiter)) {
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> call.get(10, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOfSatisfying(CognitoTokenException.class,
						(ex) -> assertThat(ex.getErrorCode()).isEqualTo("invalid_client"));
		}
		assertThat(this.manager.getStatus().requestInProgress()).isFalse();
	}

	@Test
	void continuationOnTheManagerThreadCanAskForATokenAgain() throws Exception {
		CountingFetcher fetcher = new CountingFetcher(Duration.ofHours(1));
		this.manager = CognitoTokenManager.builder(fetcher).clock(this.clock).build();
		this.manager.start();
		CompletableFuture<String> chained = this.manager.getAccessTokenAsync().thenApply((token) -> {
			this.manager.invalidate();
			return this.manager.getToken();
		});
		assertThat(chained.get(10, TimeUnit.SECONDS)).startsWith("token-");
	}

	@Test
	void interruptedCallerDoesNotCountAsAFailureOfTheEndpoint() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		AtomicInteger attempts = new AtomicInteger();
		this.manager = CognitoTokenManager.builder(() -> {
			if (attempts.incrementAndGet() == 1) {
				started.countDown();
				await(new CountDownLatch(1));
			}
			return token("token-" + attempts.get(), Duration.ofHours(1));
		}).clock(this.clock).build();
		Future<String> interrupted = this.threads.submit(this.manager::getToken);
		started.await(10, TimeUnit.SECONDS);
		interrupted.cancel(true);
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> !this.manager.getStatus().requestInProgress());
		assertThat(this.manager.getStatus().consecutiveFailures()).isZero();
		assertThat(this.manager.getToken()).isEqualTo("token-2");
	}

	@Test
	void rejectedTokenIsKeptWhileTheEndpointIsFailing() {
		AtomicInteger attempts = new AtomicInteger();
		this.manager = CognitoTokenManager.builder(() -> {
			if (attempts.incrementAndGet() > 1) {
				throw CognitoTokenException.httpError("503", 503, true, null);
			}
			return token("token-1", Duration.ofHours(1));
		}).clock(this.clock).random(() -> 0.5).failFast(true).build();
		this.manager.start();
		CognitoAccessToken token = this.manager.getAccessToken();
		this.clock.advance(Duration.ofMinutes(56));
		assertThat(this.manager.getToken()).isEqualTo("token-1");
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.manager.getStatus().consecutiveFailures() == 1);
		assertThat(this.manager.renewRejectedToken(token)).isNull();
		assertThat(this.manager.getAccessToken()).isSameAs(token);
		assertThat(attempts).hasValue(2);
	}

	@Test
	void toStringNeverShowsTheToken() {
		this.manager = new CognitoTokenManager(new CountingFetcher(Duration.ofHours(1)), this.clock,
				Duration.ofSeconds(60), false);
		CognitoAccessToken token = this.manager.getAccessToken();
		assertThat(this.manager.toString()).doesNotContain("token-1");
		assertThat(token.toString()).doesNotContain("token-1").contains("2026-01-01T01:00:00Z");
		assertThat(token.getAuthorizationHeaderValue()).isEqualTo("Bearer token-1");
	}

	private static CognitoTokenException invalidClient() {
		return CognitoTokenException.oauth2Error("rejected with invalid_client", "invalid_client", 400);
	}

	private CognitoAccessToken token(String value, Duration lifetime) {
		Instant now = this.clock.instant();
		return new CognitoAccessToken(value, now, now.plus(lifetime));
	}

	private static void awaitWaiting(Thread thread) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
			assertThat(System.nanoTime()).as("thread waiting for the shared fetch").isLessThan(deadline);
			Thread.onSpinWait();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Latch not released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private final class CountingFetcher implements CognitoTokenFetcher {

		private final AtomicInteger count = new AtomicInteger();

		private final Duration lifetime;

		private final Runnable beforeAnswer;

		private final CountDownLatch started = new CountDownLatch(1);

		private final Set<String> threadNames = ConcurrentHashMap.newKeySet();

		CountingFetcher(Duration lifetime) {
			this(lifetime, () -> {
			});
		}

		CountingFetcher(Duration lifetime, Runnable beforeAnswer) {
			this.lifetime = lifetime;
			this.beforeAnswer = beforeAnswer;
		}

		@Override
		public CognitoAccessToken fetchToken() {
			int n = this.count.incrementAndGet();
			this.threadNames.add(Thread.currentThread().getName());
			this.started.countDown();
			this.beforeAnswer.run();
			return token("token-" + n, this.lifetime);
		}

		int count() {
			return this.count.get();
		}

		Set<String> threadNames() {
			return this.threadNames;
		}

		void awaitStarted() {
			CognitoTokenManagerTests.await(this.started);
		}

	}

}
