package io.github.cognitotoken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

import io.github.cognitotoken.CognitoTokenException.Kind;
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
 * <li>With a {@link Builder#requestBudget(int, Duration) request budget}, no more than
 * {@code maxRequests} token requests are sent in any window of its period, whatever
 * happens (rejected tokens, forced renewals, credential switches, concurrent callers):
 * past it, callers keep the usable token, and when none is left they get a
 * {@link Kind#BUDGET_SPENT} failure that says when the budget refills. With or without a
 * budget, the requests of the last period are counted (see
 * {@link CognitoTokenStatus#requests()}), and one warning per period says when they
 * exceed three times what the token lifetime explains.</li>
 * <li>{@link #credentialsChanged()} ends the long wait after a failure that only a
 * configuration change can fix, so that rotated credentials are tried at once.</li>
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

	/**
	 * Default period of the request budget and of the request count: one hour.
	 */
	public static final Duration DEFAULT_REQUEST_PERIOD = TokenRequestBudget.DEFAULT_PERIOD;

	/**
	 * Shortest request budget period.
	 */
	public static final Duration MIN_REQUEST_PERIOD = Duration.ofMinutes(1);

	/**
	 * Longest request budget period.
	 */
	public static final Duration MAX_REQUEST_PERIOD = Duration.ofDays(1);

	/**
	 * Largest request budget per period.
	 */
	public static final int MAX_BUDGET_REQUESTS = 100_000;

	private final boolean failFast;

	private final String description;

	private final TokenAttempts attempts;

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
		ManagerTime time = new ManagerTime(builder.clock, builder.ticker());
		this.failFast = builder.failFast;
		this.description = builder.description;
		this.attempts = new TokenAttempts(builder.fetcher, builder.renewalPolicy, time, builder.random,
				new TokenRequestHistory(builder.backoff, builder.forcedRenewalInterval, time.tick()),
				new TokenRequestBudget(builder.maxRequests, builder.requestPeriod, time.tick()),
				new CognitoTokenManagerLog(builder.description, builder.failureAdvice),
				builder.attemptTimeout.toMillis());
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
		CachedToken cached = this.attempts.current();
		if (cached != null) {
			long now = this.attempts.tick();
			if (!cached.isDueForRenewal(now)) {
				return cached.token();
			}
			if (cached.isUsable(now)) {
				this.attempts.renewInBackground(now);
				return cached.token();
			}
		}
		return this.attempts.obtain();
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
		CachedToken cached = this.attempts.current();
		if (cached != null) {
			long now = this.attempts.tick();
			if (cached.isUsable(now)) {
				if (cached.isDueForRenewal(now)) {
					this.attempts.renewInBackground(now);
				}
				return CompletableFuture.completedFuture(cached.token());
			}
		}
		return this.attempts.obtainAsync();
	}

	/**
	 * Forget the cached token, so that the next call fetches a new one even if the last
	 * attempt failed recently. A request already under way is not affected.
	 */
	public void invalidate() {
		this.attempts.invalidate();
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
		if (!this.attempts.forgetRejected(rejected)) {
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
		if (!this.attempts.forgetRejected(rejected)) {
			return CompletableFuture.completedFuture(null);
		}
		return getAccessTokenAsync().thenApply((fresh) -> (fresh != rejected) ? fresh : null);
	}

	/**
	 * Take note that the credentials the fetcher uses have changed, for example a client
	 * secret rotated in the configuration: when the last token request failed with a
	 * failure that only a configuration change can fix (such as {@code invalid_client}),
	 * the next one is sent now, within the budget, instead of after the terminal delay;
	 * so is the retry of a request under way that fails so. A usable token stays in use,
	 * and nothing happens after a success or a transient failure.
	 * @since 0.1.0
	 */
	public void credentialsChanged() {
		this.attempts.credentialsChanged();
	}

	/**
	 * Return when the cached token expires, for diagnostics.
	 * @return the expiry of the cached token, or empty when none is cached
	 */
	@Override
	public Optional<Instant> getTokenExpiry() {
		CachedToken cached = this.attempts.current();
		return (cached != null) ? Optional.of(cached.token().getExpiresAt()) : Optional.empty();
	}

	/**
	 * Return a snapshot of the cached token's state and of the recent token requests.
	 * @return the status
	 */
	@Override
	public CognitoTokenStatus getStatus() {
		return this.attempts.status();
	}

	/**
	 * Start background renewal and fetch the first token in the background. With
	 * {@code failFast}, wait for it and throw if it could not be obtained.
	 * @throws CognitoTokenException with {@code failFast}, when the first token could not
	 * be obtained
	 */
	@Override
	public void start() {
		CompletableFuture<CachedToken> attempt = this.attempts.start();
		if (attempt != null && this.failFast) {
			try {
				TokenAttempts.await(attempt);
			}
			catch (RuntimeException ex) {
				stop();
				throw ex;
			}
		}
	}

	/**
	 * Start background renewal and the first token request without waiting for it, so
	 * that {@link CognitoTokenManagers} can start several managers at once.
	 * @return the first token request, or {@code null} when the manager runs already or
	 * holds a token that needs no renewal
	 */
	@Nullable CompletableFuture<CachedToken> startWithoutWaiting() {
		return this.attempts.start();
	}

	boolean isFailFast() {
		return this.failFast;
	}

	@Override
	public void stop() {
		this.attempts.stop();
	}

	@Override
	public boolean isRunning() {
		return this.attempts.isRunning();
	}

	@Override
	public int getPhase() {
		return DEFAULT_PHASE;
	}

	@Override
	public String toString() {
		CachedToken cached = this.attempts.current();
		return "CognitoTokenManager[" + this.description + ", tokenExpiresAt="
				+ ((cached != null) ? cached.token().getExpiresAt() : "none") + "]";
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

		private int maxRequests;

		private Duration requestPeriod = DEFAULT_REQUEST_PERIOD;

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
			this.forcedRenewalInterval = CognitoTokenManagerLog.clamp("forced renewal interval", interval,
					MIN_FORCED_RENEWAL_INTERVAL, MAX_TIMING);
			return this;
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
		 * Set the request budget: at most {@code maxRequests} token requests in any
		 * window of {@code period}, a ceiling that nothing makes the manager exceed. Over
		 * it, callers keep the usable token, and when none is left they get a
		 * {@link Kind#BUDGET_SPENT} failure that says when the budget refills. Zero, the
		 * default, sets no ceiling; the period is then still the window of the request
		 * count and of the warning about too many requests. Periods outside
		 * {@link #MIN_REQUEST_PERIOD} to {@link #MAX_REQUEST_PERIOD} are clamped to them,
		 * with a warning.
		 * @param maxRequests the most token requests per period, from 0 (no ceiling) to
		 * {@link #MAX_BUDGET_REQUESTS}
		 * @param period the period
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder requestBudget(int maxRequests, Duration period) {
			Assert.isTrue(maxRequests >= 0 && maxRequests <= MAX_BUDGET_REQUESTS,
					() -> "'maxRequests' must be from 0 to " + MAX_BUDGET_REQUESTS);
			Assert.isTrue(period != null && !period.isNegative(), "'period' must not be negative");
			this.maxRequests = maxRequests;
			this.requestPeriod = CognitoTokenManagerLog.clamp("request budget period", period, MIN_REQUEST_PERIOD,
					MAX_REQUEST_PERIOD);
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
