package io.github.cognitotoken;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.cognitotoken.CognitoTokenException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link CognitoTokenManager}'s attempt timeout: callers that wait for a token
 * request stuck in a fetcher that never returns are released with {@link Kind#TIMEOUT}, a
 * fail-fast start too, and a new attempt follows the usual backoff.
 */
class AttemptTimeoutTests {

	private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private final MutableClock clock = MutableClock.startingAt("2026-05-01T08:00:00Z");

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final StuckOnceFetcher fetcher = new StuckOnceFetcher();

	private CognitoTokenManager manager;

	@AfterEach
	void cleanUp() {
		this.fetcher.release.countDown();
		this.threads.shutdownNow();
		if (this.manager != null) {
			this.manager.stop();
		}
	}

	@Test
	void callersWaitingForAStuckAttemptAreReleasedWithATimeoutAndTheNextAttemptFollowsTheBackoff() throws Exception {
		this.manager = manager(false);
		this.manager.start();
		assertThat(this.fetcher.stuck.await(GENEROUS.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		List<Future<CognitoTokenException>> callers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			callers.add(this.threads
				.submit(() -> catchThrowableOfType(CognitoTokenException.class, () -> this.manager.getToken())));
		}
		CompletableFuture<CognitoAccessToken> asyncCaller = this.manager.getAccessTokenAsync();
		for (Future<CognitoTokenException> caller : callers) {
			CognitoTokenException ex = caller.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(ex).as("the caller was released with a failure").isNotNull();
			assertThat(ex.getKind()).isEqualTo(Kind.TIMEOUT);
			assertThat(ex.isRetryable()).isTrue();
			assertThat(ex.getMessage()).contains("client stuc...", "did not complete within its deadline of 2000 ms");
		}
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> asyncCaller.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS))
			.havingCause()
			.isInstanceOfSatisfying(CognitoTokenException.class,
					(ex) -> assertThat(ex.getKind()).isEqualTo(Kind.TIMEOUT));
		CognitoTokenStatus status = this.manager.getStatus();
		assertThat(status.requestInProgress()).isFalse();
		assertThat(status.consecutiveFailures()).isOne();
		assertThat(status.lastFailure().getKind()).isEqualTo(Kind.TIMEOUT);
		// random 0.5 of the 1 s initial bound
		assertThat(status.nextAttemptAt()).isEqualTo(this.clock.instant().plusMillis(500));
		assertThat(this.fetcher.calls).hasValue(1);

		// inside the backoff slot: the failure, at once, and no new request
		assertThatExceptionOfType(CognitoTokenException.class).isThrownBy(this.manager::getToken)
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(Kind.TIMEOUT));
		assertThat(this.fetcher.calls).hasValue(1);

		// after it: a new attempt, although the first one is still stuck
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.manager.getToken()).isEqualTo("token-2");
		assertThat(this.fetcher.calls).hasValue(2);
		assertThat(this.manager.getStatus().consecutiveFailures()).isZero();
	}

	@Test
	void aFetcherThatHangsOnEveryCallCostsAtMostOneAbandonedThread() {
		CognitoTokenFetcher alwaysStuck = () -> {
			this.fetcher.calls.incrementAndGet();
			this.fetcher.awaitUninterruptibly();
			throw new IllegalStateException("released");
		};
		this.manager = CognitoTokenManager.builder(alwaysStuck)
			.clock(this.clock)
			.random(() -> 0.5)
			.description("client stuc...")
			.attemptTimeout(ATTEMPT_TIMEOUT)
			.build();
		Set<Thread> before = managerThreads();
		this.manager.start();
		for (int round = 1; round <= 4; round++) {
			assertThatExceptionOfType(CognitoTokenException.class).isThrownBy(this.manager::getToken)
				.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(Kind.TIMEOUT));
			// the failure is recorded right after the callers are released
			int failures = round;
			await().atMost(GENEROUS)
				.untilAsserted(() -> assertThat(this.manager.getStatus().consecutiveFailures()).isEqualTo(failures));
			// past any backoff slot, so the next call starts a new attempt
			this.clock.advance(Duration.ofMinutes(10));
		}
		Set<Thread> started = managerThreads();
		started.removeAll(before);
		// the stuck thread it gave up on, and the one that replaced it (stuck too)
		assertThat(started).hasSizeLessThanOrEqualTo(2);
		// the first thread was replaced; the second got stuck too and was kept, so later
		// attempts wait behind it and time out instead of costing a thread each
		assertThat(this.fetcher.calls).hasValue(2);
	}

	private static Set<Thread> managerThreads() {
		Set<Thread> threads = new HashSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.isAlive() && thread.getName().startsWith("cognito-token-")
					&& !thread.getName().startsWith("cognito-token-deadline")) {
				threads.add(thread);
			}
		}
		return threads;
	}

	@Test
	void failFastStartWaitsNoLongerThanTheAttemptTimeout() throws Exception {
		this.manager = manager(true);
		Future<CognitoTokenException> start = this.threads
			.submit(() -> catchThrowableOfType(CognitoTokenException.class, () -> this.manager.start()));
		CognitoTokenException ex = start.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(ex).as("the start failed").isNotNull();
		assertThat(ex.getKind()).isEqualTo(Kind.TIMEOUT);
		assertThat(this.manager.isRunning()).isFalse();
	}

	@Test
	void attemptThatCompletesBeforeTheTimeoutIsNotAffected() {
		this.fetcher.release.countDown();
		this.manager = manager(false);
		assertThat(this.manager.getToken()).isEqualTo("token-1");
		await().atMost(GENEROUS).during(ATTEMPT_TIMEOUT.plusSeconds(1)).untilAsserted(() -> {
			assertThat(this.manager.getStatus().lastFailure()).isNull();
			assertThat(this.manager.getToken()).isEqualTo("token-1");
		});
		assertThat(this.fetcher.calls).hasValue(1);
	}

	private CognitoTokenManager manager(boolean failFast) {
		return CognitoTokenManager.builder(this.fetcher)
			.clock(this.clock)
			.random(() -> 0.5)
			.description("client stuc...")
			.failFast(failFast)
			.attemptTimeout(ATTEMPT_TIMEOUT)
			.build();
	}

	/**
	 * The first call hangs, ignoring interrupts, until released; the next ones return a
	 * token at once.
	 */
	private final class StuckOnceFetcher implements CognitoTokenFetcher {

		final CountDownLatch release = new CountDownLatch(1);

		final CountDownLatch stuck = new CountDownLatch(1);

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public CognitoAccessToken fetchToken() {
			int call = this.calls.incrementAndGet();
			if (call == 1) {
				this.stuck.countDown();
				awaitUninterruptibly();
			}
			Instant now = AttemptTimeoutTests.this.clock.instant();
			return new CognitoAccessToken("token-" + call, now, now.plus(Duration.ofHours(1)));
		}

		private void awaitUninterruptibly() {
			boolean interrupted = false;
			while (true) {
				try {
					this.release.await();
					break;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
