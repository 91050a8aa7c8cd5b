package io.github.cognitotoken.cache;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenFetcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Fetcher that takes the token from a {@link SharedTokenCache} when another instance
 * stored a fresh one, and otherwise requests it from its delegate, one instance at a
 * time, and stores it for the others.
 * <ol>
 * <li>Read the entry; take it if it is fresh (see
 * {@link io.github.cognitotoken.TokenRenewalPolicy#freshnessThreshold}) and is another
 * token that expires no earlier than the token this fetcher returned last: the manager
 * asks again only when it needs a different token (renewal, or a token rejected with
 * 401), and an older entry written back to the store (a replay of an authentic entry) is
 * never taken.</li>
 * <li>Otherwise try the lock. The holder reads once more (another instance may have
 * stored a token in between), requests a token, stores it until it expires and releases
 * the lock.</li>
 * <li>Otherwise wait for the holder's token, trying the lock again at each poll so that
 * the lock of an instance that stopped mid-request is taken over when it expires. After
 * the longest wait, request a token without the lock.</li>
 * </ol>
 * When the store fails, the token is requested from the delegate directly.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
final class SharedCacheTokenFetcher implements CognitoTokenFetcher {

	private static final Log logger = LogFactory.getLog(SharedCacheTokenFetcher.class);

	private final CognitoTokenFetcher delegate;

	private final SharedTokenCache cache;

	// The token this fetcher returned last, which the manager holds
	private volatile @Nullable CognitoAccessToken held;

	/**
	 * Create a new fetcher.
	 * @param delegate what requests tokens from the token endpoint
	 * @param cache the shared cache
	 */
	SharedCacheTokenFetcher(CognitoTokenFetcher delegate, SharedTokenCache cache) {
		Assert.notNull(delegate, "'delegate' must not be null");
		Assert.notNull(cache, "'cache' must not be null");
		this.delegate = delegate;
		this.cache = cache;
	}

	@Override
	public boolean switchCredentials(CognitoTokenException failure) {
		return this.delegate.switchCredentials(failure);
	}

	@Override
	public CognitoAccessToken fetchToken() {
		CognitoAccessToken token = obtain();
		this.held = token;
		return token;
	}

	private CognitoAccessToken obtain() {
		long deadline = System.nanoTime() + this.cache.lockWaitNanos();
		try {
			while (true) {
				CognitoAccessToken shared = usable(this.cache.read());
				if (shared != null) {
					return shared;
				}
				String owner = this.cache.tryLock();
				if (owner != null) {
					return fetchHoldingLock(owner);
				}
				if (System.nanoTime() - deadline >= 0) {
					logger.debug("Another instance's Cognito token request is taking too long; requesting a token");
					return fetchAndShare();
				}
				this.cache.pause();
			}
		}
		catch (StoreUnavailableException ex) {
			return fetch();
		}
	}

	private CognitoAccessToken fetchHoldingLock(String owner) {
		try {
			CognitoAccessToken shared;
			try {
				shared = usable(this.cache.read());
			}
			catch (StoreUnavailableException ex) {
				return fetch();
			}
			return (shared != null) ? shared : fetchAndShare();
		}
		finally {
			this.cache.unlock(owner);
		}
	}

	private CognitoAccessToken fetchAndShare() {
		CognitoAccessToken token = fetch();
		this.cache.write(token);
		return token;
	}

	private CognitoAccessToken fetch() {
		CognitoAccessToken token = this.delegate.fetchToken();
		this.cache.recordTokenFetched();
		return token;
	}

	private @Nullable CognitoAccessToken usable(@Nullable CognitoAccessToken shared) {
		if (shared == null || !this.cache.isFresh(shared)) {
			return null;
		}
		CognitoAccessToken held = this.held;
		if (held != null
				&& (shared.getValue().equals(held.getValue()) || shared.getExpiresAt().isBefore(held.getExpiresAt()))) {
			// the token held, or an older one written back (a replay): never go back. An
			// entry is authenticated with its times, so its expiry cannot be faked.
			if (logger.isDebugEnabled() && !shared.getValue().equals(held.getValue())) {
				logger.debug("Ignoring a shared Cognito token that expires at " + shared.getExpiresAt()
						+ ", before the token held (" + held.getExpiresAt() + ")");
			}
			return null;
		}
		this.cache.recordTokenFromStore();
		return shared;
	}

	@Override
	public String toString() {
		return "SharedCacheTokenFetcher[" + this.cache + ", delegate=" + this.delegate + "]";
	}

}
