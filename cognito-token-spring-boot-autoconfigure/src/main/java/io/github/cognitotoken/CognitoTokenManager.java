package io.github.cognitotoken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Hands out a cached Cognito access token and fetches a new one only when it must.
 * <ul>
 * <li>{@link #getToken()} returns the cached token while it is usable, without locking,
 * allocating or doing I/O.</li>
 * <li>When no usable token is cached, concurrent callers share a single token request: N
 * threads cause one request, not N.</li>
 * <li>{@link #start()} begins fetching the first token in the background; callers that
 * arrive before it completes wait for that same request. With {@code failFast},
 * {@code start()} waits for the first token and throws if it cannot be obtained.</li>
 * <li>A token stops being used {@code clockSkew} before it expires (at most half of its
 * lifetime, so a short-lived token is still reused).</li>
 * </ul>
 * Time comes from an injectable {@link Clock}. The class depends on Spring Framework only
 * for {@link SmartLifecycle}, so a Spring application context starts and stops it.
 *
 * @author cognito-token contributors
 */
public class CognitoTokenManager implements SmartLifecycle {

	/**
	 * Default time before the real expiry at which a token stops being used.
	 */
	public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

	/**
	 * Lifecycle phase: earlier than the web server, so the first token request starts
	 * before the application accepts requests, and the manager stops after it.
	 */
	public static final int DEFAULT_PHASE = SmartLifecycle.DEFAULT_PHASE - 8192;

	private static final Log logger = LogFactory.getLog(CognitoTokenManager.class);

	private static final AtomicInteger threadCount = new AtomicInteger();

	private final CognitoTokenFetcher fetcher;

	private final Clock clock;

	private final Duration clockSkew;

	private final boolean failFast;

	private final Object monitor = new Object();

	private volatile @Nullable CachedToken current;

	// Guarded by monitor
	private @Nullable CompletableFuture<CachedToken> inFlight;

	// Guarded by monitor
	private @Nullable ExecutorService executor;

	private volatile boolean running;

	/**
	 * Create a manager with the system clock, the default clock skew and a background
	 * first fetch.
	 * @param fetcher what fetches new tokens
	 */
	public CognitoTokenManager(CognitoTokenFetcher fetcher) {
		this(fetcher, Clock.systemUTC(), DEFAULT_CLOCK_SKEW, false);
	}

	/**
	 * Create a manager.
	 * @param fetcher what fetches new tokens
	 * @param clock the source of the current time
	 * @param clockSkew how long before its expiry a token stops being used
	 * @param failFast whether {@link #start()} waits for the first token and fails when
	 * it cannot be obtained
	 */
	public CognitoTokenManager(CognitoTokenFetcher fetcher, Clock clock, Duration clockSkew, boolean failFast) {
		Assert.notNull(fetcher, "'fetcher' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		Assert.notNull(clockSkew, "'clockSkew' must not be null");
		Assert.isTrue(!clockSkew.isNegative(), "'clockSkew' must not be negative");
		this.fetcher = fetcher;
		this.clock = clock;
		this.clockSkew = clockSkew;
		this.failFast = failFast;
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
	public CognitoAccessToken getAccessToken() {
		CachedToken cached = this.current;
		if (cached != null && this.clock.millis() < cached.usableUntil) {
			return cached.token;
		}
		return fetchShared();
	}

	/**
	 * Forget the cached token, so that the next call to {@link #getToken()} fetches a new
	 * one. A request already under way is not affected.
	 */
	public void invalidate() {
		this.current = null;
	}

	/**
	 * Return when the cached token expires, for diagnostics.
	 * @return the expiry of the cached token, or empty when none is cached
	 */
	public Optional<Instant> getTokenExpiry() {
		CachedToken cached = this.current;
		return (cached != null) ? Optional.of(cached.token.getExpiresAt()) : Optional.empty();
	}

	/**
	 * Start fetching the first token in the background. With {@code failFast}, wait for
	 * it and throw if it could not be obtained.
	 * @throws CognitoTokenException with {@code failFast}, when the first token could not
	 * be obtained
	 */
	@Override
	public void start() {
		CompletableFuture<CachedToken> fetch;
		synchronized (this.monitor) {
			if (this.running) {
				return;
			}
			ExecutorService executor = Executors.newSingleThreadExecutor(this::newThread);
			this.executor = executor;
			this.running = true;
			fetch = this.inFlight;
			if (fetch == null && !isUsable(this.current)) {
				CompletableFuture<CachedToken> startupFetch = new CompletableFuture<>();
				this.inFlight = startupFetch;
				executor.execute(() -> fetchAndComplete(startupFetch));
				fetch = startupFetch;
			}
		}
		if (fetch == null) {
			return;
		}
		if (this.failFast) {
			try {
				await(fetch);
			}
			catch (CognitoTokenException ex) {
				stop();
				throw ex;
			}
		}
		else {
			fetch.whenComplete((token, ex) -> {
				if (ex != null) {
					logger.warn(
							"Could not obtain the first Cognito access token; it will be requested again on first use: "
									+ ex.getMessage());
				}
			});
		}
	}

	@Override
	public void stop() {
		ExecutorService executor;
		synchronized (this.monitor) {
			this.running = false;
			executor = this.executor;
			this.executor = null;
		}
		if (executor != null) {
			executor.shutdownNow();
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

	private CognitoAccessToken fetchShared() {
		CompletableFuture<CachedToken> fetch;
		boolean owner = false;
		synchronized (this.monitor) {
			CachedToken cached = this.current;
			if (isUsable(cached)) {
				return cached.token;
			}
			fetch = this.inFlight;
			if (fetch == null) {
				fetch = new CompletableFuture<>();
				this.inFlight = fetch;
				owner = true;
			}
		}
		if (owner) {
			fetchAndComplete(fetch);
		}
		return await(fetch).token;
	}

	private void fetchAndComplete(CompletableFuture<CachedToken> fetch) {
		try {
			CachedToken cached = cache(this.fetcher.fetchToken());
			synchronized (this.monitor) {
				this.current = cached;
				this.inFlight = null;
			}
			fetch.complete(cached);
		}
		catch (Throwable ex) {
			synchronized (this.monitor) {
				this.inFlight = null;
			}
			fetch.completeExceptionally(ex);
		}
	}

	private CachedToken cache(CognitoAccessToken token) {
		Duration halfLifetime = token.getLifetime().dividedBy(2);
		Duration skew = (this.clockSkew.compareTo(halfLifetime) > 0) ? halfLifetime : this.clockSkew;
		return new CachedToken(token, token.getExpiresAt().minus(skew).toEpochMilli());
	}

	private boolean isUsable(@Nullable CachedToken cached) {
		return cached != null && this.clock.millis() < cached.usableUntil;
	}

	private static CachedToken await(CompletableFuture<CachedToken> fetch) {
		try {
			return fetch.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CognitoTokenException(CognitoTokenException.Kind.INTERRUPTED,
					"Interrupted while waiting for a Cognito access token", null, null, true, null, ex);
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
		return thread;
	}

	@Override
	public String toString() {
		CachedToken cached = this.current;
		return "CognitoTokenManager[tokenExpiresAt=" + ((cached != null) ? cached.token.getExpiresAt() : "none") + "]";
	}

	private record CachedToken(CognitoAccessToken token, long usableUntil) {

	}

}
