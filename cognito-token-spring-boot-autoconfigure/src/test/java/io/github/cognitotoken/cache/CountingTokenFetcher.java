package io.github.cognitotoken.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenFetcher;

/**
 * Stands in for the token endpoint that a whole fleet shares: counts the requests and
 * dates each token with the test clock.
 */
class CountingTokenFetcher implements CognitoTokenFetcher {

	private final Clock clock;

	private final Duration lifetime;

	private final AtomicInteger count;

	CountingTokenFetcher(Clock clock, Duration lifetime, AtomicInteger count) {
		this.clock = clock;
		this.lifetime = lifetime;
		this.count = count;
	}

	@Override
	public CognitoAccessToken fetchToken() {
		int n = this.count.incrementAndGet();
		Instant now = this.clock.instant();
		return new CognitoAccessToken("token-" + n, now, now.plus(this.lifetime));
	}

}
