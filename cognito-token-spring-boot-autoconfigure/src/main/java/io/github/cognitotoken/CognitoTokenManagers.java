package io.github.cognitotoken;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * The {@link CognitoTokenManager} of every configured Cognito client, by name: the
 * default client ({@code cognito.client.*}) is named {@value #DEFAULT}, and each named
 * client ({@code cognito.clients.<name>.*}) has its own name.
 * <p>
 * As a {@link SmartLifecycle}, it starts every manager it holds at once, one phase before
 * the managers' own phase, so that their first token requests run in parallel; it then
 * waits for the first token of each manager built with {@code failFast} and, when one
 * cannot be obtained, stops every manager and throws a {@link FirstTokenException} that
 * names the client. Managers that are beans of their own (the default client's) keep
 * their own lifecycle as well: they are only started here, never stopped.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class CognitoTokenManagers implements SmartLifecycle {

	/**
	 * Name of the default client, configured with {@code cognito.client.*}.
	 */
	public static final String DEFAULT = "default";

	private final Map<String, CognitoTokenManager> managers;

	private final Set<String> owned;

	private volatile boolean running;

	private CognitoTokenManagers(Map<String, CognitoTokenManager> managers, Set<String> owned) {
		this.managers = managers;
		this.owned = owned;
	}

	/**
	 * Return a new instance holding the given managers, whose lifecycle it owns: it
	 * starts and stops them.
	 * @param managers the managers by client name, in the order to report them
	 * @return the managers
	 */
	public static CognitoTokenManagers of(Map<String, CognitoTokenManager> managers) {
		return of(managers, managers.keySet());
	}

	/**
	 * Return a new instance holding the given managers.
	 * @param managers the managers by client name, in the order to report them
	 * @param owned the names of the managers whose lifecycle this instance owns (it also
	 * stops them); the others are only started early, in parallel with the rest
	 * @return the managers
	 */
	public static CognitoTokenManagers of(Map<String, CognitoTokenManager> managers, Set<String> owned) {
		Assert.notNull(managers, "'managers' must not be null");
		Assert.notNull(owned, "'owned' must not be null");
		managers.forEach((name, manager) -> {
			Assert.hasText(name, "a client name must not be empty");
			Assert.notNull(manager, () -> "the manager of '" + name + "' must not be null");
		});
		Assert.isTrue(managers.keySet().containsAll(owned), "'owned' must name held managers only");
		return new CognitoTokenManagers(Collections.unmodifiableMap(new LinkedHashMap<>(managers)), Set.copyOf(owned));
	}

	/**
	 * Return the manager of the named client.
	 * @param name the client name, {@value #DEFAULT} for {@code cognito.client.*}
	 * @return the manager
	 * @throws IllegalArgumentException when no client has that name
	 */
	public CognitoTokenManager get(String name) {
		CognitoTokenManager manager = find(name);
		if (manager == null) {
			throw new IllegalArgumentException(
					"No Cognito client is named '" + name + "': the configured clients are " + this.managers.keySet()
							+ " (cognito.client.* is '" + DEFAULT + "', cognito.clients.<name>.* the others)");
		}
		return manager;
	}

	/**
	 * Return the manager of the named client, if there is one.
	 * @param name the client name
	 * @return the manager, or {@code null} when no client has that name
	 */
	public @Nullable CognitoTokenManager find(String name) {
		Assert.notNull(name, "'name' must not be null");
		return this.managers.get(name);
	}

	/**
	 * Return the names of the configured clients, the default client's first when it
	 * exists.
	 * @return the client names, unmodifiable
	 */
	public Set<String> names() {
		return this.managers.keySet();
	}

	/**
	 * Return every manager by client name.
	 * @return the managers, unmodifiable
	 */
	public Map<String, CognitoTokenManager> asMap() {
		return this.managers;
	}

	/**
	 * Start every manager and fetch their first tokens in parallel; wait for those of the
	 * managers built with {@code failFast}.
	 * @throws CognitoTokenException when the first token of a fail-fast manager could not
	 * be obtained; every manager is stopped then
	 */
	@Override
	public void start() {
		Map<String, CompletableFuture<CachedToken>> failFast = new LinkedHashMap<>();
		this.managers.forEach((name, manager) -> {
			CompletableFuture<CachedToken> first = manager.startWithoutWaiting();
			if (first != null && manager.isFailFast()) {
				failFast.put(name, first);
			}
		});
		this.running = true;
		failFast.forEach((name, first) -> {
			try {
				TokenAttempts.await(first);
			}
			catch (CognitoTokenException ex) {
				this.managers.values().forEach(CognitoTokenManager::stop);
				this.running = false;
				throw new FirstTokenException(name, ex);
			}
		});
	}

	@Override
	public void stop() {
		this.running = false;
		this.managers.forEach((name, manager) -> {
			if (this.owned.contains(name)) {
				manager.stop();
			}
		});
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Return the phase: one before the managers', so that this starts them together.
	 * @return the phase
	 */
	@Override
	public int getPhase() {
		return CognitoTokenManager.DEFAULT_PHASE - 1;
	}

	@Override
	public String toString() {
		return "CognitoTokenManagers" + this.managers.keySet();
	}

	/**
	 * Thrown at startup when a client built with {@code failFast} could not obtain its
	 * first token.
	 */
	public static final class FirstTokenException extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		private final String clientName;

		private final CognitoTokenException failure;

		FirstTokenException(String clientName, CognitoTokenException cause) {
			super("Cognito client '" + clientName + "' could not obtain its first access token: " + cause.getMessage(),
					cause);
			this.clientName = clientName;
			this.failure = cause;
		}

		/**
		 * Return the name of the client that failed.
		 * @return the client name
		 */
		public String getClientName() {
			return this.clientName;
		}

		/**
		 * Return why the first token could not be obtained.
		 * @return the failure
		 */
		public CognitoTokenException getFailure() {
			return this.failure;
		}

	}

}
