package io.github.cognitotoken;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The token held by a {@link CognitoTokenManager} and the token requests that replace it:
 * at most one request at a time, which every caller that needs a token waits for (single
 * flight); run on the {@link ManagerThread} or by a caller; bounded by the attempt
 * timeout; its outcome recorded in the {@link TokenRequestHistory}, which says when the
 * next one may be sent, and scheduled on the manager's thread.
 * <p>
 * Thread-safe: its state, the history's and the thread's are guarded by one monitor.
 *
 * @author cognito-token contributors
 */
final class TokenAttempts {

	private final CognitoTokenFetcher fetcher;

	private final TokenRenewalPolicy renewalPolicy;

	private final ManagerTime time;

	private final DoubleSupplier random;

	private final CognitoTokenManagerLog log;

	// 0: callers wait for an attempt as long as it takes
	private final long attemptTimeout;

	private final Object monitor = new Object();

	private final TokenRequestHistory history;

	// Guarded by monitor
	private final TokenRequestBudget budget;

	// Guarded by monitor: credentialsChanged() calls, and the count when the attempt in
	// flight started
	private long credentialsGeneration;

	private long attemptGeneration;

	// Guarded by monitor: a request held back by the budget was logged since the last
	// request went out
	private boolean budgetSpentLogged;

	// Guarded by monitor: how long the last token was used before its renewal, in
	// nanoseconds, and its lifetime (0 and null before the first)
	private long lastRenewalInterval;

	private @Nullable Duration lastLifetime;

	private final ManagerThread thread = new ManagerThread();

	private volatile @Nullable CachedToken current;

	// Written under monitor; read without it on the renewal window's fast path
	private volatile @Nullable CompletableFuture<CachedToken> inFlight;

	// Guarded by monitor: an attempt handed to the thread that has not started yet
	private @Nullable CompletableFuture<CachedToken> submittedAttempt;

	// The attempt the manager's thread is running, if any
	private volatile @Nullable CompletableFuture<CachedToken> managerThreadAttempt;

	// Guarded by monitor: stop() was called and start() was not called since
	private boolean stopped;

	TokenAttempts(CognitoTokenFetcher fetcher, TokenRenewalPolicy renewalPolicy, ManagerTime time,
			DoubleSupplier random, TokenRequestHistory history, TokenRequestBudget budget, CognitoTokenManagerLog log,
			long attemptTimeout) {
		this.fetcher = fetcher;
		this.budget = budget;
		this.renewalPolicy = renewalPolicy;
		this.time = time;
		this.random = random;
		this.history = history;
		this.log = log;
		this.attemptTimeout = attemptTimeout;
	}

	@Nullable CachedToken current() {
		return this.current;
	}

	boolean isRunning() {
		return this.thread.isRunning();
	}

	long tick() {
		return this.time.tick();
	}

	/**
	 * Return a usable token, requesting one, or waiting for the request under way, when
	 * none is held.
	 * @return the token
	 */
	CognitoAccessToken obtain() {
		CompletableFuture<CachedToken> attempt;
		boolean owner = false;
		synchronized (this.monitor) {
			CachedToken cached = this.current;
			long now = this.time.tick();
			if (cached != null && cached.isUsable(now)) {
				return cached.token();
			}
			attempt = this.inFlight;
			boolean managerThread = this.thread.isCurrentThread();
			if (attempt == null) {
				if (!this.budget.hasRoom(now)) {
					throw budgetSpentLocked(now, cached);
				}
				CognitoTokenException backingOff = this.history.backingOff(now);
				if (backingOff != null) {
					throw backingOff;
				}
				attempt = startAttemptLocked();
				// on the manager's thread, an interrupted caller cannot fail it for all
				if (managerThread || !submitLocked(attempt)) {
					owner = true;
				}
			}
			else if (managerThread && attempt == this.submittedAttempt) {
				// called from a continuation on the manager's only thread: run the queued
				// attempt here instead of waiting for a thread that is busy with us
				this.submittedAttempt = null;
				owner = true;
			}
		}
		if (owner) {
			runAttempt(attempt);
		}
		return await(attempt).token();
	}

	/**
	 * Non-blocking variant of {@link #obtain()}: the request runs on the manager's
	 * thread, or on a common pool thread when the manager is not running.
	 * @return a future of the token
	 */
	CompletableFuture<CognitoAccessToken> obtainAsync() {
		CompletableFuture<CachedToken> attempt;
		synchronized (this.monitor) {
			CachedToken cached = this.current;
			long now = this.time.tick();
			if (cached != null && cached.isUsable(now)) {
				return CompletableFuture.completedFuture(cached.token());
			}
			attempt = this.inFlight;
			if (attempt == null) {
				if (!this.budget.hasRoom(now)) {
					return CompletableFuture.failedFuture(budgetSpentLocked(now, cached));
				}
				CognitoTokenException backingOff = this.history.backingOff(now);
				if (backingOff != null) {
					return CompletableFuture.failedFuture(backingOff);
				}
				attempt = startAttemptLocked();
				CompletableFuture<CachedToken> started = attempt;
				if (!submitLocked(started)) {
					CompletableFuture.runAsync(() -> runAttempt(started));
				}
			}
		}
		return attempt.thenApply(CachedToken::token);
	}

	/**
	 * Renew the token on the manager's thread when it runs, the renewal is due and none
	 * is under way.
	 * @param now the current reading
	 */
	void renewInBackground(long now) {
		if (!this.thread.isRunning() || !this.history.isNextAttemptDue(now) || this.inFlight != null) {
			return;
		}
		synchronized (this.monitor) {
			long tick = this.time.tick();
			if (!this.thread.hasScheduler() || this.inFlight != null || !this.history.isNextAttemptDue(tick)) {
				return;
			}
			if (!this.budget.hasRoom(tick)) {
				// keep the current token; the fast path waits for the refill
				deferLocked(tick);
				return;
			}
			submitLocked(startAttemptLocked());
		}
	}

	void invalidate() {
		synchronized (this.monitor) {
			this.current = null;
			this.history.setNextAttemptAt(this.time.tick());
		}
	}

	/**
	 * Forget a token that a resource server rejected, when it is still the current one
	 * and the forced renewal interval allows it.
	 * @param rejected the rejected token
	 * @return whether a different token may be asked for
	 */
	boolean forgetRejected(CognitoAccessToken rejected) {
		synchronized (this.monitor) {
			CachedToken cached = this.current;
			if (cached == null || cached.token() != rejected) {
				// a newer token exists or is on its way: never throw it away
				return true;
			}
			if (this.history.lastFailure() != null) {
				// the endpoint is failing: keep the only token there is, and do not
				// replay
				return false;
			}
			long now = this.time.tick();
			if (!this.budget.hasRoomForTwo(now)) {
				// keep the only token there is, and the room to renew it
				if (!this.budgetSpentLogged) {
					this.budgetSpentLogged = true;
					this.log.forcedRenewalOverBudget(this.budget.maxRequests(), this.budget.period());
				}
				return false;
			}
			if (!this.history.tryForcedRenewal(now)) {
				return false;
			}
			this.current = null;
		}
		this.log.rejected();
		return true;
	}

	CognitoTokenStatus status() {
		synchronized (this.monitor) {
			long now = this.time.tick();
			TokenRequestBudget budget = this.budget;
			CognitoTokenStatus.Requests requests = new CognitoTokenStatus.Requests(budget.requestsInPeriod(now),
					budget.period(), budget.maxRequests(),
					budget.hasRoom(now) ? null : this.time.wallTime(budget.refillsAt(now), now));
			return this.history.status(this.current, now, this.time, this.inFlight != null, requests);
		}
	}

	/**
	 * Take note that the fetcher's credentials changed: a failure that only a
	 * configuration change can fix is retried at once (within the budget), and a token
	 * request under way that fails so is retried at once too. A usable token stays in
	 * use.
	 */
	void credentialsChanged() {
		synchronized (this.monitor) {
			this.credentialsGeneration++;
			CognitoTokenException failure = this.history.lastFailure();
			if (failure == null || failure.isRetryable() || this.inFlight != null) {
				return;
			}
			long now = this.time.tick();
			this.history.setNextAttemptAt(now);
			this.log.credentialsChanged(failure);
			if (!this.thread.hasScheduler()) {
				// the next caller sends the request
				return;
			}
			if (!this.budget.hasRoom(now)) {
				deferLocked(now);
				return;
			}
			submitLocked(startAttemptLocked());
		}
	}

	/**
	 * Start the manager's thread and, unless a token that is not due for renewal is held,
	 * a token request on it.
	 * @return the request under way, or {@code null} when there is none or the manager
	 * was running already
	 */
	@Nullable CompletableFuture<CachedToken> start() {
		synchronized (this.monitor) {
			if (this.thread.isRunning()) {
				return null;
			}
			this.thread.start();
			this.stopped = false;
			CompletableFuture<CachedToken> attempt = this.inFlight;
			CachedToken cached = this.current;
			long now = this.time.tick();
			if (attempt == null && (cached == null || cached.isDueForRenewal(now)) && !this.budget.hasRoom(now)) {
				deferLocked(now);
			}
			else if (attempt == null && (cached == null || cached.isDueForRenewal(now))) {
				attempt = startAttemptLocked();
				submitLocked(attempt);
			}
			else if (attempt == null) {
				scheduleLocked(this.history.nextAttemptAt());
			}
			return attempt;
		}
	}

	void stop() {
		ScheduledExecutorService scheduler;
		synchronized (this.monitor) {
			this.stopped = true;
			scheduler = this.thread.stop();
		}
		if (scheduler == null) {
			return;
		}
		ManagerThread.shutDown(scheduler);
		CompletableFuture<CachedToken> abandoned;
		synchronized (this.monitor) {
			abandoned = this.submittedAttempt;
			this.submittedAttempt = null;
			if (abandoned != null && this.inFlight == abandoned) {
				this.inFlight = null;
			}
		}
		if (abandoned != null) {
			// submitted to the background thread but never started: release its waiters
			abandoned.completeExceptionally(CognitoTokenException
				.interrupted("The Cognito token manager stopped before the token request started", null));
		}
	}

	private void onTimer() {
		CompletableFuture<CachedToken> attempt;
		synchronized (this.monitor) {
			this.thread.timerFired();
			if (!this.thread.isRunning() || this.inFlight != null) {
				return;
			}
			long now = this.time.tick();
			if (!this.history.isNextAttemptDue(now)) {
				scheduleLocked(this.history.nextAttemptAt());
				return;
			}
			if (!this.budget.hasRoom(now)) {
				logBudgetSpentLocked(now, this.current);
				deferLocked(now);
				return;
			}
			attempt = startAttemptLocked();
		}
		runAttempt(attempt);
	}

	private void scheduleLocked(long at) {
		this.thread.schedule(at - this.time.tick(), this::onTimer);
	}

	/**
	 * Put the next attempt off until the budget refills.
	 * @param now the current reading
	 */
	private void deferLocked(long now) {
		long refill = this.budget.refillsAt(now);
		if (refill - this.history.nextAttemptAt() > 0) {
			this.history.setNextAttemptAt(refill);
		}
		scheduleLocked(this.history.nextAttemptAt());
	}

	private CognitoTokenException budgetSpentLocked(long now, @Nullable CachedToken cached) {
		logBudgetSpentLocked(now, cached);
		long refill = this.budget.refillsAt(now);
		Duration refillsIn = Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(refill - now) + 1);
		return CognitoTokenException.budgetSpent("The token request budget of " + this.log.description() + " ("
				+ this.budget.maxRequests() + " requests per " + this.budget.period()
				+ ") is spent: no token request is sent until it refills at " + this.time.wallTime(refill, now)
				+ " (in " + refillsIn + ")", refillsIn);
	}

	private void logBudgetSpentLocked(long now, @Nullable CachedToken cached) {
		if (!this.budgetSpentLogged) {
			this.budgetSpentLogged = true;
			this.log.budgetSpent(this.budget.maxRequests(), this.budget.period(), this.budget.refillsAt(now), cached,
					now, this.time);
		}
	}

	private boolean submitLocked(CompletableFuture<CachedToken> attempt) {
		if (!this.thread.hasScheduler()) {
			return false;
		}
		this.submittedAttempt = attempt;
		return this.thread.execute(() -> {
			if (claim(attempt)) {
				runAttempt(attempt);
			}
		});
	}

	private boolean claim(CompletableFuture<CachedToken> attempt) {
		synchronized (this.monitor) {
			if (this.submittedAttempt != attempt) {
				return false;
			}
			this.submittedAttempt = null;
			return true;
		}
	}

	private CompletableFuture<CachedToken> startAttemptLocked() {
		long now = this.time.tick();
		Assert.state(this.budget.hasRoom(now), "A token request must fit in the budget");
		recordRequestLocked(now);
		this.attemptGeneration = this.credentialsGeneration;
		CompletableFuture<CachedToken> attempt = new CompletableFuture<>();
		this.inFlight = attempt;
		if (this.attemptTimeout > 0) {
			// not on the manager's thread, which may be the one that is stuck, and not on
			// the JDK's shared delay thread either, since the callers' continuations run
			// where the attempt completes
			CompletableFuture.delayedExecutor(this.attemptTimeout, TimeUnit.MILLISECONDS)
				.execute(() -> expire(attempt));
		}
		return attempt;
	}

	private void recordRequestLocked(long now) {
		this.budget.recordRequest(now);
		this.budgetSpentLogged = false;
		Duration lifetime = this.lastLifetime;
		if (lifetime != null) {
			// judged on the last token, also when a forced renewal has just dropped it
			Integer excessive = this.budget.excessiveRequests(now, this.lastRenewalInterval);
			if (excessive != null) {
				this.log.excessiveRequests(excessive, this.budget.failuresInPeriod(now), this.budget.period(),
						this.budget.explainedRequests(this.lastRenewalInterval), lifetime);
			}
		}
	}

	/**
	 * Fetch a token; when the fetch fails with a failure that retrying cannot fix and the
	 * fetcher switches to other credentials, fetch once more right away, within the
	 * budget.
	 * @return the token
	 */
	private CognitoAccessToken fetch() {
		try {
			return this.fetcher.fetchToken();
		}
		catch (CognitoTokenException ex) {
			if (ex.isRetryable() || !this.fetcher.switchCredentials(ex)) {
				throw ex;
			}
			synchronized (this.monitor) {
				long now = this.time.tick();
				this.budget.recordFailure(now);
				if (!this.budget.hasRoom(now)) {
					throw ex;
				}
				recordRequestLocked(now);
			}
			this.log.switchedCredentials(ex);
			return this.fetcher.fetchToken();
		}
	}

	private void expire(CompletableFuture<CachedToken> attempt) {
		if (attempt.isDone()) {
			return;
		}
		CognitoTokenException timeout = CognitoTokenException.timeout(
				"The Cognito token request for " + this.log.description() + " did not complete within its deadline of "
						+ this.attemptTimeout + " ms; callers stopped waiting for it",
				null);
		// Everything happens before the callers are released, so that what they do next
		// (read the status, ask again) sees the failure and the new thread
		ScheduledExecutorService stuck = null;
		synchronized (this.monitor) {
			if (this.inFlight != attempt) {
				return;
			}
			if (this.submittedAttempt == attempt) {
				// never started: it must not start now
				this.submittedAttempt = null;
			}
			if (this.managerThreadAttempt == attempt) {
				// the manager's only thread is stuck in the fetcher: later attempts and
				// renewals get a new thread, and the stuck one is interrupted (at most
				// one
				// thread is abandoned at a time, see ManagerThread#replace)
				stuck = this.thread.replace();
			}
		}
		if (recordFailure(attempt, timeout, true)) {
			attempt.completeExceptionally(timeout);
		}
		if (stuck != null) {
			stuck.shutdownNow();
		}
	}

	private void runAttempt(CompletableFuture<CachedToken> attempt) {
		CachedToken cached = null;
		CognitoTokenException failure = null;
		Error error = null;
		boolean onManagerThread = this.thread.isCurrentThread();
		if (onManagerThread) {
			this.managerThreadAttempt = attempt;
		}
		try {
			cached = cache(fetch());
		}
		catch (CognitoTokenException ex) {
			failure = ex;
		}
		catch (RuntimeException | Error ex) {
			failure = CognitoTokenException
				.unexpected("Fetching a Cognito access token failed unexpectedly with " + ex.getClass().getName(), ex);
			error = (ex instanceof Error e) ? e : null;
		}
		finally {
			if (onManagerThread) {
				synchronized (this.monitor) {
					// a thread that was abandoned while stuck must not clear the attempt
					// of the thread that replaced it
					if (this.managerThreadAttempt == attempt) {
						this.managerThreadAttempt = null;
					}
				}
			}
		}
		try {
			if (failure == null) {
				Assert.state(cached != null, "A token request that did not fail must have a token");
				recordSuccess(attempt, cached);
			}
			else if (Thread.currentThread().isInterrupted() && !this.thread.isCurrentThread()) {
				// the caller that ran the request was interrupted: not the endpoint's
				// fault
				forget(attempt);
				failure = CognitoTokenException.interrupted("Interrupted while requesting a Cognito access token",
						failure);
			}
			else {
				recordFailure(attempt, failure, false);
			}
		}
		catch (RuntimeException ex) {
			forget(attempt);
			this.log.recordingFailed(ex);
		}
		finally {
			if (failure == null) {
				attempt.complete(cached);
			}
			else {
				attempt.completeExceptionally(failure);
			}
		}
		if (error != null) {
			throw error;
		}
	}

	private CachedToken cache(CognitoAccessToken token) {
		CachedToken cached = CachedToken.of(token, this.renewalPolicy, this.time, this.random.getAsDouble(),
				this.log.description());
		this.log.received(token, TimeUnit.NANOSECONDS.toMillis(cached.refreshAt() - cached.receivedAt()));
		return cached;
	}

	private void forget(CompletableFuture<CachedToken> attempt) {
		synchronized (this.monitor) {
			if (this.inFlight == attempt) {
				this.inFlight = null;
			}
		}
	}

	private void recordSuccess(CompletableFuture<CachedToken> attempt, CachedToken cached) {
		int failures;
		boolean first;
		boolean budgetTooSmall;
		synchronized (this.monitor) {
			first = !this.history.hasSucceeded();
			budgetTooSmall = this.budget.hasCeiling() && this.budget
				.explainedRequests(cached.refreshAt() - cached.receivedAt()) > this.budget.maxRequests();
			failures = this.history.succeeded(cached);
			this.lastRenewalInterval = cached.refreshAt() - cached.receivedAt();
			this.lastLifetime = cached.token().getLifetime();
			this.current = cached;
			if (this.inFlight == attempt) {
				this.inFlight = null;
			}
			scheduleLocked(cached.refreshAt());
		}
		this.log.obtained(cached, failures, first, this.time);
		if (budgetTooSmall) {
			this.log.budgetTooSmall(this.budget.maxRequests(), this.budget.period(),
					this.budget.explainedRequests(cached.refreshAt() - cached.receivedAt()), cached);
		}
	}

	private boolean recordFailure(CompletableFuture<CachedToken> attempt, CognitoTokenException failure,
			boolean timedOut) {
		long now = this.time.tick();
		TokenRequestHistory.Failure recorded;
		CachedToken cached;
		synchronized (this.monitor) {
			if (timedOut ? this.inFlight != attempt : attempt.isDone()) {
				// an attempt that timed out is recorded once, by whichever came first
				return false;
			}
			if (this.inFlight == attempt) {
				this.inFlight = null;
			}
			recorded = this.history.failed(failure, now, this.time.instant(), this.random.getAsDouble(), this.stopped);
			this.budget.recordFailure(now);
			if (!failure.isRetryable() && this.attemptGeneration != this.credentialsGeneration) {
				// the credentials changed while this request was under way: the new ones
				// deserve a try now, not after the terminal delay
				this.history.setNextAttemptAt(now);
				this.attemptGeneration = this.credentialsGeneration;
			}
			scheduleLocked(this.history.nextAttemptAt());
			cached = this.current;
		}
		this.log.failed(failure, recorded, cached, now, this.time);
		return true;
	}

	static CachedToken await(CompletableFuture<CachedToken> attempt) {
		try {
			return attempt.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw CognitoTokenException.interrupted("Interrupted while waiting for a Cognito access token", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtimeException) {
				throw runtimeException;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException("Unexpected failure while fetching a Cognito access token", cause);
		}
	}

}
