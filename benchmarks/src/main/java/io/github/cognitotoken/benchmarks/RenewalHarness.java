package io.github.cognitotoken.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.github.cognitotoken.CognitoTokenManager;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Renewal boundary: many threads get the {@code Authorization} header value at a steady
 * pace for a period that spans several token renewals (short-lived tokens, slow token
 * endpoint), and the latency of every call is recorded.
 * <p>
 * This library runs as an application would get it: a Spring Boot context with the
 * auto-configuration and its defaults, only the endpoint, credentials and clock skew set
 * (plus any extra properties given), so that a change of the defaults (such as renewing
 * ahead of expiry in the background) is measured without changing this harness. Spring
 * Security runs with its client-credentials provider, whose clock skew is set to the same
 * value because its default (60 s) is longer than the token lifetime.
 * <p>
 * A call that waits for a token request is slow, and while it waits its thread makes no
 * further calls. The results therefore come as recorded and corrected for coordinated
 * omission (HdrHistogram: the calls the thread would have made while it was blocked are
 * added with the latency they would have seen).
 *
 * @author cognito-token contributors
 */
public final class RenewalHarness {

	private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);

	private RenewalHarness() {
	}

	/**
	 * Run the renewal benchmark for both contenders.
	 * @param settings the settings
	 * @return the result of this library, then that of Spring Security
	 * @throws IOException if the token endpoint cannot be started
	 * @throws InterruptedException if interrupted
	 */
	public static List<Result> run(Settings settings) throws IOException, InterruptedException {
		List<Result> results = new ArrayList<>();
		try (TokenEndpointStub endpoint = TokenEndpointStub.start(settings.endpointLatency(),
				settings.tokenLifetime())) {
			try (ConfigurableApplicationContext context = cognitoApplication(endpoint, settings)) {
				CognitoTokenManager manager = context.getBean(CognitoTokenManager.class);
				results.add(measure(StampedeHarness.COGNITO, endpoint, settings,
						() -> manager.getAccessToken().getAuthorizationHeaderValue()));
			}
			Contenders.SpringSecurity springSecurity = Contenders.springSecurity(endpoint.getTokenUri(),
					settings.clockSkew());
			results.add(measure(StampedeHarness.SPRING_SECURITY, endpoint, settings,
					springSecurity::getAuthorizationHeaderValue));
		}
		return results;
	}

	private static ConfigurableApplicationContext cognitoApplication(TokenEndpointStub endpoint, Settings settings) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("cognito.client.client-id", Contenders.CLIENT_ID);
		properties.put("cognito.client.client-secret", Contenders.CLIENT_SECRET);
		properties.put("cognito.client.token-endpoint", endpoint.getTokenUri().toString());
		properties.put("cognito.client.clock-skew", settings.clockSkew().toMillis() + "ms");
		properties.put("logging.level.root", "WARN");
		for (String property : settings.extraCognitoProperties()) {
			int equals = property.indexOf('=');
			if (equals <= 0) {
				throw new IllegalArgumentException("Expected name=value: " + property);
			}
			properties.put(property.substring(0, equals).trim(), property.substring(equals + 1).trim());
		}
		return new SpringApplicationBuilder(RenewalApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties(properties)
			.run();
	}

	private static Result measure(String library, TokenEndpointStub endpoint, Settings settings,
			Supplier<String> header) throws InterruptedException {
		// First token and JIT warm-up, not recorded
		if (!header.get().startsWith("Bearer ")) {
			throw new IllegalStateException("Not a bearer header value");
		}
		runWorkers(settings, settings.warmup(), header);
		endpoint.resetRequestCount();
		Workers workers = runWorkers(settings, settings.duration(), header);
		int tokenRequests = endpoint.getRequestCount();
		Histogram corrected = workers.histogram.copyCorrectedForCoordinatedOmission(settings.callInterval().toNanos());
		return new Result(library, workers.histogram, corrected, workers.errors, workers.lastError, tokenRequests,
				workers.elapsedNanos);
	}

	private static Workers runWorkers(Settings settings, Duration duration, Supplier<String> header)
			throws InterruptedException {
		int threads = settings.threads();
		long intervalNanos = settings.callInterval().toNanos();
		long maxCallsPerThread = Math.max(1000, 4 * duration.toNanos() / Math.max(intervalNanos, 1));
		Histogram[] histograms = new Histogram[threads];
		Thread[] workers = new Thread[threads];
		AtomicLong errors = new AtomicLong();
		AtomicReference<@Nullable String> lastError = new AtomicReference<>();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		for (int i = 0; i < threads; i++) {
			Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
			histograms[i] = histogram;
			workers[i] = new Thread(() -> {
				long next = System.nanoTime();
				for (long call = 0; call < maxCallsPerThread; call++) {
					long before = System.nanoTime();
					if (before >= end) {
						break;
					}
					try {
						String value = header.get();
						histogram.recordValue(Math.min(System.nanoTime() - before, HIGHEST_TRACKABLE_NANOS));
						if (!value.startsWith("Bearer ")) {
							throw new IllegalStateException("Not a bearer header value");
						}
					}
					catch (RuntimeException ex) {
						errors.incrementAndGet();
						lastError.set(ex.toString());
					}
					next += intervalNanos;
					long now = System.nanoTime();
					if (next > now) {
						LockSupport.parkNanos(next - now);
					}
					else {
						// Behind schedule (the call was slow): do not try to catch up
						next = now;
					}
				}
			}, "renewal-" + i);
			workers[i].setDaemon(true);
			workers[i].start();
		}
		long joinDeadline = end + TimeUnit.SECONDS.toNanos(60);
		for (Thread worker : workers) {
			long remaining = TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime());
			worker.join(Math.max(remaining, 1));
			if (worker.isAlive()) {
				throw new IllegalStateException("Renewal worker " + worker.getName() + " did not finish in time");
			}
		}
		long elapsed = System.nanoTime() - start;
		Histogram total = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
		for (Histogram histogram : histograms) {
			total.add(histogram);
		}
		return new Workers(total, errors.get(), lastError.get(), elapsed);
	}

	private record Workers(Histogram histogram, long errors, @Nullable String lastError, long elapsedNanos) {

	}

	/**
	 * Settings of the renewal benchmark.
	 *
	 * @param threads how many threads make calls
	 * @param warmup how long to run before recording
	 * @param duration how long to record
	 * @param tokenLifetime the {@code expires_in} of the tokens (whole seconds)
	 * @param endpointLatency how long the token endpoint takes to answer
	 * @param clockSkew the clock skew of both contenders
	 * @param callInterval the pause between two calls of one thread
	 * @param extraCognitoProperties extra {@code name=value} properties for this
	 * library's application context
	 */
	public record Settings(int threads, Duration warmup, Duration duration, Duration tokenLifetime,
			Duration endpointLatency, Duration clockSkew, Duration callInterval, List<String> extraCognitoProperties) {

	}

	/**
	 * The latencies of one contender.
	 *
	 * @param library the contender
	 * @param recorded the latencies as recorded, in nanoseconds
	 * @param corrected the latencies corrected for coordinated omission, in nanoseconds
	 * @param errors how many calls failed
	 * @param lastError the last failure, if any
	 * @param tokenRequests how many token requests were made while recording
	 * @param elapsedNanos how long the recording took
	 */
	public record Result(String library, Histogram recorded, Histogram corrected, long errors,
			@Nullable String lastError, int tokenRequests, long elapsedNanos) {

		/**
		 * Return how many recorded calls took at least the given time.
		 * @param threshold the threshold
		 * @return the number of calls
		 */
		public long callsAtLeast(Duration threshold) {
			long thresholdNanos = threshold.toNanos();
			return (this.recorded.getMaxValue() < thresholdNanos) ? 0
					: this.recorded.getTotalCount() - this.recorded.getCountBetweenValues(0, thresholdNanos - 1);
		}

	}

	/**
	 * The application that this library's side runs in: auto-configuration only.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	public static class RenewalApplication {

	}

}
