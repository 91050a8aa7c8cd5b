package io.github.cognitotoken;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The background thread of a {@link CognitoTokenManager} ({@code cognito-token-N}) and
 * its one timer, the next renewal or retry. Replaced by a new thread when a token request
 * is stuck on it.
 * <p>
 * Not thread-safe: used under the monitor of {@link TokenAttempts}, except
 * {@link #isRunning()} and {@link #isCurrentThread()}.
 *
 * @author cognito-token contributors
 */
final class ManagerThread {

	private static final AtomicInteger threadCount = new AtomicInteger();

	private @Nullable ScheduledExecutorService scheduler;

	// the thread given up on while stuck in a fetcher, until it ends
	private @Nullable ScheduledExecutorService abandoned;

	private @Nullable ScheduledFuture<?> timer;

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	void start() {
		this.scheduler = newScheduler();
		this.running = true;
	}

	boolean isRunning() {
		return this.running;
	}

	boolean isCurrentThread() {
		return Thread.currentThread() == this.thread;
	}

	boolean hasScheduler() {
		return this.scheduler != null;
	}

	/**
	 * Run the task on the thread, or on a common pool thread when the thread cannot take
	 * it.
	 * @param task the task
	 * @return whether there was a thread to run it
	 */
	boolean execute(Runnable task) {
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler == null) {
			return false;
		}
		try {
			scheduler.execute(task);
		}
		catch (RuntimeException ex) {
			// the manager's thread cannot take it: never leave the task pending
			CompletableFuture.runAsync(task);
		}
		return true;
	}

	/**
	 * Replace the timer, while running.
	 * @param delayNanos the delay
	 * @param task what to run then
	 */
	void schedule(long delayNanos, Runnable task) {
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler == null || !this.running) {
			return;
		}
		ScheduledFuture<?> previous = this.timer;
		if (previous != null) {
			previous.cancel(false);
		}
		this.timer = scheduler.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
	}

	void timerFired() {
		this.timer = null;
	}

	/**
	 * Move later work to a new thread, when running.
	 * @return the scheduler of the stuck thread, to shut down, or {@code null}
	 */
	@Nullable ScheduledExecutorService replace() {
		ScheduledExecutorService stuck = this.scheduler;
		ScheduledExecutorService abandoned = this.abandoned;
		if (!this.running || stuck == null || (abandoned != null && !abandoned.isTerminated())) {
			// At most one thread is abandoned at a time: a fetcher that ignores
			// interrupts
			// must not cost a thread per attempt (later attempts wait behind the stuck
			// thread and time out instead)
			return null;
		}
		this.abandoned = stuck;
		this.scheduler = newScheduler();
		this.timer = null;
		return stuck;
	}

	/**
	 * Stop running.
	 * @return the scheduler to {@link #shutDown(ScheduledExecutorService) shut down}, or
	 * {@code null}
	 */
	@Nullable ScheduledExecutorService stop() {
		this.running = false;
		ScheduledExecutorService scheduler = this.scheduler;
		this.scheduler = null;
		this.timer = null;
		return scheduler;
	}

	static void shutDown(ScheduledExecutorService scheduler) {
		scheduler.shutdownNow();
		try {
			scheduler.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private ScheduledExecutorService newScheduler() {
		return Executors.newSingleThreadScheduledExecutor(this::newThread);
	}

	private Thread newThread(Runnable runnable) {
		Thread thread = new Thread(runnable, "cognito-token-" + threadCount.incrementAndGet());
		thread.setDaemon(true);
		this.thread = thread;
		return thread;
	}

}
