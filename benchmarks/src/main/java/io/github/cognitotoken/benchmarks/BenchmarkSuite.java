package io.github.cognitotoken.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark (the JMH benchmarks, the stampede and the renewal harness) and
 * writes the report. {@code benchmarks/run-benchmarks.sh} is the documented way to run
 * it.
 * <p>
 * Arguments: {@code --output <file>} (the Markdown report, default
 * {@code docs/benchmarks.md}) and {@code --environment <file>} (a Markdown fragment that
 * describes the JDK and the machine, written by the script). System property
 * {@code benchmarks.cognito-properties}: extra comma-separated {@code name=value}
 * properties for this library's application context in the renewal benchmark.
 *
 * @author cognito-token contributors
 */
public final class BenchmarkSuite {

	private BenchmarkSuite() {
	}

	/**
	 * The settings of a full run: a few minutes on a 2-core machine.
	 * @param extraCognitoProperties extra properties for the renewal benchmark
	 * @return the settings
	 */
	public static Settings fullSettings(List<String> extraCognitoProperties) {
		JmhSettings jmh = new JmhSettings(1, 3, Duration.ofSeconds(1), 5, Duration.ofSeconds(1), true,
				VerboseMode.NORMAL);
		RenewalHarness.Settings renewal = new RenewalHarness.Settings(16, Duration.ofSeconds(2), Duration.ofSeconds(12),
				Duration.ofSeconds(4), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(1),
				extraCognitoProperties);
		return new Settings(jmh, new int[] { 1, 8, 64, 256 }, 5, Duration.ofMillis(50), renewal);
	}

	/**
	 * The settings of a smoke run, which only proves that everything runs: in-process JMH
	 * with one short iteration, one stampede of 8 threads, two seconds of renewal.
	 * @return the settings
	 */
	public static Settings smokeSettings() {
		JmhSettings jmh = new JmhSettings(0, 0, Duration.ZERO, 1, Duration.ofMillis(100), false, VerboseMode.SILENT);
		RenewalHarness.Settings renewal = new RenewalHarness.Settings(4, Duration.ZERO, Duration.ofSeconds(2),
				Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(1), List.of());
		return new Settings(jmh, new int[] { 8 }, 1, Duration.ofMillis(50), renewal);
	}

	/**
	 * Run every benchmark.
	 * @param settings the settings
	 * @return the results
	 * @throws RunnerException if a JMH benchmark fails
	 * @throws IOException if a token endpoint cannot be started
	 * @throws InterruptedException if interrupted
	 */
	public static Results run(Settings settings) throws RunnerException, IOException, InterruptedException {
		log("JMH: hot path and interceptor benchmarks");
		Collection<RunResult> jmh = runJmh(settings.jmh());
		log("Stampede: threads " + Arrays.toString(settings.stampedeThreads()) + ", " + settings.stampedeRepetitions()
				+ " repetitions each");
		List<StampedeHarness.Result> stampede = StampedeHarness.run(settings.stampedeThreads(),
				settings.stampedeRepetitions(), settings.stampedeLatency());
		log("Renewal boundary: " + settings.renewal());
		List<RenewalHarness.Result> renewal = RenewalHarness.run(settings.renewal());
		return new Results(settings, new ArrayList<>(jmh), stampede, renewal);
	}

	private static Collection<RunResult> runJmh(JmhSettings settings) throws RunnerException {
		ChainedOptionsBuilder options = new OptionsBuilder()
			.include("^" + Pattern.quote(TokenBenchmarks.class.getName()) + "\\.")
			.include("^" + Pattern.quote(InterceptorBenchmarks.class.getName()) + "\\.")
			.forks(settings.forks())
			.warmupIterations(settings.warmupIterations())
			.warmupTime(TimeValue.milliseconds(settings.warmupTime().toMillis()))
			.measurementIterations(settings.measurementIterations())
			.measurementTime(TimeValue.milliseconds(settings.measurementTime().toMillis()))
			.threads(1)
			.shouldFailOnError(true)
			.verbosity(settings.verbosity());
		if (settings.forks() > 0) {
			options.jvmArgs("-Xms1g", "-Xmx1g");
		}
		if (settings.gcProfiler()) {
			options.addProfiler(GCProfiler.class);
		}
		return new Runner(options.build()).run();
	}

	private static void log(String message) {
		System.out.println("[benchmarks] " + message);
	}

	/**
	 * Run every benchmark with the full settings and write the report.
	 * @param args {@code --output <file>} and {@code --environment <file>}
	 * @throws Exception if a benchmark fails
	 */
	public static void main(String[] args) throws Exception {
		Path output = Path.of("docs/benchmarks.md");
		@Nullable String environment = null;
		for (int i = 0; i < args.length; i++) {
			if ("--output".equals(args[i]) && i + 1 < args.length) {
				output = Path.of(args[++i]);
			}
			else if ("--environment".equals(args[i]) && i + 1 < args.length) {
				environment = Files.readString(Path.of(args[++i]), StandardCharsets.UTF_8);
			}
			else {
				throw new IllegalArgumentException("Unknown argument: " + args[i]);
			}
		}
		String extra = System.getProperty("benchmarks.cognito-properties", "");
		List<String> extraProperties = Arrays.stream(extra.split(","))
			.map(String::trim)
			.filter((property) -> !property.isEmpty())
			.toList();
		Results results = run(fullSettings(extraProperties));
		String report = MarkdownReport.render(results, environment);
		Path parent = output.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		Files.writeString(output, report, StandardCharsets.UTF_8);
		log("Wrote " + output.toAbsolutePath());
		System.out.println();
		System.out.println(MarkdownReport.summary(results));
	}

	/**
	 * What to run and how long.
	 *
	 * @param jmh the JMH settings
	 * @param stampedeThreads the thread counts of the stampede
	 * @param stampedeRepetitions how often each stampede is repeated
	 * @param stampedeLatency the latency of the token endpoint in the stampede
	 * @param renewal the renewal benchmark settings
	 */
	public record Settings(JmhSettings jmh, int[] stampedeThreads, int stampedeRepetitions, Duration stampedeLatency,
			RenewalHarness.Settings renewal) {

	}

	/**
	 * JMH settings.
	 *
	 * @param forks the number of forks (0 runs in-process)
	 * @param warmupIterations the number of warm-up iterations
	 * @param warmupTime the length of a warm-up iteration
	 * @param measurementIterations the number of measurement iterations
	 * @param measurementTime the length of a measurement iteration
	 * @param gcProfiler whether to measure allocation with {@code -prof gc}
	 * @param verbosity how much JMH prints
	 */
	public record JmhSettings(int forks, int warmupIterations, Duration warmupTime, int measurementIterations,
			Duration measurementTime, boolean gcProfiler, VerboseMode verbosity) {

	}

	/**
	 * The results of a run.
	 *
	 * @param settings what was run
	 * @param jmh the JMH results
	 * @param stampede the stampede results
	 * @param renewal the renewal results
	 */
	public record Results(Settings settings, List<RunResult> jmh, List<StampedeHarness.Result> stampede,
			List<RenewalHarness.Result> renewal) {

	}

}
