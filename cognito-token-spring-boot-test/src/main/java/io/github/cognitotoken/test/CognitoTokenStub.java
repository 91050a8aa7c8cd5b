package io.github.cognitotoken.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.autoconfigure.CognitoTokenFetcherFactory;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;

import org.springframework.util.Assert;

/**
 * A {@link CognitoTokenFetcherFactory} that gives every Cognito client a fetcher which
 * issues tokens in memory instead of calling the token endpoint: no connection is made
 * and the client secret is not used. Each token is a Cognito-shaped JWT from a
 * {@link CognitoTestTokenIssuer} that carries the client's id and configured scopes.
 * <p>
 * The stub counts the token requests of each client (the {@code default} client and every
 * named client), so tests can assert how many tokens the application asked for and what
 * they carried. {@code @AutoConfigureCognitoTokenStub} defines one as a bean; the token
 * managers around the fetchers work as usual, so a client asks the stub again only when
 * its cached token needs renewal.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 * @see io.github.cognitotoken.test.autoconfigure.AutoConfigureCognitoTokenStub
 */
public final class CognitoTokenStub implements CognitoTokenFetcherFactory {

	/**
	 * The lifetime of the stub's tokens unless another is given.
	 */
	public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

	private final CognitoTestTokenIssuer tokenIssuer;

	private final Duration lifetime;

	private final Clock clock;

	private final Map<String, List<CognitoTestToken>> issued = new LinkedHashMap<>();

	private CognitoTokenStub(CognitoTestTokenIssuer tokenIssuer, Duration lifetime, Clock clock) {
		Assert.notNull(tokenIssuer, "'tokenIssuer' must not be null");
		Assert.notNull(lifetime, "'lifetime' must not be null");
		Assert.isTrue(lifetime.toSeconds() >= 1, "'lifetime' must be at least 1 second");
		Assert.notNull(clock, "'clock' must not be null");
		this.tokenIssuer = tokenIssuer;
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/**
	 * Return a stub whose tokens live {@link #DEFAULT_LIFETIME}, signed by a new issuer
	 * and dated by the system clock.
	 * @return the stub
	 */
	public static CognitoTokenStub withDefaults() {
		return of(CognitoTestTokenIssuer.create(), DEFAULT_LIFETIME, Clock.systemUTC());
	}

	/**
	 * Return a stub.
	 * @param tokenIssuer what signs the tokens
	 * @param lifetime how long each token lives, at least one second
	 * @param clock the clock that dates the tokens: the token managers' clock
	 * @return the stub
	 */
	public static CognitoTokenStub of(CognitoTestTokenIssuer tokenIssuer, Duration lifetime, Clock clock) {
		return new CognitoTokenStub(tokenIssuer, lifetime, clock);
	}

	@Override
	public CognitoTokenFetcher create(String clientName, CognitoClientRegistration registration) {
		Assert.hasText(clientName, "'clientName' must not be empty");
		Assert.notNull(registration, "'registration' must not be null");
		String clientId = registration.getClientId();
		List<String> scopes = registration.getScopes();
		synchronized (this.issued) {
			this.issued.putIfAbsent(clientName, new ArrayList<>());
		}
		return () -> issue(clientName, clientId, scopes);
	}

	private CognitoAccessToken issue(String clientName, String clientId, List<String> scopes) {
		Instant now = this.clock.instant();
		CognitoTestToken token = this.tokenIssuer.issue(clientId, scopes, now, this.lifetime);
		synchronized (this.issued) {
			this.issued.computeIfAbsent(clientName, (name) -> new ArrayList<>()).add(token);
		}
		// like expires_in: the lifetime counts from when the token is received
		return new CognitoAccessToken(token.getValue(), now, now.plusSeconds(this.lifetime.toSeconds()));
	}

	/**
	 * Return the names of the clients that have a fetcher from this stub: {@code default}
	 * for {@code cognito.client.*} and the name of each {@code cognito.clients.<name>.*}.
	 * @return the client names, in the order their fetchers were created
	 */
	public Set<String> getClientNames() {
		synchronized (this.issued) {
			return Collections.unmodifiableSet(new LinkedHashSet<>(this.issued.keySet()));
		}
	}

	/**
	 * Return how many tokens a client asked for since it was created or since
	 * {@link #reset()}.
	 * @param clientName the client name ({@code default} for {@code cognito.client.*})
	 * @return the number of token requests
	 * @throws IllegalArgumentException if no client of that name has a fetcher from this
	 * stub
	 */
	public int getTokenRequests(String clientName) {
		return getIssuedTokens(clientName).size();
	}

	/**
	 * Return how many tokens all clients together asked for since they were created or
	 * since {@link #reset()}.
	 * @return the number of token requests
	 */
	public int getTokenRequests() {
		synchronized (this.issued) {
			return this.issued.values().stream().mapToInt(List::size).sum();
		}
	}

	/**
	 * Return the tokens issued to a client, oldest first.
	 * @param clientName the client name ({@code default} for {@code cognito.client.*})
	 * @return the tokens
	 * @throws IllegalArgumentException if no client of that name has a fetcher from this
	 * stub
	 */
	public List<CognitoTestToken> getIssuedTokens(String clientName) {
		synchronized (this.issued) {
			List<CognitoTestToken> tokens = this.issued.get(clientName);
			if (tokens == null) {
				throw new IllegalArgumentException(
						"No Cognito client named '" + clientName + "' has a fetcher from this stub; clients: "
								+ this.issued.keySet() + " (the default client is named 'default')");
			}
			return List.copyOf(tokens);
		}
	}

	/**
	 * Return the last token issued to a client: the one its requests carry, unless the
	 * application obtained it another way.
	 * @param clientName the client name ({@code default} for {@code cognito.client.*})
	 * @return the token
	 * @throws IllegalArgumentException if no client of that name has a fetcher from this
	 * stub
	 * @throws IllegalStateException if the client has not asked for a token yet
	 */
	public CognitoTestToken getLastToken(String clientName) {
		List<CognitoTestToken> tokens = getIssuedTokens(clientName);
		if (tokens.isEmpty()) {
			throw new IllegalStateException("Cognito client '" + clientName + "' has not asked for a token yet");
		}
		return tokens.get(tokens.size() - 1);
	}

	/**
	 * Forget the tokens issued so far: counts start again from zero. The token managers
	 * keep their cached tokens; invalidate them through {@code CognitoTokenManagers} to
	 * make the clients ask again.
	 */
	public void reset() {
		synchronized (this.issued) {
			this.issued.values().forEach(List::clear);
		}
	}

	/**
	 * Return what signs the tokens: its public key or JWK set validates them.
	 * @return the token issuer
	 */
	public CognitoTestTokenIssuer getTokenIssuer() {
		return this.tokenIssuer;
	}

	/**
	 * Return how long each token lives.
	 * @return the lifetime
	 */
	public Duration getLifetime() {
		return this.lifetime;
	}

	@Override
	public String toString() {
		return "CognitoTokenStub[clients=" + getClientNames() + ", tokenRequests=" + getTokenRequests() + ", lifetime="
				+ this.lifetime + "]";
	}

}
