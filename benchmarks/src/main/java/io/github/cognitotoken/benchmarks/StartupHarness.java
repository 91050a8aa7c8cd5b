package io.github.cognitotoken.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import io.github.cognitotoken.benchmarks.startup.StartupMain;
import org.jspecify.annotations.Nullable;

/**
 * Startup: what the starter adds to a Spring Boot application's startup. The same small
 * application ({@link io.github.cognitotoken.benchmarks.startup.StartupApplication}) is
 * launched in its own JVM without the starter on the class path and with it, and
 * {@link io.github.cognitotoken.benchmarks.startup.SpringSecurityStartupApplication wired
 * with Spring Security's client credentials}, against a local token endpoint and resource
 * server. Each launch makes one call (the authenticated ones to a path that answers 401
 * without a bearer token) and exits. The variants take turns, launch after launch, so
 * that a change of the machine's load touches all of them.
 * <p>
 * Each variant's class path is this JVM's, less the jars of the other contender and less
 * those only the benchmarks use (JMH, charts, WebFlux and Reactor, test libraries): the
 * application that runs without the starter does not have it on its class path at all.
 *
 * @author cognito-token contributors
 */
public final class StartupHarness {

	/**
	 * Name of the application without the starter in results.
	 */
	public static final String WITHOUT_STARTER = "Without the starter";

	private static final long LAUNCH_TIMEOUT_SECONDS = 120;

	private static final List<String> BENCHMARK_ONLY = List.of("jmh-", "jopt-simple", "commons-math3", "HdrHistogram",
			"jfreechart", "spring-webflux", "reactor-", "junit-", "opentest4j", "apiguardian", "assertj-", "byte-buddy",
			"surefire");

	private StartupHarness() {
	}

	/**
	 * Launch the applications.
	 * @param settings the settings
	 * @return one result per variant: without the starter, with it, Spring Security
	 * @throws IOException if a server or a JVM cannot be started
	 * @throws InterruptedException if interrupted
	 */
	public static List<Result> run(Settings settings) throws IOException, InterruptedException {
		try (TokenEndpointStub endpoint = TokenEndpointStub.start(settings.endpointLatency(), Duration.ofHours(1));
				ResourceServerStub server = ResourceServerStub.start(2)) {
			List<String> common = List.of("--benchmark.client-id=" + Contenders.CLIENT_ID,
					"--benchmark.client-secret=" + Contenders.CLIENT_SECRET,
					"--benchmark.token-uri=" + endpoint.getTokenUri(), "--logging.level.root=WARN");
			List<Variant> variants = List.of(
					new Variant(WITHOUT_STARTER, "plain", (entry) -> !isCognito(entry) && !isSpringSecurity(entry),
							concat(common, "--benchmark.resource-url=" + server.getPublicUri())),
					new Variant(StampedeHarness.COGNITO, "cognito", (entry) -> !isSpringSecurity(entry),
							concat(common, "--benchmark.resource-url=" + server.getApiUri(),
									"--cognito.client.client-id=" + Contenders.CLIENT_ID,
									"--cognito.client.client-secret=" + Contenders.CLIENT_SECRET,
									"--cognito.client.token-endpoint=" + endpoint.getTokenUri(),
									"--cognito.client.base-url=" + server.getBaseUri())),
					new Variant(StampedeHarness.SPRING_SECURITY, StartupMain.SPRING_SECURITY,
							(entry) -> !isCognito(entry),
							concat(common, "--benchmark.resource-url=" + server.getApiUri())));
			List<List<Launch>> launches = new ArrayList<>();
			for (int i = 0; i < variants.size(); i++) {
				launches.add(new ArrayList<>());
			}
			for (int round = 0; round < settings.warmupLaunches() + settings.launches(); round++) {
				for (int i = 0; i < variants.size(); i++) {
					Launch launch = launch(settings, variants.get(i));
					if (round >= settings.warmupLaunches()) {
						launches.get(i).add(launch);
					}
				}
			}
			if (server.getRejectedCount() > 0) {
				throw new IllegalStateException(server.getRejectedCount() + " calls arrived without a bearer token");
			}
			List<Result> results = new ArrayList<>();
			for (int i = 0; i < variants.size(); i++) {
				results.add(new Result(variants.get(i).name(), launches.get(i)));
			}
			return results;
		}
	}

	private static Launch launch(Settings settings, Variant variant) throws IOException, InterruptedException {
		String classpath = String.join(File.pathSeparator,
				settings.classpath().stream().filter(variant.classpath()).filter(StartupHarness::isNeeded).toList());
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(settings.jvmOptions());
		command.add("-cp");
		command.add(classpath);
		command.add(StartupMain.class.getName());
		command.add(variant.argument());
		command.addAll(variant.arguments());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		long launched = System.currentTimeMillis();
		Process process = builder.start();
		String output;
		try (InputStream in = process.getInputStream()) {
			output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		if (!process.waitFor(LAUNCH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(variant.name() + " did not exit in time:\n" + output);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(
					variant.name() + " exited with " + process.exitValue() + ":\n" + output.strip());
		}
		return Launch.parse(launched, output, variant.name());
	}

	private static boolean isCognito(String entry) {
		return entry.contains("cognito-token-spring-boot-autoconfigure")
				|| entry.contains("cognito-token-spring-boot-starter");
	}

	private static boolean isSpringSecurity(String entry) {
		return fileName(entry).startsWith("spring-security-");
	}

	private static boolean isNeeded(String entry) {
		String name = fileName(entry);
		return BENCHMARK_ONLY.stream().noneMatch(name::startsWith) && !entry.endsWith("test-classes");
	}

	private static String fileName(String entry) {
		Path name = Path.of(entry).getFileName();
		return (name != null) ? name.toString() : entry;
	}

	private static List<String> concat(List<String> first, String... more) {
		List<String> all = new ArrayList<>(first);
		all.addAll(Arrays.asList(more));
		return all;
	}

	/**
	 * Return the class path of this JVM: under Maven Surefire, the test class path.
	 * @return the class path entries
	 */
	public static List<String> currentClasspath() {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path", ""));
		return Arrays.stream(classpath.split(File.pathSeparator)).filter((entry) -> !entry.isBlank()).toList();
	}

	private record Variant(String name, String argument, Predicate<String> classpath, List<String> arguments) {

	}

	/**
	 * The moments one launch reached, in milliseconds since the epoch.
	 *
	 * @param launched just before the JVM was started
	 * @param main when {@code main} began
	 * @param refreshed when the application context was refreshed
	 * @param started when {@code SpringApplication.run} returned
	 * @param firstCall when the first call had its answer
	 * @param beans the number of bean definitions in the application context
	 * @param classes the number of classes the JVM had loaded after the first call
	 */
	public record Launch(long launched, long main, long refreshed, long started, long firstCall, long beans,
			long classes) {

		static Launch parse(long launched, String output, String variant) {
			for (String line : output.split("\\R")) {
				if (line.startsWith(StartupMain.RESULT_PREFIX)) {
					long main = value(line, "main");
					long refreshed = value(line, "refreshed");
					long started = value(line, "started");
					long firstCall = value(line, "firstCall");
					if (value(line, "status") != 200 || refreshed == 0) {
						throw new IllegalStateException(variant + " did not call successfully: " + line);
					}
					return new Launch(launched, main, refreshed, started, firstCall, value(line, "beans"),
							value(line, "classes"));
				}
			}
			throw new IllegalStateException(variant + " printed no result:\n" + output.strip());
		}

		private static long value(String line, String name) {
			for (String part : line.split(" ")) {
				if (part.startsWith(name + "=")) {
					return Long.parseLong(part.substring(name.length() + 1));
				}
			}
			throw new IllegalStateException("No " + name + " in " + line);
		}

		/**
		 * Return the time from the launch until {@code main} began: the JVM's own
		 * startup.
		 * @return milliseconds
		 */
		public long toMain() {
			return this.main - this.launched;
		}

		/**
		 * Return the time from {@code main} until the context was refreshed.
		 * @return milliseconds
		 */
		public long refresh() {
			return this.refreshed - this.main;
		}

		/**
		 * Return the time from {@code main} until {@code SpringApplication.run} returned.
		 * @return milliseconds
		 */
		public long run() {
			return this.started - this.main;
		}

		/**
		 * Return the time from the end of {@code SpringApplication.run} until the first
		 * call had its answer.
		 * @return milliseconds
		 */
		public long firstCallAfterStart() {
			return this.firstCall - this.started;
		}

		/**
		 * Return the time from the launch until the first call had its answer.
		 * @return milliseconds
		 */
		public long toFirstCall() {
			return this.firstCall - this.launched;
		}

	}

	/**
	 * Settings of the startup benchmark.
	 *
	 * @param launches how many launches of each variant are measured
	 * @param warmupLaunches how many launches of each variant come first and are not
	 * measured (they fill the file system cache)
	 * @param endpointLatency how long the token endpoint takes to answer
	 * @param jvmOptions options of every launched JVM
	 * @param classpath this JVM's class path, which the variants' are made from
	 */
	public record Settings(int launches, int warmupLaunches, Duration endpointLatency, List<String> jvmOptions,
			List<String> classpath) {

	}

	/**
	 * The launches of one variant.
	 *
	 * @param variant the variant
	 * @param launches the measured launches
	 */
	public record Result(String variant, List<Launch> launches) {

		/**
		 * Return the median of a measure over the launches.
		 * @param measure the measure, for example {@link Launch#toFirstCall()}
		 * @return the median in milliseconds, or {@code NaN} without launches
		 */
		public double median(ToLongFunction<Launch> measure) {
			long[] values = this.launches.stream().mapToLong(measure).sorted().toArray();
			if (values.length == 0) {
				return Double.NaN;
			}
			int middle = values.length / 2;
			return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
		}

		/**
		 * Return the fastest and slowest launch for a measure.
		 * @param measure the measure
		 * @return the minimum and maximum in milliseconds, or {@code null} without
		 * launches
		 */
		public long @Nullable [] range(ToLongFunction<Launch> measure) {
			long[] values = this.launches.stream().mapToLong(measure).sorted().toArray();
			return (values.length == 0) ? null : new long[] { values[0], values[values.length - 1] };
		}

	}

}
