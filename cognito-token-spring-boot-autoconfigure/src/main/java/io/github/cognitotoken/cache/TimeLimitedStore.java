package io.github.cognitotoken.cache;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.cognitotoken.CognitoTokenException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs the operations of a {@link SharedTokenStore} on threads of its own
 * ({@code cognito-token-cache-N}) and waits for each at most the timeout (the first one,
 * which usually opens the connection, at least {@link #FIRST_OPERATION_TIMEOUT}). A
 * failed or late operation is counted, logged once per outage, and thrown as a
 * {@link StoreUnavailableException}; the first one that succeeds again is logged too.
 *
 * @author cognito-token contributors
 */
final class TimeLimitedStore implements AutoCloseable {

	/**
	 * Longest time of the first store operation, which usually opens the connection.
	 */
	static final Duration FIRST_OPERATION_TIMEOUT = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(SharedTokenCache.class);

	private static final AtomicInteger threadCount = new AtomicInteger();

	private final long timeout;

	private final SharedTokenCacheCounters counters;

	private final ExecutorService executor = Executors.newCachedThreadPool(TimeLimitedStore::newThread);

	private final AtomicBoolean unavailable = new AtomicBoolean();

	private volatile boolean firstOperationDone;

	TimeLimitedStore(Duration timeout, SharedTokenCacheCounters counters) {
		this.timeout = timeout.toMillis();
		this.counters = counters;
	}

	boolean isAvailable() {
		return !this.unavailable.get();
	}

	/**
	 * Run an operation and wait for its result.
	 * @param <T> the type of the result
	 * @param operation the name of the operation, for log lines
	 * @param action the operation
	 * @return its result
	 * @throws StoreUnavailableException if it failed or took too long
	 */
	<T> @Nullable T call(String operation, Callable<@Nullable T> action) {
		Future<@Nullable T> future;
		try {
			future = this.executor.submit(action);
		}
		catch (RejectedExecutionException ex) {
			throw unavailable(operation, "the cache is closed", ex);
		}
		// the first operation may have to connect first
		long timeout = this.firstOperationDone ? this.timeout
				: Math.max(this.timeout, FIRST_OPERATION_TIMEOUT.toMillis());
		try {
			T result = future.get(timeout, TimeUnit.MILLISECONDS);
			this.firstOperationDone = true;
			available();
			return result;
		}
		catch (TimeoutException ex) {
			this.firstOperationDone = true;
			future.cancel(true);
			throw unavailable(operation, "no answer within " + Duration.ofMillis(timeout), ex);
		}
		catch (ExecutionException ex) {
			this.firstOperationDone = true;
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw unavailable(operation, describe(cause), cause);
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw interrupted(ex);
		}
	}

	private void available() {
		if (this.unavailable.get() && this.unavailable.compareAndSet(true, false)) {
			logger.info("The shared Cognito token cache is available again: instances share tokens again");
		}
	}

	private StoreUnavailableException unavailable(String operation, String reason, Throwable cause) {
		this.counters.storeFailure();
		if (this.unavailable.compareAndSet(false, true)) {
			logger.warn("The shared Cognito token cache is unavailable (" + operation + ": " + reason
					+ "); each instance requests its own tokens until it is back");
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Shared Cognito token cache operation '" + operation + "' failed", cause);
		}
		return new StoreUnavailableException();
	}

	private static String describe(Throwable failure) {
		StringBuilder description = new StringBuilder(failure.getClass().getSimpleName());
		Throwable cause = failure.getCause();
		while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		if (cause != null) {
			description.append(" caused by ").append(cause.getClass().getSimpleName());
		}
		return description.toString();
	}

	static CognitoTokenException interrupted(InterruptedException ex) {
		return CognitoTokenException.interrupted("Interrupted while waiting for the shared Cognito token cache", ex);
	}

	private static Thread newThread(Runnable runnable) {
		Thread thread = new Thread(runnable, "cognito-token-cache-" + threadCount.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	}

	/**
	 * Stop the threads. Later operations count as failures.
	 */
	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
