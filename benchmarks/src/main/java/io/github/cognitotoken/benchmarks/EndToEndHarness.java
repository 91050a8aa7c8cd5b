package io.github.cognitotoken.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.cognitotoken.CognitoTokenManager;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

/**
 * End to end: calls per second through {@link RestClient} against a local resource server
 * ({@link ResourceServerStub}) that checks the bearer token, at several thread counts.
 * Three contenders, each a {@code RestClient} built from the {@code RestClient.Builder}
 * that Spring Boot auto-configures (the same HTTP client for all, chosen from the class
 * path: the JDK {@code HttpClient}):
 * <ul>
 * <li>the floor: a fixed, precomputed {@code Authorization} header set with
 * {@code defaultHeader}, no interceptor, no token logic;</li>
 * <li>this library: the builder of an application context with the starter configured,
 * which adds the interceptor and the redirect guard;</li>
 * <li>Spring Security: the builder of an application context without the starter, with
 * {@code OAuth2ClientHttpRequestInterceptor} added (see {@link Contenders}).</li>
 * </ul>
 * Every contender first warms up; then the contenders take turns (the order rotates from
 * round to round) so that a change of the machine's load touches all of them.
 *
 * @author cognito-token contributors
 */
public final class EndToEndHarness {

	/**
	 * Name of the floor in results.
	 */
	public static final String FLOOR = "Fixed header (floor)";

	private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);

	private EndToEndHarness() {
	}

	/**
	 * Run the end-to-end benchmark.
	 * @param settings the settings
	 * @return one result per thread count and contender, the floor first
	 * @throws IOException if a server cannot be started
	 * @throws InterruptedException if interrupted
	 */
	public static List<Result> run(Settings settings) throws IOException, InterruptedException {
		List<Result> results = new ArrayList<>();
		try (TokenEndpointStub endpoint = TokenEndpointStub.start(Duration.ZERO, Duration.ofHours(1));
				ResourceServerStub server = ResourceServerStub.start(settings.serverThreads());
				ConfigurableApplicationContext plain = application(Map.of());
				ConfigurableApplicationContext cognito = application(cognitoProperties(endpoint, server))) {
			String fixedHeader = cognito.getBean(CognitoTokenManager.class)
				.getAccessToken()
				.getAuthorizationHeaderValue();
			List<Contender> contenders = List.of(
					new Contender(FLOOR,
							plain.getBean(RestClient.Builder.class)
								.defaultHeader(HttpHeaders.AUTHORIZATION, fixedHeader)
								.build()),
					new Contender(StampedeHarness.COGNITO, cognito.getBean(RestClient.Builder.class).build()),
					new Contender(StampedeHarness.SPRING_SECURITY, plain.getBean(RestClient.Builder.class)
						.requestInterceptor(
								Contenders.springSecurity(endpoint.getTokenUri(), Duration.ofSeconds(60)).interceptor())
						.build()));
			URI uri = server.getApiUri();
			for (Contender contender : contenders) {
				call(contender.client(), uri);
			}
			for (int threads : settings.threads()) {
				results.addAll(measure(settings, threads, contenders, uri));
			}
			if (server.getRejectedCount() > 0) {
				throw new IllegalStateException(server.getRejectedCount() + " requests arrived without a bearer token");
			}
		}
		return results;
	}

	private static Map<String, Object> cognitoProperties(TokenEndpointStub endpoint, ResourceServerStub server) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("cognito.client.client-id", Contenders.CLIENT_ID);
		properties.put("cognito.client.client-secret", Contenders.CLIENT_SECRET);
		properties.put("cognito.client.token-endpoint", endpoint.getTokenUri().toString());
		properties.put("cognito.client.base-url", server.getBaseUri().toString());
		return properties;
	}

	private static ConfigurableApplicationContext application(Map<String, Object> properties) {
		Map<String, Object> all = new LinkedHashMap<>(properties);
		all.put("logging.level.root", "WARN");
		return new SpringApplicationBuilder(EndToEndApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties(all)
			.run();
	}

	private static List<Result> measure(Settings settings, int threads, List<Contender> contenders, URI uri)
			throws InterruptedException {
		for (Contender contender : contenders) {
			runThreads(contender.client(), uri, threads, settings.warmup());
		}
		List<List<Run>> runs = new ArrayList<>();
		for (int i = 0; i < contenders.size(); i++) {
			runs.add(new ArrayList<>());
		}
		for (int round = 0; round < settings.rounds(); round++) {
			for (int i = 0; i < contenders.size(); i++) {
				int index = (round + i) % contenders.size();
				runs.get(index).add(runThreads(contenders.get(index).client(), uri, threads, settings.roundDuration()));
			}
		}
		List<Result> results = new ArrayList<>();
		for (int index = 0; index < contenders.size(); index++) {
			Contender contender = contenders.get(index);
			List<Run> contenderRuns = runs.get(index);
			Histogram latencies = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
			long calls = 0;
			long nanos = 0;
			long errors = 0;
			@Nullable String lastError = null;
			double[] callsPerSecond = new double[contenderRuns.size()];
			for (int i = 0; i < contenderRuns.size(); i++) {
				Run run = contenderRuns.get(i);
				latencies.add(run.latencies());
				calls += run.calls();
				nanos += run.elapsedNanos();
				errors += run.errors();
				lastError = (run.lastError() != null) ? run.lastError() : lastError;
				callsPerSecond[i] = run.calls() * 1e9 / run.elapsedNanos();
			}
			results
				.add(new Result(contender.name(), threads, calls, nanos, callsPerSecond, latencies, errors, lastError));
		}
		return results;
	}

	private static Run runThreads(RestClient client, URI uri, int threads, Duration duration)
			throws InterruptedException {
		if (duration.isZero()) {
			return new Run(0, 1, new Histogram(HIGHEST_TRACKABLE_NANOS, 3), 0, null);
		}
		Histogram[] histograms = new Histogram[threads];
		Thread[] workers = new Thread[threads];
		AtomicLong errors = new AtomicLong();
		AtomicReference<@Nullable String> lastError = new AtomicReference<>();
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		long[] deadline = new long[1];
		for (int i = 0; i < threads; i++) {
			Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
			histograms[i] = histogram;
			workers[i] = new Thread(() -> {
				ready.countDown();
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				long end = deadline[0];
				while (true) {
					long before = System.nanoTime();
					if (before >= end) {
						break;
					}
					try {
						call(client, uri);
						histogram.recordValue(Math.min(System.nanoTime() - before, HIGHEST_TRACKABLE_NANOS));
					}
					catch (RuntimeException ex) {
						errors.incrementAndGet();
						lastError.set(ex.toString());
					}
				}
			}, "end-to-end-" + i);
			workers[i].setDaemon(true);
			workers[i].start();
		}
		ready.await();
		long start = System.nanoTime();
		deadline[0] = start + duration.toNanos();
		go.countDown();
		for (Thread worker : workers) {
			worker.join(duration.toMillis() + TimeUnit.SECONDS.toMillis(60));
			if (worker.isAlive()) {
				throw new IllegalStateException("End-to-end worker " + worker.getName() + " did not finish in time");
			}
		}
		long elapsed = System.nanoTime() - start;
		Histogram total = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
		for (Histogram histogram : histograms) {
			total.add(histogram);
		}
		return new Run(total.getTotalCount(), elapsed, total, errors.get(), lastError.get());
	}

	private static void call(RestClient client, URI uri) {
		String body = client.get().uri(uri).retrieve().body(String.class);
		if (body == null || body.isEmpty()) {
			throw new IllegalStateException("Empty response");
		}
	}

	private record Contender(String name, RestClient client) {

	}

	private record Run(long calls, long elapsedNanos, Histogram latencies, long errors, @Nullable String lastError) {

	}

	/**
	 * Settings of the end-to-end benchmark.
	 *
	 * @param threads the numbers of calling threads
	 * @param warmup how long each contender runs before the rounds, per thread count
	 * @param rounds how many turns each contender takes
	 * @param roundDuration how long one turn lasts
	 * @param serverThreads how many threads the resource server handles requests with
	 */
	public record Settings(int[] threads, Duration warmup, int rounds, Duration roundDuration, int serverThreads) {

	}

	/**
	 * The calls of one contender at one thread count, over all rounds.
	 *
	 * @param library the contender
	 * @param threads the number of calling threads
	 * @param calls how many calls succeeded
	 * @param elapsedNanos how long the rounds took together
	 * @param roundCallsPerSecond the calls per second of each round
	 * @param latencies the latency of every successful call, in nanoseconds
	 * @param errors how many calls failed
	 * @param lastError the last failure, if any
	 */
	public record Result(String library, int threads, long calls, long elapsedNanos, double[] roundCallsPerSecond,
			Histogram latencies, long errors, @Nullable String lastError) {

		/**
		 * Return the calls per second over all rounds.
		 * @return the throughput
		 */
		public double callsPerSecond() {
			return (this.elapsedNanos > 0) ? this.calls * 1e9 / this.elapsedNanos : 0;
		}

	}

	/**
	 * The application whose {@code RestClient.Builder} the contenders use:
	 * auto-configuration only.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	public static class EndToEndApplication {

	}

}
