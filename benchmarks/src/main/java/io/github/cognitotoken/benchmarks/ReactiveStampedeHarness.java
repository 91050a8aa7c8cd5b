package io.github.cognitotoken.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.cognitotoken.CognitoTokenManager;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * Reactive stampede: N subscribers go through a contender's exchange filter function at
 * the moment the cached token has expired. The subscriptions are made one after the other
 * from one thread, as an event loop would make them for N incoming requests, and nothing
 * blocks: each subscriber's request reaches a {@link StubExchangeFunction} once its
 * filter has a token. A local token endpoint that answers after a fixed latency counts
 * the token requests. Wall time runs from the first subscription until every subscriber
 * has its response.
 * <p>
 * This library's filter gets the token from
 * {@link CognitoTokenManager#getAccessTokenAsync()}; the token expires when its clock
 * jumps ahead. Spring Security's expires when an authorized client with an expired token
 * is put into its {@code InMemoryReactiveOAuth2AuthorizedClientService}.
 *
 * @author cognito-token contributors
 */
public final class ReactiveStampedeHarness {

	private static final long DONE_TIMEOUT_SECONDS = 60;

	private ReactiveStampedeHarness() {
	}

	/**
	 * Run the reactive stampede for both contenders.
	 * @param subscriberCounts the numbers of concurrent subscribers
	 * @param repetitions how often each count is repeated
	 * @param endpointLatency how long the token endpoint takes to answer
	 * @return one result per contender and subscriber count ({@code threads} is the
	 * number of subscribers)
	 * @throws IOException if the token endpoint cannot be started
	 * @throws InterruptedException if interrupted
	 */
	public static List<StampedeHarness.Result> run(int[] subscriberCounts, int repetitions, Duration endpointLatency)
			throws IOException, InterruptedException {
		List<StampedeHarness.Result> results = new ArrayList<>();
		ClientRequest request = ClientRequest.create(HttpMethod.GET, URI.create("https://api.example.com/orders/42"))
			.header(HttpHeaders.ACCEPT, "application/json")
			.build();
		try (TokenEndpointStub endpoint = TokenEndpointStub.start(endpointLatency, Duration.ofHours(1))) {
			OffsetClock clock = new OffsetClock();
			CognitoTokenManager manager = Contenders.cognitoTokenManager(endpoint.getTokenUri(), clock,
					CognitoTokenManager.DEFAULT_CLOCK_SKEW);
			try {
				ExchangeFilterFunction cognito = Contenders.cognitoExchangeFilter(manager);
				firstToken(cognito, request);
				for (int subscribers : subscriberCounts) {
					results.add(StampedeHarness.runRepeated(StampedeHarness.COGNITO, subscribers, repetitions, endpoint,
							() -> clock.advance(Duration.ofHours(2)), (n) -> runRound(n, cognito, request)));
				}
			}
			finally {
				manager.stop();
			}
			Contenders.ReactiveSpringSecurity springSecurity = Contenders.reactiveSpringSecurity(endpoint.getTokenUri(),
					Duration.ofSeconds(60));
			firstToken(springSecurity.filter(), request);
			for (int subscribers : subscriberCounts) {
				results.add(StampedeHarness.runRepeated(StampedeHarness.SPRING_SECURITY, subscribers, repetitions,
						endpoint, springSecurity::expireToken, (n) -> runRound(n, springSecurity.filter(), request)));
			}
		}
		return results;
	}

	private static void firstToken(ExchangeFilterFunction filter, ClientRequest request) {
		filter.filter(request, new StubExchangeFunction()).block(Duration.ofSeconds(DONE_TIMEOUT_SECONDS));
	}

	private static StampedeHarness.Round runRound(int subscribers, ExchangeFilterFunction filter, ClientRequest request)
			throws InterruptedException {
		StubExchangeFunction exchange = new StubExchangeFunction();
		CountDownLatch done = new CountDownLatch(subscribers);
		AtomicInteger failures = new AtomicInteger();
		AtomicReference<@Nullable String> failure = new AtomicReference<>();
		long start = System.nanoTime();
		for (int i = 0; i < subscribers; i++) {
			filter.filter(request, exchange).subscribe((response) -> done.countDown(), (ex) -> {
				failures.incrementAndGet();
				failure.set(ex.toString());
				done.countDown();
			});
		}
		boolean finished = done.await(DONE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		long wall = System.nanoTime() - start;
		if (!finished) {
			failures.addAndGet((int) done.getCount());
			failure.set("Timed out after " + DONE_TIMEOUT_SECONDS + " s");
		}
		return new StampedeHarness.Round(wall, failures.get(), failure.get());
	}

}
