package io.github.cognitotoken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

import io.github.cognitotoken.CognitoTokenException.Kind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Hands out a cached Cognito access token and requests a new one only when it must.
 * <ul>
 * <li>{@link #getToken()} returns the cached token while it is usable: no lock, no
 * allocation, no I/O.</li>
 * <li>{@code refreshAhead} before the token expires (at most half of its lifetime, minus
 * a small random jitter), a background thread renews it, so callers keep getting the
 * current token and never wait on the token endpoint while a usable one exists.</li>
 * <li>When no usable token is cached, concurrent callers share a single token request: N
 * threads cause one request, not N.</li>
 * <li>Failed requests are retried with exponential backoff and full jitter, honouring
 * {@code Retry-After}. While the current token is usable, callers never see the failure.
 * Once none is left, callers get the last failure at once until the next backoff slot,
 * instead of each sending a request. Failures that only a configuration change can fix
 * ({@code invalid_client}, {@code invalid_scope}, ...) are logged once and retried only
 * after a long delay.</li>
 * <li>{@link #start()} begins fetching the first token in the background; callers that
 * arrive earlier wait for that same request. With {@code failFast}, {@code start()} waits
 * for it and throws when it fails. {@link #stop()} ends background work; a stopped
 * manager can be started again.</li>
 * <li>A token stops being used {@code clockSkew} before it expires (at most half of its
 * lifetime, so a short-lived token is still reused).</li>
 * <li>No setting makes token requests a storm: renewals forced by rejected tokens happen
 * at most once per {@link #MIN_FORCED_RENEWAL_INTERVAL} (10 s), retries follow
 * {@link RetryBackoff}'s limits, a renewal comes no sooner than half way through the time
 * a token is usable, and a token usable for less than 500 ms when it arrives is an
 * invalid response (retried with backoff), not a reason to renew at once.</li>
 * <li>With an {@code attemptTimeout}, a token request that has not completed after that
 * time fails with {@link Kind#TIMEOUT} for every caller that waits for it, a
 * {@code failFast} start included, and the next attempt follows the usual backoff, even
 * when the fetcher never returns.</li>
 * </ul>
 * Whether a token is usable and when it is renewed are judged on a monotonic
 * {@link Ticker} ({@link System#nanoTime()} by default), so that setting the system clock
 * (an NTP step, a virtual machine resumed from suspend) neither hands out an expired
 * token nor renews in a loop. The wall {@link Clock} only dates tokens and reports
 * instants: a token's remaining lifetime is its expiry minus the wall clock when it
 * arrives, and from then on is counted on the ticker. Both are injectable. The class
 * depends on Spring Framework only for {@link SmartLifecycle}, so an application context
 * starts and stops it.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public class CognitoTokenManager implements CognitoTokenProvider, SmartLifecycle {

	/**
	 * Default time before the real expiry at which a token stops being used.
	 */
	public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

	/**
	 * Default time before the expiry at which a token is renewed in the background.
	 */
	public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofMinutes(5);

	/**
	 * Default shortest time between two renewals forced by
	 * {@link #renewRejectedToken(CognitoAccessToken)}.
	 */
	public static final Duration DEFAULT_FORCED_RENEWAL_INTERVAL = Duration.ofSeconds(30);

	/**
	 * Shortest time between two renewals forced by
	 * {@link #renewRejectedToken(CognitoAccessToken)}: an API that rejects every token
	 * costs at most 6 token requests a minute. Shorter intervals are clamped to it.
	 */
	public static final Duration MIN_FORCED_RENEWAL_INTERVAL = Duration.ofSeconds(10);

	/**
	 * Longest clock skew, refresh-ahead time and forced renewal interval: one day,
	 * Cognito's longest token lifetime (the first two are capped at half a token's
	 * lifetime anyway). Longer values are clamped to it, so that no computation
	 * overflows.
	 */
	public static final Duration MAX_TIMING = Duration.ofDays(1);

	/**
	 * Lifecycle phase: earlier than the web server, so the first token request starts
	 * before the application accepts requests, and the manager stops after it.
	 */
	public static final int DEFAULT_PHASE = SmartLifecycle.DEFAULT_PHASE - 8192;

	// Tokens that live less cost many requests a minute: say so once
	private static final Duration SHORT_LIFETIME = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(CognitoTokenManager.class);

	private static final AtomicInteger threadCount = new AtomicInteger();

	private final CognitoTokenFetcher fetcher;

	private final Clock clock;

	private final Ticker ticker;

	private final TokenRenewalPolicy renewalPolicy;

	private final boolean failFast;

	private final RetryBackoff backoff;

	private final long forcedRenewalInterval;

	private volatile boolean shortLifetimeLogged;

	private final DoubleSupplier random;

	private final String description;

	private final Function<CognitoTokenException, @Nullable String> failureAdvice;

	// 0: callers wait for an attempt as long as it takes
	private final long attemptTimeout;

	private final Object monitor = new Object();

	private volatile @Nullable CachedToken current;

	// Written under monitor; read without it on the renewal window's fast path
	private volatile @Nullable CompletableFuture<CachedToken> inFlight;

	// Written under monitor; the earliest ticker reading of the next attempt
	private volatile long nextAttemptAt;

	// Guarded by monitor: whether nextAttemptAt was set, for the status
	private boolean nextAttemptKnown;

	// Guarded by monitor: an attempt handed to the scheduler that has not started yet
	private @Nullable CompletableFuture<CachedToken> submittedAttempt;

	// Guarded by monitor
	private @Nullable CognitoTokenException lastFailure;

	private @Nullable Instant lastFailureAt;

	private int consecutiveFailures;

	private @Nullable Instant lastSuccessAt;

	private @Nullable String lastLoggedFailure;

	// Guarded by monitor: ticker reading of the last forced renewal, if forcedRenewal
	private long lastForcedRenewalAt;

	private boolean forcedRenewal;

	private @Nullable ScheduledExecutorService scheduler;

	private @Nullable ScheduledFuture<?> timer;

	private volatile boolean running;

	private volatile @Nullable Thread managerThread;

	// The attempt the manager's thread is running, if any
	private volatile @Nullable CompletableFuture<CachedToken> managerThreadAttempt;

	// Guarded by monitor: stop() was called and start() was not called since
	private boolean stopped;

	/**
	 * Create a manager with the default settings.
	 * @param fetcher what fetches new tokens
	 */
	public CognitoTokenManager(CognitoTokenFetcher fetcher) {
		this(builder(fetcher));
	}

	/**
	 * Create a manager with default renewal and backoff settings.
	 * @param fetcher what fetches new tokens
	 * @param clock the source of the current time
	 * @param clockSkew how long before its expiry a token stops being used
	 * @param failFast whether {@link #start()} waits for the first token and fails when
	 * it cannot be obtained
	 */
	public CognitoTokenManager(CognitoTokenFetcher fetcher, Clock clock, Duration clockSkew, boolean failFast) {
		this(builder(fetcher).clock(clock).clockSkew(clockSkew).failFast(failFast));
	}

	private CognitoTokenManager(Builder builder) {
		this.fetcher = builder.fetcher;
		this.clock = builder.clock;
		this.ticker = builder.ticker();
		this.nextAttemptAt = this.ticker.read();
		this.renewalPolicy = builder.renewalPolicy;
		this.failFast = builder.failFast;
		this.backoff = builder.backoff;
		this.forcedRenewalInterval = builder.forcedRenewalInterval.toNanos();
		this.random = builder.random;
		this.description = builder.description;
		this.failureAdvice = builder.failureAdvice;
		this.attemptTimeout = builder.attemptTimeout.toMillis();
	}

	/**
	 * Return a builder for a manager that gets its tokens from the given fetcher.
	 * @param fetcher what fetches new tokens
	 * @return a builder
	 */
	public static Builder builder(CognitoTokenFetcher fetcher) {
		return new Builder(fetcher);
	}

	/**
	 * Return a usable access token, from the cache when possible.
	 * @return the access token value
	 * @throws CognitoTokenException if a new token was needed and could not be obtained
	 */
	public String getToken() {
		return getAccessToken().getValue();
	}

	/**
	 * Return a usable access token with its expiry, from the cache when possible.
	 * @return the access token
	 * @throws CognitoTokenException if a new token was needed and could not be obtained
	 */
	@Override
	public CognitoAccessToken getAccessToken() {
		CachedToken cached = this.current;
		if (cached != null) {
			long now = this.ticker.read();
			if (now - cached.refreshAt < 0) {
				return cached.token;
			}
			if (now - cached.usableUntil < 0) {
				renewInBackground(now);
				return cached.token;
			}
		}
		return obtain();
	}

	/**
	 * Return a usable access token without blocking the calling thread: a completed
	 * future when one is cached, otherwise a future that completes with the token request
	 * that all callers share (it runs on the manager's background thread, or on a common
	 * pool thread when the manager is not running).
	 * @return a future of the access token; it fails with a {@link CognitoTokenException}
	 * when no token could be obtained
	 */
	@Override
	public CompletableFuture<CognitoAccessToken> getAccessTokenAsync() {
		CachedToken cached = this.current;
		if (cached != null) {
			long now = this.ticker.read();
			if (now - cached.usableUntil < 0) {
				if (now - cached.refreshAt >= 0) {
					renewInBackground(now);
				}
				return CompletableFuture.completedFuture(cached.token);
			}
		}
		CompletableFuture<CachedToken> attempt;
		synchronized (this.monitor) {
			cached = this.current;
			long now = this.ticker.read();
			if (cached != null && now - cached.usableUntil < 0) {
				return CompletableFuture.completedFuture(cached.token);
			}
			attempt = this.inFlight;
			if (attempt == null) {
				CognitoTokenException failure = this.lastFailure;
				if (failure != null && isBackingOff(now)) {
					return CompletableFuture.failedFuture(backingOff(failure, now));
				}
				attempt = startAttemptLocked();
				CompletableFuture<CachedToken> started = attempt;
				ScheduledExecutorService scheduler = this.scheduler;
				if (scheduler != null) {
					submitLocked(scheduler, started);
				}
				else {
					CompletableFuture.runAsync(() -> runAttempt(started));
				}
			}
		}
		return attempt.thenApply(CachedToken::token);
	}

	/**
	 * Forget the cached token, so that the next call fetches a new one even if the last
	 * attempt failed recently. A request already under way is not affected.
	 */
	public void invalidate() {
		synchronized (this.monitor) {
			this.current = null;
			setNextAttemptLocked(this.ticker.read());
		}
	}

	/**
	 * React to a resource server that rejected the given token (HTTP 401): when it is
	 * still the current token, forget it and fetch a new one, at most once per forced
	 * renewal interval; when a newer token exists already, return that one.
	 * @param rejected the token that was rejected
	 * @return a different usable token to retry with, or {@code null} when there is none
	 * because a forced renewal happened too recently
	 * @throws CognitoTokenException if a new token was needed and could not be obtained
	 */
	@Override
	public @Nullable CognitoAccessToken renewRejectedToken(CognitoAccessToken rejected) {
		if (!forgetRejected(rejected)) {
			return null;
		}
		CognitoAccessToken fresh = getAccessToken();
		return (fresh != rejected) ? fresh : null;
	}

	/**
	 * Non-blocking variant of {@link #renewRejectedToken(CognitoAccessToken)}.
	 * @param rejected the token that was rejected
	 * @return a future of a different usable token to retry with, or of {@code null} when
	 * there is none because a forced renewal happened too recently; it fails with a
	 * {@link CognitoTokenException} when a new token could not be obtained
	 */
	@Override
	public CompletableFuture<@Nullable CognitoAccessToken> renewRejectedTokenAsync(CognitoAccessToken rejected) {
		if (!forgetRejected(rejected)) {
			return CompletableFuture.completedFuture(null);
		}
		return getAccessTokenAsync().thenApply((fresh) -> (fresh != rejected) ? fresh : null);
	}

	private boolean forgetRejected(CognitoAccessToken rejected) {
		synchronized (this.monitor) {
			CachedToken cached = this.current;
			if (cached == null || cached.token != rejected) {
				// a newer token exists or is on its way: never throw it away
				return true;
			}
			if (this.lastFailure != null) {
				// the endpoint is failing: keep the only token there is, and do not
				// replay
				return false;
			}
			long now = this.ticker.read();
			if (this.forcedRenewal && now - this.lastForcedRenewalAt < this.forcedRenewalInterval) {
				return false;
			}
			this.forcedRenewal = true;
			this.lastForcedRenewalAt = now;
			this.current = null;
			setNextAttemptLocked(now);
		}
		logger.info("A resource server rejected the Cognito access token of " + this.description
				+ "; requesting a new one");
		return true;
	}

	/**
	 * Return when the cached token expires, for diagnostics.
	 * @return the expiry of the cached token, or empty when none is cached
	 */
	@Override
	public Optional<Instant> getTokenExpiry() {
		CachedToken cached = this.current;
		return (cached != null) ? Optional.of(cached.token.getExpiresAt()) : Optional.empty();
	}

	/**
	 * Return a snapshot of the cached token's state and of the recent token requests.
	 * @return the status
	 */
	@Override
	public CognitoTokenStatus getStatus() {
		synchronized (this.monitor) {
			CachedToken cached = this.current;
			long now = this.ticker.read();
			return new CognitoTokenStatus(cached != null && now - cached.usableUntil < 0,
					(cached != null) ? cached.token.getExpiresAt() : null, this.lastSuccessAt, this.lastFailure,
					this.lastFailureAt, this.consecutiveFailures,
					this.nextAttemptKnown ? wallTime(this.nextAttemptAt, now) : null, this.inFlight != null);
		}
	}

	/**
	 * Start background renewal and fetch the first token in the background. With
	 * {@code failFast}, wait for it and throw if it could not be obtained.
	 * @throws CognitoTokenException with {@code failFast}, when the first token could not
	 * be obtained
	 */
	@Override
	public void start() {
		CompletableFuture<CachedToken> attempt;
		synchronized (this.monitor) {
			if (this.running) {
				return;
			}
			ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(this::newThread);
			this.scheduler = scheduler;
			this.running = true;
			this.stopped = false;
			attempt = this.inFlight;
			CachedToken cached = this.current;
			if (attempt == null && (cached == null || this.ticker.read() - cached.refreshAt >= 0)) {
				CompletableFuture<CachedToken> startup = startAttemptLocked();
				submitLocked(scheduler, startup);
				attempt = startup;
			}
			else if (attempt == null) {
				scheduleLocked(this.nextAttemptAt);
			}
		}
		if (attempt != null && this.failFast) {
			try {
				await(attempt);
			}
			catch (RuntimeException ex) {
				stop();
				throw ex;
			}
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler;
		synchronized (this.monitor) {
			this.running = false;
			this.stopped = true;
			scheduler = this.scheduler;
			this.scheduler = null;
			this.timer = null;
		}
		if (scheduler == null) {
			return;
		}
		scheduler.shutdownNow();
		try {
			scheduler.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return DEFAULT_PHASE;
	}

	private CognitoAccessToken obtain() {
		CompletableFuture<CachedToken> attempt;
		boolean owner = false;
		synchronized (this.monitor) {
			CachedToken cached = this.current;
			long now = this.ticker.read();
			if (cached != null && now - cached.usableUntil < 0) {
				return cached.token;
			}
			attempt = this.inFlight;
			boolean managerThread = Thread.currentThread() == this.managerThread;
			if (attempt == null) {
				CognitoTokenException failure = this.lastFailure;
				if (failure != null && isBackingOff(now)) {
					throw backingOff(failure, now);
				}
				attempt = startAttemptLocked();
				ScheduledExecutorService scheduler = this.scheduler;
				if (scheduler != null && !managerThread) {
					// on the manager's thread, an interrupted caller cannot fail it for
					// all
					submitLocked(scheduler, attempt);
				}
				else {
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
		return await(attempt).token;
	}

	private void renewInBackground(long now) {
		if (!this.running || now - this.nextAttemptAt < 0 || this.inFlight != null) {
			return;
		}
		synchronized (this.monitor) {
			ScheduledExecutorService scheduler = this.scheduler;
			if (scheduler == null || this.inFlight != null || this.ticker.read() - this.nextAttemptAt < 0) {
				return;
			}
			submitLocked(scheduler, startAttemptLocked());
		}
	}

	private void onTimer() {
		CompletableFuture<CachedToken> attempt;
		synchronized (this.monitor) {
			this.timer = null;
			if (!this.running || this.inFlight != null) {
				return;
			}
			if (this.ticker.read() - this.nextAttemptAt < 0) {
				scheduleLocked(this.nextAttemptAt);
				return;
			}
			attempt = startAttemptLocked();
		}
		runAttempt(attempt);
	}

	private void submitLocked(ScheduledExecutorService scheduler, CompletableFuture<CachedToken> attempt) {
		this.submittedAttempt = attempt;
		Runnable task = () -> {
			if (claim(attempt)) {
				runAttempt(attempt);
			}
		};
		try {
			scheduler.execute(task);
		}
		catch (RuntimeException ex) {
			// the manager's thread cannot take it: never leave the attempt pending
			CompletableFuture.runAsync(task);
		}
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
		CompletableFuture<CachedToken> attempt = new CompletableFuture<>();
		this.inFlight = attempt;
		if (this.attemptTimeout > 0) {
			// not on the manager's thread, which may be the one that is stuck
			CompletableFuture.delayedExecutor(this.attemptTimeout, TimeUnit.MILLISECONDS, Runnable::run)
				.execute(() -> expire(attempt));
		}
		return attempt;
	}

	private void expire(CompletableFuture<CachedToken> attempt) {
		if (attempt.isDone()) {
			return;
		}
		CognitoTokenException timeout = CognitoTokenException
			.timeout("The Cognito token request for " + this.description + " did not complete within its deadline of "
					+ this.attemptTimeout + " ms; callers stopped waiting for it", null);
		if (!attempt.completeExceptionally(timeout)) {
			return;
		}
		ScheduledExecutorService stuck = null;
		synchronized (this.monitor) {
			if (this.submittedAttempt == attempt) {
				// never started: it must not start now
				this.submittedAttempt = null;
			}
			if (this.managerThreadAttempt == attempt && this.running && this.scheduler != null) {
				// the manager's only thread is stuck in the fetcher: later attempts and
				// renewals get a new thread, and the stuck one is interrupted
				stuck = this.scheduler;
				this.scheduler = Executors.newSingleThreadScheduledExecutor(this::newThread);
				this.timer = null;
			}
		}
		recordFailure(attempt, timeout, true);
		if (stuck != null) {
			stuck.shutdownNow();
		}
	}

	private void runAttempt(CompletableFuture<CachedToken> attempt) {
		CachedToken cached = null;
		CognitoTokenException failure = null;
		Error error = null;
		boolean onManagerThread = Thread.currentThread() == this.managerThread;
		if (onManagerThread) {
			this.managerThreadAttempt = attempt;
		}
		try {
			cached = cache(this.fetcher.fetchToken());
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
				this.managerThreadAttempt = null;
			}
		}
		try {
			if (failure == null) {
				recordSuccess(attempt, cached);
			}
			else if (Thread.currentThread().isInterrupted() && Thread.currentThread() != this.managerThread) {
				// the caller that ran the request was interrupted: not the endpoint's
				// fault
				forget(attempt);
				failure = CognitoTokenException.interrupted("Interrupted while requesting a Cognito access token",
						failure);
			}
			else {
				recordFailure(attempt, failure);
			}
		}
		catch (RuntimeException ex) {
			forget(attempt);
			logger.error("Recording the outcome of a Cognito token request failed", ex);
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
		synchronized (this.monitor) {
			failures = this.consecutiveFailures;
			first = this.lastSuccessAt == null;
			this.current = cached;
			if (this.inFlight == attempt) {
				this.inFlight = null;
			}
			this.lastFailure = null;
			this.lastFailureAt = null;
			this.consecutiveFailures = 0;
			this.lastLoggedFailure = null;
			this.lastSuccessAt = cached.token.getIssuedAt();
			setNextAttemptLocked(cached.refreshAt);
			scheduleLocked(cached.refreshAt);
		}
		if (failures > 0) {
			logger.info("Obtained a Cognito access token for " + this.description + " after " + failures
					+ " failed attempt" + ((failures != 1) ? "s" : "") + "; valid for " + cached.token.getLifetime());
		}
		else if (first) {
			logger.info("Obtained the first Cognito access token for " + this.description + ", valid for "
					+ cached.token.getLifetime() + "; renewal in the background from " + wallTime(cached.refreshAt));
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Obtained a Cognito access token for " + this.description + ", valid for "
					+ cached.token.getLifetime() + " (until " + cached.token.getExpiresAt() + "), renewal at "
					+ wallTime(cached.refreshAt));
		}
	}

	private void recordFailure(CompletableFuture<CachedToken> attempt, CognitoTokenException failure) {
		recordFailure(attempt, failure, false);
	}

	private void recordFailure(CompletableFuture<CachedToken> attempt, CognitoTokenException failure,
			boolean timedOut) {
		long now = this.ticker.read();
		Instant failedAt = this.clock.instant();
		long delay;
		boolean logAtWarn;
		@Nullable CachedToken cached;
		int failures;
		synchronized (this.monitor) {
			if (timedOut ? this.inFlight != attempt : attempt.isDone()) {
				// an attempt that timed out is recorded once, by whichever came first
				return;
			}
			if (this.inFlight == attempt) {
				this.inFlight = null;
			}
			failures = ++this.consecutiveFailures;
			delay = this.backoff.delayMillis(failure, failures, this.random.getAsDouble());
			this.lastFailure = failure;
			this.lastFailureAt = failedAt;
			setNextAttemptLocked(now + TimeUnit.MILLISECONDS.toNanos(delay));
			scheduleLocked(this.nextAttemptAt);
			String key = failure.getErrorTag();
			// a request cut short by stop() is no news for an operator
			logAtWarn = !this.stopped && !key.equals(this.lastLoggedFailure);
			if (logAtWarn) {
				this.lastLoggedFailure = key;
			}
			cached = this.current;
		}
		if (logAtWarn || logger.isDebugEnabled()) {
			String message = failureMessage(failure, failures, cached, now, delay);
			if (!logAtWarn) {
				logger.debug(message);
			}
			else if (!failure.isRetryable()) {
				logger.error(message);
			}
			else {
				logger.warn(message);
			}
		}
	}

	private String failureMessage(CognitoTokenException failure, int failures, @Nullable CachedToken cached, long now,
			long delay) {
		StringBuilder message = new StringBuilder("Requesting a Cognito access token for ").append(this.description)
			.append(" failed (")
			.append(failure.getErrorTag())
			.append(", attempt ")
			.append(failures)
			.append("): ")
			.append(failure.getMessage())
			.append(". ");
		if (cached != null && now - cached.usableUntil < 0) {
			message.append("The current token stays in use until ")
				.append(wallTime(cached.usableUntil, now))
				.append(". ");
		}
		else {
			message.append("No valid token is held: calls that need one fail until a request succeeds. ");
		}
		if (!failure.isRetryable()) {
			String advice = advice(failure);
			message.append("Retrying cannot help until the configuration changes");
			message.append((advice != null) ? ": " + advice + " " : ". ");
		}
		message.append("Next attempt in ").append(Duration.ofMillis(delay)).append('.');
		return message.toString();
	}

	private @Nullable String advice(CognitoTokenException failure) {
		try {
			return this.failureAdvice.apply(failure);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private boolean isBackingOff(long now) {
		long wait = this.nextAttemptAt - now;
		// never wait longer than any backoff (the next attempt may be a renewal time)
		return wait > 0 && wait <= TimeUnit.MILLISECONDS.toNanos(this.backoff.longestDelayMillis());
	}

	private CognitoTokenException backingOff(CognitoTokenException failure, long now) {
		Duration wait = Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(Math.max(0, this.nextAttemptAt - now)));
		return failure.withMessage(failure.getMessage() + " (last attempt failed; next attempt in " + wait + ")");
	}

	private void setNextAttemptLocked(long at) {
		this.nextAttemptAt = at;
		this.nextAttemptKnown = true;
	}

	private Instant wallTime(long tick) {
		return wallTime(tick, this.ticker.read());
	}

	private Instant wallTime(long tick, long now) {
		return this.clock.instant().plusNanos(tick - now);
	}

	private void scheduleLocked(long at) {
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler == null || !this.running) {
			return;
		}
		ScheduledFuture<?> previous = this.timer;
		if (previous != null) {
			previous.cancel(false);
		}
		long delay = Math.max(0, at - this.ticker.read());
		this.timer = scheduler.schedule(this::onTimer, delay, TimeUnit.NANOSECONDS);
	}

	private CachedToken cache(CognitoAccessToken token) {
		// the token's times are wall-clock instants: what is left of its lifetime is
		// measured on the wall clock now, then counted on the ticker
		long tick = this.ticker.read();
		TokenRenewalPolicy.Schedule schedule = this.renewalPolicy.schedule(token, this.clock.millis(),
				this.random.getAsDouble());
		if (schedule.tooShort()) {
			// using it would mean a token request per call, or a renewal loop
			throw CognitoTokenException.invalidResponse("The Cognito access token received for " + this.description
					+ " expires at " + token.getExpiresAt() + ", too soon to be used (less than " + schedule.minUsable()
					+ " ms before its expiry minus the clock skew)", null, true);
		}
		CachedToken cached = new CachedToken(token, tick + TimeUnit.MILLISECONDS.toNanos(schedule.usableFor()),
				tick + TimeUnit.MILLISECONDS.toNanos(schedule.renewIn()));
		if (token.getLifetime().compareTo(SHORT_LIFETIME) < 0 && !this.shortLifetimeLogged) {
			this.shortLifetimeLogged = true;
			logShortLifetime(token, schedule.renewIn());
		}
		return cached;
	}

	private void logShortLifetime(CognitoAccessToken token, long renewalMillis) {
		logger.warn("The Cognito access tokens of " + this.description + " live only " + token.getLifetime()
				+ ": each is renewed after about " + Duration.ofMillis(renewalMillis) + ", about "
				+ (60_000 / Math.max(renewalMillis, 1)) + " token requests a minute, each billed. Cognito's access "
				+ "tokens live 5 minutes to 1 day: check the app client's access token validity");
	}

	private static CachedToken await(CompletableFuture<CachedToken> attempt) {
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

	private Thread newThread(Runnable runnable) {
		Thread thread = new Thread(runnable, "cognito-token-" + threadCount.incrementAndGet());
		thread.setDaemon(true);
		this.managerThread = thread;
		return thread;
	}

	@Override
	public String toString() {
		CachedToken cached = this.current;
		return "CognitoTokenManager[" + this.description + ", tokenExpiresAt="
				+ ((cached != null) ? cached.token.getExpiresAt() : "none") + "]";
	}

	/**
	 * A token with the ticker readings until which it is used and from which it is
	 * renewed.
	 */
	private record CachedToken(CognitoAccessToken token, long usableUntil, long refreshAt) {

	}

	/**
	 * Builder of {@link CognitoTokenManager} instances.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final CognitoTokenFetcher fetcher;

		private Clock clock = Clock.systemUTC();

		private @Nullable Ticker ticker;

		private TokenRenewalPolicy renewalPolicy = TokenRenewalPolicy.defaults();

		private boolean failFast;

		private RetryBackoff backoff = RetryBackoff.DEFAULTS;

		private Duration forcedRenewalInterval = DEFAULT_FORCED_RENEWAL_INTERVAL;

		private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

		private String description = "the Cognito client";

		private Function<CognitoTokenException, @Nullable String> failureAdvice = (failure) -> null;

		private Duration attemptTimeout = Duration.ZERO;

		private Builder(CognitoTokenFetcher fetcher) {
			Assert.notNull(fetcher, "'fetcher' must not be null");
			this.fetcher = fetcher;
		}

		/**
		 * Set the wall clock, which dates tokens and names instants in the status and in
		 * log lines. A clock that also implements {@link Ticker} is the ticker too,
		 * unless {@link #ticker(Ticker)} sets another: a test clock that moves both keeps
		 * working without a second setting.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "'clock' must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Set the monotonic source of time on which the usability of a token and the
		 * renewal schedule are judged. Defaults to {@link Ticker#system()}, or to the
		 * clock when it implements {@link Ticker}.
		 * @param ticker the ticker
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder ticker(Ticker ticker) {
			Assert.notNull(ticker, "'ticker' must not be null");
			this.ticker = ticker;
			return this;
		}

		private Ticker ticker() {
			if (this.ticker != null) {
				return this.ticker;
			}
			return (this.clock instanceof Ticker clockTicker) ? clockTicker : Ticker.system();
		}

		/**
		 * Set when a token stops being used and when it is renewed. Give a shared token
		 * cache the same policy.
		 * @param renewalPolicy the renewal policy
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder renewalPolicy(TokenRenewalPolicy renewalPolicy) {
			Assert.notNull(renewalPolicy, "'renewalPolicy' must not be null");
			this.renewalPolicy = renewalPolicy;
			return this;
		}

		/**
		 * Set how long before its expiry a token stops being used (capped at half of its
		 * lifetime, and at {@link #MAX_TIMING}): shorthand for a
		 * {@link #renewalPolicy(TokenRenewalPolicy) renewal policy} with this clock skew.
		 * @param clockSkew the clock skew
		 * @return this builder
		 */
		public Builder clockSkew(Duration clockSkew) {
			this.renewalPolicy = this.renewalPolicy.withClockSkew(clockSkew);
			return this;
		}

		/**
		 * Set how long before its expiry a token is renewed in the background (capped at
		 * half of its lifetime, and at {@link #MAX_TIMING}): shorthand for a
		 * {@link #renewalPolicy(TokenRenewalPolicy) renewal policy} with this
		 * refresh-ahead time.
		 * @param refreshAhead the refresh-ahead time
		 * @return this builder
		 */
		public Builder refreshAhead(Duration refreshAhead) {
			this.renewalPolicy = this.renewalPolicy.withRefreshAhead(refreshAhead);
			return this;
		}

		/**
		 * Set whether {@link #start()} waits for the first token and fails when it cannot
		 * be obtained.
		 * @param failFast whether to fail fast
		 * @return this builder
		 */
		public Builder failFast(boolean failFast) {
			this.failFast = failFast;
			return this;
		}

		/**
		 * Set the delays between attempts after failures.
		 * @param backoff the backoff
		 * @return this builder
		 */
		public Builder backoff(RetryBackoff backoff) {
			Assert.notNull(backoff, "'backoff' must not be null");
			this.backoff = backoff;
			return this;
		}

		/**
		 * Set the shortest time between two renewals forced by rejected tokens. Values
		 * below {@link #MIN_FORCED_RENEWAL_INTERVAL} (10 s) are raised to it, with a
		 * warning, so that an API that rejects every token cannot cause a token request
		 * per call.
		 * @param interval the interval
		 * @return this builder
		 */
		public Builder forcedRenewalInterval(Duration interval) {
			Assert.isTrue(interval != null && !interval.isNegative(), "'interval' must not be negative");
			this.forcedRenewalInterval = clamp("forced renewal interval", interval, MIN_FORCED_RENEWAL_INTERVAL,
					MAX_TIMING);
			return this;
		}

		private static Duration clamp(String name, Duration value, Duration min, Duration max) {
			Duration clamped = (value.compareTo(min) < 0) ? min : (value.compareTo(max) > 0) ? max : value;
			if (clamped != value) {
				logger.warn("The Cognito token manager's " + name + " " + value + " is outside " + min + " to " + max
						+ " (fewer token requests, each billed, and no overflow): using " + clamped);
			}
			return clamped;
		}

		/**
		 * Set the source of jitter, uniformly distributed numbers in {@code [0, 1)}: for
		 * tests.
		 * @param random the random source
		 * @return this builder
		 */
		Builder random(DoubleSupplier random) {
			Assert.notNull(random, "'random' must not be null");
			this.random = random;
			return this;
		}

		/**
		 * Set how log lines name the client, for example {@code client 1exa...}. Must not
		 * contain the secret.
		 * @param description the description
		 * @return this builder
		 */
		public Builder description(String description) {
			Assert.hasText(description, "'description' must not be empty");
			this.description = description;
			return this;
		}

		/**
		 * Set what to tell an operator when a failure cannot be fixed by retrying, for
		 * example which property to check.
		 * @param failureAdvice returns the advice, or {@code null} for none
		 * @return this builder
		 */
		public Builder failureAdvice(Function<CognitoTokenException, @Nullable String> failureAdvice) {
			Assert.notNull(failureAdvice, "'failureAdvice' must not be null");
			this.failureAdvice = failureAdvice;
			return this;
		}

		/**
		 * Set how long callers wait for one token request. When it passes, the request
		 * fails with {@link Kind#TIMEOUT} for every caller that waits for it (a
		 * {@code failFast} start included), the failure is recorded, and the next attempt
		 * follows the usual backoff; a fetcher that returns later is not waited for. Set
		 * it a little longer than the fetcher's own deadline, so that the fetcher's more
		 * precise failure wins. Zero, the default, waits as long as the fetcher takes.
		 * @param attemptTimeout the longest wait for one token request
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder attemptTimeout(Duration attemptTimeout) {
			Assert.isTrue(attemptTimeout != null && !attemptTimeout.isNegative(),
					"'attemptTimeout' must not be negative");
			this.attemptTimeout = attemptTimeout;
			return this;
		}

		/**
		 * Build the manager.
		 * @return the manager
		 */
		public CognitoTokenManager build() {
			return new CognitoTokenManager(this);
		}

	}

}
