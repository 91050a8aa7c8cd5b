package io.github.cognitotoken.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.cognitotoken.CognitoTokenManager;
import org.jspecify.annotations.Nullable;

/**
 * Stampede: N threads find the cached token expired at the same moment and all ask for a
 * token. A local token endpoint that answers after a fixed latency counts the token
 * requests each contender sends. For this library the clock jumps past the token's
 * expiry; for Spring Security an authorized client with an expired token is put into its
 * {@code InMemoryOAuth2AuthorizedClientService}. All threads are then released with one
 * latch.
 *
 * @author cognito-token contributors
 */
public final class StampedeHarness {

	/**
	 * Name of this library in results.
	 */
	public static final String COGNITO = "cognito-token";

	/**
	 * Name of Spring Security in results.
	 */
	public static final String SPRING_SECURITY = "Spring Security";

	private static final long READY_TIMEOUT_SECONDS = 30;

	private static final long DONE_TIMEOUT_SECONDS = 60;

	private StampedeHarness() {
	}

	/**
	 * Run the stampede for both contenders.
	 * @param threadCounts the numbers of threads
	 * @param repetitions how often each thread count is repeated
	 * @param endpointLatency how long the token endpoint takes to answer
	 * @return one result per contender and thread count
	 * @throws IOException if the token endpoint cannot be started
	 * @throws InterruptedException if interrupted
	 */
	public static List<Result> run(int[] threadCounts, int repetitions, Duration endpointLatency)
			throws IOException, InterruptedException {
		List<Result> results = new ArrayList<>();
		try (TokenEndpointStub endpoint = TokenEndpointStub.start(endpointLatency, Duration.ofHours(1))) {
			OffsetClock clock = new OffsetClock();
			CognitoTokenManager cognito = Contenders.cognitoTokenManager(endpoint.getTokenUri(), clock,
					CognitoTokenManager.DEFAULT_CLOCK_SKEW);
			try {
				cognito.getToken();
				for (int threads : threadCounts) {
					results.add(runRepeated(COGNITO, threads, repetitions, endpoint,
							() -> clock.advance(Duration.ofHours(2)), cognito::getToken));
				}
			}
			finally {
				cognito.stop();
			}
			Contenders.SpringSecurity springSecurity = Contenders.springSecurity(endpoint.getTokenUri(),
					Duration.ofSeconds(60));
			springSecurity.getToken();
			for (int threads : threadCounts) {
				results.add(runRepeated(SPRING_SECURITY, threads, repetitions, endpoint, springSecurity::expireToken,
						springSecurity::getToken));
			}
		}
		return results;
	}

	private static Result runRepeated(String library, int threads, int repetitions, TokenEndpointStub endpoint,
			Runnable expire, Supplier<String> getToken) throws InterruptedException {
		return runRepeated(library, threads, repetitions, endpoint, expire, (callers) -> runRound(callers, getToken));
	}

	/**
	 * Repeat a stampede: make the token expire, reset the endpoint's count, run a round.
	 * @param library the contender
	 * @param callers the number of concurrent callers
	 * @param repetitions how often to repeat
	 * @param endpoint the token endpoint
	 * @param expire makes the cached token expire
	 * @param round runs one round with the given number of callers
	 * @return the result of all repetitions
	 * @throws InterruptedException if interrupted
	 */
	static Result runRepeated(String library, int callers, int repetitions, TokenEndpointStub endpoint, Runnable expire,
			RoundRunner round) throws InterruptedException {
		int[] requests = new int[repetitions];
		double[] wallMillis = new double[repetitions];
		int failures = 0;
		@Nullable String failure = null;
		for (int i = 0; i < repetitions; i++) {
			expire.run();
			endpoint.resetRequestCount();
			Round result = round.run(callers);
			requests[i] = endpoint.getRequestCount();
			wallMillis[i] = result.wallNanos / 1e6;
			failures += result.failures;
			if (result.failure != null) {
				failure = result.failure;
			}
		}
		return new Result(library, callers, repetitions, Arrays.stream(requests).min().orElse(0),
				Arrays.stream(requests).max().orElse(0), requests, wallMillis, failures, failure);
	}

	private static Round runRound(int threads, Supplier<String> getToken) throws InterruptedException {
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(threads);
		AtomicInteger failures = new AtomicInteger();
		AtomicReference<@Nullable String> failure = new AtomicReference<>();
		for (int i = 0; i < threads; i++) {
			Thread thread = new Thread(() -> {
				try {
					ready.countDown();
					go.await();
					if (getToken.get().isEmpty()) {
						throw new IllegalStateException("Empty token");
					}
				}
				catch (Throwable ex) {
					failures.incrementAndGet();
					failure.set(ex.toString());
				}
				finally {
					done.countDown();
				}
			}, "stampede-" + i);
			thread.setDaemon(true);
			thread.start();
		}
		if (!ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			go.countDown();
			throw new IllegalStateException("Stampede threads did not start in time");
		}
		long start = System.nanoTime();
		go.countDown();
		boolean finished = done.await(DONE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		long wall = System.nanoTime() - start;
		if (!finished) {
			failures.addAndGet((int) done.getCount());
			failure.set("Timed out after " + DONE_TIMEOUT_SECONDS + " s");
		}
		return new Round(wall, failures.get(), failure.get());
	}

	/**
	 * Runs one round of a stampede.
	 */
	@FunctionalInterface
	interface RoundRunner {

		/**
		 * Release the callers and wait until every one has a token or failed.
		 * @param callers the number of concurrent callers
		 * @return the outcome
		 * @throws InterruptedException if interrupted
		 */
		Round run(int callers) throws InterruptedException;

	}

	/**
	 * The outcome of one round.
	 *
	 * @param wallNanos from the release until every caller has a token
	 * @param failures how many callers failed
	 * @param failure the last failure, if any
	 */
	record Round(long wallNanos, int failures, @Nullable String failure) {

	}

	/**
	 * The outcome of the repetitions of one contender and thread count.
	 *
	 * @param library the contender
	 * @param threads the number of concurrent callers: threads, or subscribers in the
	 * reactive stampede
	 * @param repetitions how many times the stampede was repeated
	 * @param minRequests the fewest token requests in one repetition
	 * @param maxRequests the most token requests in one repetition
	 * @param requests the token requests of each repetition
	 * @param wallMillis the wall time of each repetition, from release until every thread
	 * has a token
	 * @param failures how many calls failed
	 * @param failure the last failure, if any
	 */
	public record Result(String library, int threads, int repetitions, int minRequests, int maxRequests, int[] requests,
			double[] wallMillis, int failures, @Nullable String failure) {

		/**
		 * Return the shortest wall time.
		 * @return the minimum in milliseconds
		 */
		public double minWallMillis() {
			return Arrays.stream(this.wallMillis).min().orElse(0);
		}

		/**
		 * Return the median wall time.
		 * @return the median in milliseconds
		 */
		public double medianWallMillis() {
			double[] sorted = this.wallMillis.clone();
			Arrays.sort(sorted);
			return (sorted.length == 0) ? 0 : sorted[sorted.length / 2];
		}

		/**
		 * Return the longest wall time.
		 * @return the maximum in milliseconds
		 */
		public double maxWallMillis() {
			return Arrays.stream(this.wallMillis).max().orElse(0);
		}

	}

}
