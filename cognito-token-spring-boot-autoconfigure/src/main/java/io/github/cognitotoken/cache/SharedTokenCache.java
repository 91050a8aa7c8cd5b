package io.github.cognitotoken.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.TokenRenewalPolicy;
import io.github.cognitotoken.cache.SharedTokenCipher.UnreadableEntryException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Token cache that the instances of a service share through a {@link SharedTokenStore},
 * so that the fleet requests one token per token lifetime instead of one per instance.
 * {@link #decorate(CognitoTokenFetcher)} puts it in front of a fetcher: the
 * {@link CognitoTokenManager} keeps serving its in-memory token, and only when it needs a
 * new one does the decorated fetcher look in the store, wait for another instance's
 * request, or request a token itself under a lock and store it.
 * <p>
 * Entries are encrypted and authenticated with a key derived from the client secret (see
 * {@link SharedTokenCipher}). Store operations that fail or take longer than the timeout
 * make the decorated fetcher request its token directly: an outage of the store is logged
 * once and counted, and never prevents an instance from getting tokens.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class SharedTokenCache implements AutoCloseable {

	/**
	 * Default longest time the lock of a token request is held.
	 */
	public static final Duration DEFAULT_LOCK_TTL = Duration.ofSeconds(20);

	/**
	 * Default interval at which waiting instances look for the token another instance
	 * requests.
	 */
	public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);

	/**
	 * Default longest time of one store operation.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

	/**
	 * Longest entry that is read, 16 KiB: a Cognito access token is 1 to 2 KB, and an
	 * entry is about 4/3 of the token plus 60 characters. A longer entry is not
	 * transferred, decoded or decrypted but counted as unreadable, so that a huge value
	 * planted in the store cannot exhaust the memory of every instance; a token whose
	 * entry would be longer is not shared.
	 */
	public static final int MAX_ENTRY_LENGTH = 16 * 1024;

	private static final Log logger = LogFactory.getLog(SharedTokenCache.class);

	private final SharedTokenStore store;

	private final SharedTokenKey key;

	private final SharedTokenCipher cipher;

	private final Clock clock;

	private final TokenRenewalPolicy renewalPolicy;

	private final Duration lockTtl;

	private final long lockWaitNanos;

	private final long pollInterval;

	private final AtomicBoolean unreadableEntryLogged = new AtomicBoolean();

	private final AtomicBoolean tooLargeTokenLogged = new AtomicBoolean();

	private final SharedTokenCacheCounters counters = new SharedTokenCacheCounters();

	private final TimeLimitedStore operations;

	private SharedTokenCache(Builder builder) {
		this.store = builder.store;
		this.key = builder.key;
		this.cipher = new SharedTokenCipher(builder.clientSecret, builder.key.value());
		this.clock = builder.clock;
		this.renewalPolicy = builder.renewalPolicy;
		this.lockTtl = builder.lockTtl;
		this.lockWaitNanos = ((builder.lockWait != null) ? builder.lockWait : builder.lockTtl).toNanos();
		this.pollInterval = builder.pollInterval.toMillis();
		this.operations = new TimeLimitedStore(builder.timeout, this.counters);
	}

	/**
	 * Return a builder of a cache for the token with the given key.
	 * @param store the shared store
	 * @param key the key of the token's entry
	 * @param clientSecret the client secret, from which the encryption key is derived
	 * @return a builder
	 */
	public static Builder builder(SharedTokenStore store, SharedTokenKey key, String clientSecret) {
		return new Builder(store, key, clientSecret);
	}

	/**
	 * Return a fetcher that looks in this cache before it asks the given fetcher, and
	 * shares what the given fetcher returns.
	 * @param fetcher what requests tokens from the token endpoint
	 * @return the decorated fetcher
	 */
	public CognitoTokenFetcher decorate(CognitoTokenFetcher fetcher) {
		return new SharedCacheTokenFetcher(fetcher, this);
	}

	/**
	 * Return the key of the token's entry.
	 * @return the key
	 */
	public SharedTokenKey getKey() {
		return this.key;
	}

	/**
	 * Return a snapshot of what this cache counted: tokens taken from the store, tokens
	 * requested, store failures and unreadable entries.
	 * @return the statistics
	 * @since 0.1.0
	 */
	public SharedTokenCacheStatistics getStatistics() {
		return this.counters.snapshot();
	}

	/**
	 * Return whether the last store operation succeeded.
	 * @return whether the store is available
	 */
	public boolean isStoreAvailable() {
		return this.operations.isAvailable();
	}

	/**
	 * Return the renewal policy that entries are checked against, the token manager's.
	 * @return the renewal policy
	 * @since 0.1.0
	 */
	public TokenRenewalPolicy getRenewalPolicy() {
		return this.renewalPolicy;
	}

	/**
	 * Return the remaining lifetime a stored token must have to be taken, see
	 * {@link TokenRenewalPolicy#freshnessThreshold(Duration)}.
	 * @param lifetime the lifetime of the token, from receipt to expiry
	 * @return the smallest remaining lifetime of a usable entry
	 */
	Duration freshnessThreshold(Duration lifetime) {
		return this.renewalPolicy.freshnessThreshold(lifetime);
	}

	boolean isFresh(CognitoAccessToken token) {
		// entries hold wall-clock instants that other instances wrote: what is left of a
		// token is its expiry minus this instance's wall clock now
		return this.renewalPolicy.isFresh(token, this.clock.instant());
	}

	/**
	 * Read the token entry.
	 * @return the token, or {@code null} when there is none or it cannot be used
	 * @throws StoreUnavailableException if the store failed
	 */
	@Nullable CognitoAccessToken read() {
		String entry = this.operations.call("read", () -> this.store.get(this.key.value(), MAX_ENTRY_LENGTH));
		if (entry == null || entry.isEmpty()) {
			return null;
		}
		if (entry.length() > MAX_ENTRY_LENGTH) {
			// never decoded nor decrypted: a planted giant must not exhaust the heap
			unreadable("larger than " + (MAX_ENTRY_LENGTH / 1024) + " KiB");
			return null;
		}
		try {
			CognitoAccessToken token = this.cipher.decrypt(entry);
			this.unreadableEntryLogged.set(false);
			return token;
		}
		catch (UnreadableEntryException ex) {
			unreadable(ex.getMessage());
			return null;
		}
	}

	private void unreadable(@Nullable String reason) {
		this.counters.unreadableEntry();
		String message = "Ignoring the shared Cognito token entry: it cannot be used (" + reason
				+ "). It was written with another client secret or modified; the next token request replaces it";
		if (this.unreadableEntryLogged.compareAndSet(false, true)) {
			logger.warn(message);
		}
		else {
			logger.debug(message);
		}
	}

	/**
	 * Store a token until it expires. A failure is logged and counted, not thrown.
	 * @param token the token
	 */
	void write(CognitoAccessToken token) {
		long timeToLive = token.getExpiresAt().toEpochMilli() - this.clock.millis();
		if (timeToLive <= 0) {
			return;
		}
		String entry = this.cipher.encrypt(token);
		if (entry.length() > MAX_ENTRY_LENGTH) {
			if (this.tooLargeTokenLogged.compareAndSet(false, true)) {
				logger.warn("Not sharing the Cognito access token: its entry would be " + entry.length()
						+ " characters, more than " + MAX_ENTRY_LENGTH + "; each instance requests its own tokens");
			}
			return;
		}
		try {
			this.operations.call("write", () -> {
				this.store.put(this.key.value(), entry, Duration.ofMillis(timeToLive));
				return null;
			});
		}
		catch (StoreUnavailableException ex) {
			// logged and counted: the token is still good
		}
	}

	/**
	 * Try to acquire the lock of a token request.
	 * @return the owner value to release the lock with, or {@code null} when another
	 * instance holds the lock
	 * @throws StoreUnavailableException if the store failed
	 */
	@Nullable String tryLock() {
		String owner = UUID.randomUUID().toString();
		Boolean acquired = this.operations.call("lock",
				() -> this.store.tryLock(this.key.lockKey(), owner, this.lockTtl));
		return Boolean.TRUE.equals(acquired) ? owner : null;
	}

	/**
	 * Release the lock if this owner still holds it. A failure is logged and counted, not
	 * thrown: the lock then expires.
	 * @param owner the owner value returned by {@link #tryLock()}
	 */
	void unlock(String owner) {
		if (!this.operations.isAvailable()) {
			return;
		}
		try {
			this.operations.call("unlock", () -> {
				this.store.unlock(this.key.lockKey(), owner);
				return null;
			});
		}
		catch (StoreUnavailableException ex) {
			// logged and counted: the lock expires
		}
	}

	long lockWaitNanos() {
		return this.lockWaitNanos;
	}

	void pause() {
		try {
			Thread.sleep(this.pollInterval);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw TimeLimitedStore.interrupted(ex);
		}
	}

	void recordTokenFromStore() {
		this.counters.tokenFromStore();
	}

	void recordTokenFetched() {
		this.counters.tokenFetched();
	}

	/**
	 * Stop the threads that run store operations. Later operations count as failures.
	 */
	@Override
	public void close() {
		this.operations.close();
	}

	@Override
	public String toString() {
		return "SharedTokenCache[key=" + this.key + ", storeAvailable=" + isStoreAvailable() + "]";
	}

	/**
	 * Builder of {@link SharedTokenCache} instances.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final SharedTokenStore store;

		private final SharedTokenKey key;

		private final String clientSecret;

		private Clock clock = Clock.systemUTC();

		private TokenRenewalPolicy renewalPolicy = TokenRenewalPolicy.defaults();

		private Duration lockTtl = DEFAULT_LOCK_TTL;

		private @Nullable Duration lockWait;

		private Duration pollInterval = DEFAULT_POLL_INTERVAL;

		private Duration timeout = DEFAULT_TIMEOUT;

		private Builder(SharedTokenStore store, SharedTokenKey key, String clientSecret) {
			Assert.notNull(store, "'store' must not be null");
			Assert.notNull(key, "'key' must not be null");
			Assert.hasText(clientSecret, "'clientSecret' must not be empty");
			this.store = store;
			this.key = key;
			this.clientSecret = clientSecret;
		}

		/**
		 * Set the source of the current time; use the token manager's.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "'clock' must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Set the token manager's renewal policy, which decides when a stored token is
		 * too close to its renewal to be taken: give both the same instance.
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
		 * Set how long the lock of a token request is held at most. It must outlive a
		 * token request (connect timeout plus read timeout) so that two instances never
		 * request at once, and it bounds how long a stopped instance blocks the others.
		 * @param lockTtl the lock time to live
		 * @return this builder
		 */
		public Builder lockTtl(Duration lockTtl) {
			Assert.isTrue(lockTtl != null && lockTtl.toMillis() > 0, "'lockTtl' must be positive");
			this.lockTtl = lockTtl;
			return this;
		}

		/**
		 * Set the longest time to wait for another instance's token request before
		 * requesting a token without the lock; defaults to the lock time to live.
		 * @param lockWait the longest wait
		 * @return this builder
		 */
		public Builder lockWait(Duration lockWait) {
			Assert.isTrue(lockWait != null && !lockWait.isNegative(), "'lockWait' must not be negative");
			this.lockWait = lockWait;
			return this;
		}

		/**
		 * Set the interval at which a waiting instance looks for the token.
		 * @param pollInterval the interval
		 * @return this builder
		 */
		public Builder pollInterval(Duration pollInterval) {
			Assert.isTrue(pollInterval != null && pollInterval.toMillis() > 0, "'pollInterval' must be positive");
			this.pollInterval = pollInterval;
			return this;
		}

		/**
		 * Set the longest time of one store operation; a slower one counts as a failure.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			Assert.isTrue(timeout != null && timeout.toMillis() > 0, "'timeout' must be positive");
			this.timeout = timeout;
			return this;
		}

		/**
		 * Build the cache.
		 * @return the cache
		 */
		public SharedTokenCache build() {
			return new SharedTokenCache(this);
		}

	}

}
