package io.github.cognitotoken.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The deadline of one token request: from the moment the request is executed, the
 * exchange (connect, send, status line, headers and body) must complete within the
 * deadline, or a watchdog thread aborts it through its {@link RequestAbort}. The request
 * thread also checks the deadline after each read of the body, and stops reading a body
 * larger than the limit; in both cases it aborts the exchange instead of closing the
 * response, because closing reads the rest of the body with some clients.
 * <p>
 * The watchdog is one daemon thread named {@code cognito-token-deadline}, shared by all
 * token requests, that ends when no deadline is pending.
 *
 * @author cognito-token contributors
 */
final class RequestDeadline {

	private static final Log logger = LogFactory.getLog(RequestDeadline.class);

	private static final AtomicInteger threadCount = new AtomicInteger();

	private static final ScheduledThreadPoolExecutor watchdog = createWatchdog();

	private final Duration deadline;

	RequestDeadline(Duration deadline) {
		this.deadline = deadline;
	}

	Duration getDeadline() {
		return this.deadline;
	}

	/**
	 * Start the deadline of a request that is about to be executed on the calling thread.
	 * @param request the request
	 * @return the exchange, to close when the request is done with
	 */
	Exchange start(ClientHttpRequest request) {
		return new Exchange(RequestAbort.of(request), this.deadline);
	}

	private static ScheduledThreadPoolExecutor createWatchdog() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "cognito-token-deadline-" + threadCount.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		executor.setKeepAliveTime(30, TimeUnit.SECONDS);
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/**
	 * One exchange under a deadline.
	 */
	static final class Exchange implements AutoCloseable {

		private static final int RUNNING = 0;

		private static final int EXPIRED = 1;

		private static final int ABORTED = 2;

		private static final int CLOSED = 3;

		private final RequestAbort abort;

		private final Thread requestThread = Thread.currentThread();

		private final long deadlineNanos;

		private final ScheduledFuture<?> timer;

		// Guarded by this
		private int state = RUNNING;

		// Guarded by this: set once the body is read
		private @Nullable InputStream body;

		// Guarded by this
		private boolean interrupted;

		// Guarded by this: the connection was aborted, by either thread
		private boolean aborted;

		Exchange(RequestAbort abort, Duration deadline) {
			this.abort = abort;
			this.deadlineNanos = System.nanoTime() + deadline.toNanos();
			this.timer = watchdog.schedule(this::expire, deadline.toNanos(), TimeUnit.NANOSECONDS);
		}

		/**
		 * Return whether the deadline passed and the exchange was aborted for it.
		 * @return whether the deadline expired
		 */
		synchronized boolean hasExpired() {
			return this.state == EXPIRED;
		}

		/**
		 * Read the body up to {@code limit + 1} bytes. A body read to its end is closed;
		 * one that is longer than the limit is aborted, never drained.
		 * @param response the response
		 * @param limit the largest body that is read
		 * @return the body, with {@code limit + 1} bytes when it is longer than the limit
		 * @throws IOException when reading fails or the deadline passes
		 */
		byte[] readBody(ClientHttpResponse response, int limit) throws IOException {
			InputStream in = response.getBody();
			synchronized (this) {
				this.body = in;
				if (this.state == EXPIRED) {
					abortOwnBody(in);
					throw expired();
				}
			}
			try {
				return read(response, in, limit);
			}
			catch (IOException | RuntimeException ex) {
				synchronized (this) {
					// a read that failed for another reason: never leave the connection
					// held
					if (this.state == RUNNING) {
						this.state = ABORTED;
						abortOwnBody(in);
					}
				}
				throw ex;
			}
		}

		private byte[] read(ClientHttpResponse response, InputStream in, int limit) throws IOException {
			byte[] buffer = new byte[limit + 1];
			int length = 0;
			while (length < buffer.length) {
				if (System.nanoTime() - this.deadlineNanos >= 0) {
					expireFromRequestThread(in);
				}
				int read = in.read(buffer, length, buffer.length - length);
				if (read < 0) {
					synchronized (this) {
						// a body closed by the deadline can look like its end
						if (this.state == EXPIRED) {
							throw expired();
						}
					}
					response.close();
					return Arrays.copyOf(buffer, length);
				}
				length += read;
			}
			synchronized (this) {
				if (this.state == RUNNING) {
					this.state = ABORTED;
					abortOwnBody(in);
				}
			}
			return buffer;
		}

		private void expireFromRequestThread(InputStream in) throws IOException {
			synchronized (this) {
				if (this.state == RUNNING) {
					this.state = EXPIRED;
				}
				abortOwnBody(in);
			}
			throw expired();
		}

		// Guarded by this
		private void abortOwnBody(InputStream in) {
			if (!this.aborted) {
				this.aborted = true;
				abortQuietly(() -> this.abort.abortOwnBody(in));
			}
		}

		private void expire() {
			synchronized (this) {
				if (this.state != RUNNING) {
					return;
				}
				this.state = EXPIRED;
				InputStream in = this.body;
				if (in != null) {
					abortQuietly(() -> this.aborted = this.abort.abortBody(in));
				}
				else {
					abortQuietly(() -> this.interrupted = this.abort.abortExchange(this.requestThread));
					this.aborted = true;
				}
			}
		}

		private static void abortQuietly(Runnable action) {
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				logger.debug("Aborting a token request past its deadline failed", ex);
			}
		}

		private static IOException expired() {
			return new InterruptedIOException("token request deadline passed");
		}

		/**
		 * End the deadline. When the watchdog interrupted the request thread, clear the
		 * interrupt: it was meant for the request, not for the caller.
		 */
		@Override
		public void close() {
			this.timer.cancel(false);
			boolean clearInterrupt;
			synchronized (this) {
				if (this.state == RUNNING) {
					this.state = CLOSED;
				}
				InputStream in = this.body;
				if (this.state == EXPIRED && in != null) {
					// past the deadline in a read the watchdog could not abort
					abortOwnBody(in);
				}
				clearInterrupt = this.interrupted;
				this.interrupted = false;
			}
			if (clearInterrupt) {
				Thread.interrupted();
			}
		}

	}

}
