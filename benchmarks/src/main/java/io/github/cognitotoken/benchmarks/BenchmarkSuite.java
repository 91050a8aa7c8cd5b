package io.github.cognitotoken.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
 * Runs every benchmark and writes the report and its charts.
 * {@code benchmarks/run-benchmarks.sh} is the documented way to run it.
 * <p>
 * The parts, always this library side by side with Spring Security in the same run: the
 * JMH benchmarks ({@link #JMH_BENCHMARKS}: hot path, interceptor, reactive filter, named
 * clients), the stampede (threads and reactive subscribers), the renewal boundary,
 * startup (separate JVMs) and end to end ({@code RestClient} against a local server).
 * <p>
 * Adding a benchmark: a JMH class goes into {@link #JMH_BENCHMARKS} and its part of the
 * report, a {@link ReportSection}, into {@link MarkdownReport#SECTIONS}; its results are
 * found among {@link Results#jmh()} by benchmark name (and {@code @Param} values, see
 * {@link MarkdownReport#jmh(Results, String, Map)}), so neither {@link Results} nor
 * {@link Settings} change; a run that should not try every {@code @Param} value (the
 * smoke run) restricts them in {@link JmhSettings#params()}. A harness outside JMH adds
 * its settings and results here.
 * <p>
 * Arguments: {@code --output <file>} (the Markdown report, default
 * {@code docs/benchmarks.md}), {@code --charts <directory>} (where the PNG charts go,
 * default {@code benchmarks/} beside the report), {@code --environment <file>} (a
 * Markdown fragment that describes the JDK and the machine, written by the script) and
 * {@code --quick} (shortened settings: a check that everything runs, numbers only
 * indicative). System property {@code benchmarks.cognito-properties}: extra
 * comma-separated {@code name=value} properties for this library's application context in
 * the renewal benchmark.
 *
 * @author cognito-token contributors
 */
public final class BenchmarkSuite {

	/**
	 * The JMH benchmark classes, run in this order.
	 */
	public static final List<Class<?>> JMH_BENCHMARKS = List.of(TokenBenchmarks.class, InterceptorBenchmarks.class,
			ReactiveFilterBenchmarks.class, NamedClientBenchmarks.class);

	private BenchmarkSuite() {
	}

	/**
	 * The settings of a full run: about 13 minutes on a 2-core machine.
	 * @param extraCognitoProperties extra properties for the renewal benchmark
	 * @param classpath the class path the startup applications are launched with
	 * @return the settings
	 */
	public static Settings fullSettings(List<String> extraCognitoProperties, List<String> classpath) {
		JmhSettings jmh = new JmhSettings(1, 3, Duration.ofSeconds(1), 5, Duration.ofSeconds(1), true,
				VerboseMode.NORMAL, Map.of());
		RenewalHarness.Settings renewal = new RenewalHarness.Settings(16, Duration.ofSeconds(2), Duration.ofSeconds(12),
				Duration.ofSeconds(4), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(1),
				extraCognitoProperties);
		StartupHarness.Settings startup = new StartupHarness.Settings(10, 1, Duration.ofMillis(50), List.of(),
				classpath);
		EndToEndHarness.Settings endToEnd = new EndToEndHarness.Settings(new int[] { 1, 16 }, Duration.ofSeconds(5), 5,
				Duration.ofSeconds(3), 8);
		return new Settings("full", jmh, new int[] { 1, 8, 64, 256 }, new int[] { 1, 10, 100, 1000 }, 5,
				Duration.ofMillis(50), renewal, startup, endToEnd);
	}

	/**
	 * The settings of a quick run, about 6 minutes: every part with shorter measurements
	 * and fewer repetitions, for checking that everything runs and draws; its numbers are
	 * only indicative.
	 * @param extraCognitoProperties extra properties for the renewal benchmark
	 * @param classpath the class path the startup applications are launched with
	 * @return the settings
	 */
	public static Settings quickSettings(List<String> extraCognitoProperties, List<String> classpath) {
		JmhSettings jmh = new JmhSettings(1, 1, Duration.ofSeconds(1), 2, Duration.ofSeconds(1), true,
				VerboseMode.NORMAL, Map.of());
		RenewalHarness.Settings renewal = new RenewalHarness.Settings(16, Duration.ofSeconds(1), Duration.ofSeconds(6),
				Duration.ofSeconds(4), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(1),
				extraCognitoProperties);
		StartupHarness.Settings startup = new StartupHarness.Settings(3, 0, Duration.ofMillis(50), List.of(),
				classpath);
		EndToEndHarness.Settings endToEnd = new EndToEndHarness.Settings(new int[] { 1, 16 }, Duration.ofSeconds(1), 2,
				Duration.ofSeconds(1), 8);
		return new Settings("quick", jmh, new int[] { 1, 8, 64, 256 }, new int[] { 1, 10, 100, 1000 }, 2,
				Duration.ofMillis(50), renewal, startup, endToEnd);
	}

	/**
	 * The settings of a smoke run, which only proves that everything runs: in-process JMH
	 * with one short iteration (named clients with 100 clients only, by each resolution),
	 * one stampede of 8 threads and one of 100 subscribers, two seconds of renewal, one
	 * launch of each startup application, 200 ms end to end.
	 * @param classpath the class path the startup applications are launched with
	 * @return the settings
	 */
	public static Settings smokeSettings(List<String> classpath) {
		JmhSettings jmh = new JmhSettings(0, 0, Duration.ZERO, 1, Duration.ofMillis(100), false, VerboseMode.SILENT,
				Map.of("clients", List.of("100")));
		RenewalHarness.Settings renewal = new RenewalHarness.Settings(4, Duration.ZERO, Duration.ofSeconds(2),
				Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(1), List.of());
		StartupHarness.Settings startup = new StartupHarness.Settings(1, 0, Duration.ofMillis(50), List.of(),
				classpath);
		EndToEndHarness.Settings endToEnd = new EndToEndHarness.Settings(new int[] { 2 }, Duration.ZERO, 1,
				Duration.ofMillis(200), 2);
		return new Settings("smoke", jmh, new int[] { 8 }, new int[] { 100 }, 1, Duration.ofMillis(50), renewal,
				startup, endToEnd);
	}

	/**
	 * Run every benchmark.
	 * @param settings the settings
	 * @return the results
	 * @throws RunnerException if a JMH benchmark fails
	 * @throws IOException if a server or a JVM cannot be started
	 * @throws InterruptedException if interrupted
	 */
	public static Results run(Settings settings) throws RunnerException, IOException, InterruptedException {
		double loadBefore = loadAverage();
		log("JMH: " + JMH_BENCHMARKS.stream().map(Class::getSimpleName).toList());
		Collection<RunResult> jmh = runJmh(settings.jmh());
		log("Stampede: threads " + Arrays.toString(settings.stampedeThreads()) + ", " + settings.stampedeRepetitions()
				+ " repetitions each");
		List<StampedeHarness.Result> stampede = StampedeHarness.run(settings.stampedeThreads(),
				settings.stampedeRepetitions(), settings.stampedeLatency());
		log("Reactive stampede: subscribers " + Arrays.toString(settings.reactiveSubscribers()) + ", "
				+ settings.stampedeRepetitions() + " repetitions each");
		List<StampedeHarness.Result> reactiveStampede = ReactiveStampedeHarness.run(settings.reactiveSubscribers(),
				settings.stampedeRepetitions(), settings.stampedeLatency());
		log("Renewal boundary: " + settings.renewal());
		List<RenewalHarness.Result> renewal = RenewalHarness.run(settings.renewal());
		log("Startup: " + settings.startup().launches() + " launches of each application (after "
				+ settings.startup().warmupLaunches() + " not measured)");
		List<StartupHarness.Result> startup = StartupHarness.run(settings.startup());
		log("End to end: threads " + Arrays.toString(settings.endToEnd().threads()) + ", "
				+ settings.endToEnd().rounds() + " rounds of " + settings.endToEnd().roundDuration().toMillis()
				+ " ms");
		List<EndToEndHarness.Result> endToEnd = EndToEndHarness.run(settings.endToEnd());
		double load = Math.max(loadBefore, loadAverage());
		return new Results(settings, new ArrayList<>(jmh), stampede, reactiveStampede, renewal, startup, endToEnd,
				load);
	}

	private static double loadAverage() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	private static Collection<RunResult> runJmh(JmhSettings settings) throws RunnerException {
		ChainedOptionsBuilder options = new OptionsBuilder();
		for (Class<?> benchmark : JMH_BENCHMARKS) {
			options.include("^" + Pattern.quote(benchmark.getName()) + "\\.");
		}
		options.forks(settings.forks())
			.warmupIterations(settings.warmupIterations())
			.warmupTime(TimeValue.milliseconds(settings.warmupTime().toMillis()))
			.measurementIterations(settings.measurementIterations())
			.measurementTime(TimeValue.milliseconds(settings.measurementTime().toMillis()))
			.threads(1)
			.shouldFailOnError(true)
			.verbosity(settings.verbosity());
		settings.params().forEach((name, values) -> options.param(name, values.toArray(String[]::new)));
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
	 * Run every benchmark and write the report and its charts.
	 * @param args {@code --output <file>}, {@code --charts <directory>},
	 * {@code --environment <file>}, {@code --quick}
	 * @throws Exception if a benchmark fails
	 */
	public static void main(String[] args) throws Exception {
		Path output = Path.of("docs/benchmarks.md");
		@Nullable Path charts = null;
		@Nullable String environment = null;
		boolean quick = false;
		for (int i = 0; i < args.length; i++) {
			if ("--output".equals(args[i]) && i + 1 < args.length) {
				output = Path.of(args[++i]);
			}
			else if ("--charts".equals(args[i]) && i + 1 < args.length) {
				charts = Path.of(args[++i]);
			}
			else if ("--environment".equals(args[i]) && i + 1 < args.length) {
				environment = Files.readString(Path.of(args[++i]), StandardCharsets.UTF_8);
			}
			else if ("--quick".equals(args[i])) {
				quick = true;
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
		List<String> classpath = StartupHarness.currentClasspath();
		Results results = run(
				quick ? quickSettings(extraProperties, classpath) : fullSettings(extraProperties, classpath));
		Path report = output.toAbsolutePath();
		Path reportDirectory = report.getParent();
		if (reportDirectory == null) {
			throw new IllegalArgumentException("No directory for " + report);
		}
		Path chartDirectory = (charts != null) ? charts.toAbsolutePath() : reportDirectory.resolve("benchmarks");
		Charts.write(results, chartDirectory);
		String chartLink = reportDirectory.relativize(chartDirectory).toString().replace('\\', '/');
		Files.createDirectories(reportDirectory);
		Files.writeString(report, MarkdownReport.render(results, environment, chartLink), StandardCharsets.UTF_8);
		log("Wrote " + report + " and the charts in " + chartDirectory);
		System.out.println();
		System.out.println(MarkdownReport.summary(results));
	}

	/**
	 * What to run and how long.
	 *
	 * @param name the name of the settings: {@code full}, {@code quick} or {@code smoke}
	 * @param jmh the JMH settings
	 * @param stampedeThreads the thread counts of the stampede
	 * @param reactiveSubscribers the subscriber counts of the reactive stampede
	 * @param stampedeRepetitions how often each stampede is repeated
	 * @param stampedeLatency the latency of the token endpoint in the stampedes
	 * @param renewal the renewal benchmark settings
	 * @param startup the startup benchmark settings
	 * @param endToEnd the end-to-end benchmark settings
	 */
	public record Settings(String name, JmhSettings jmh, int[] stampedeThreads, int[] reactiveSubscribers,
			int stampedeRepetitions, Duration stampedeLatency, RenewalHarness.Settings renewal,
			StartupHarness.Settings startup, EndToEndHarness.Settings endToEnd) {

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
	 * @param params {@code @Param} values to run instead of the declared ones, by
	 * parameter name (for every benchmark that declares it); empty to run every declared
	 * value
	 */
	public record JmhSettings(int forks, int warmupIterations, Duration warmupTime, int measurementIterations,
			Duration measurementTime, boolean gcProfiler, VerboseMode verbosity, Map<String, List<String>> params) {

	}

	/**
	 * The results of a run.
	 *
	 * @param settings what was run
	 * @param jmh the JMH results
	 * @param stampede the stampede results (threads)
	 * @param reactiveStampede the reactive stampede results ({@code threads} are
	 * subscribers)
	 * @param renewal the renewal results
	 * @param startup the startup results
	 * @param endToEnd the end-to-end results
	 * @param loadAverage the higher 1-minute system load average of the start and the end
	 * of the run (negative where the system does not tell)
	 */
	public record Results(Settings settings, List<RunResult> jmh, List<StampedeHarness.Result> stampede,
			List<StampedeHarness.Result> reactiveStampede, List<RenewalHarness.Result> renewal,
			List<StartupHarness.Result> startup, List<EndToEndHarness.Result> endToEnd, double loadAverage) {

	}

}
