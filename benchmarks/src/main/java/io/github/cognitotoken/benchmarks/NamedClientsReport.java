package io.github.cognitotoken.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.RunResult;

/**
 * Section 8 of the report: what choosing among named clients costs the interceptor
 * ({@link NamedClientBenchmarks}), for every combination of the number of clients and the
 * way the client is resolved that ran, against the single-client interceptor.
 *
 * @author cognito-token contributors
 */
final class NamedClientsReport implements ReportSection {

	/**
	 * Target: the named-clients path takes at most this many nanoseconds more than the
	 * single-client path, at every combination.
	 */
	static final double MAX_EXTRA_NANOS = 15;

	/**
	 * Target: the named-clients path allocates no more than the single-client path; a
	 * difference up to this many bytes per operation is JMH's estimate, not an
	 * allocation.
	 */
	static final double MAX_EXTRA_BYTES = MarkdownReport.ZERO_BYTES;

	private static final String SINGLE = "NamedClientBenchmarks.singleClient";

	private static final String NAMED = "NamedClientBenchmarks.namedClients";

	private static final String CLIENTS = "clients";

	private static final String RESOLUTION = "resolution";

	/**
	 * The resolutions of {@link NamedClientBenchmarks}, in the order of the report.
	 */
	private static final List<String> RESOLUTIONS = List.of("attribute", "group", "host");

	private static final Comparator<Case> ORDER = Comparator.comparingInt(Case::clients)
		.thenComparingInt((measured) -> order(measured.resolution()));

	@Override
	public void appendTargets(StringBuilder md, BenchmarkSuite.Results results) {
		appendTargets(md, cases(results));
	}

	/**
	 * Append the row of the table of targets, or nothing when no combination ran.
	 * @param md the report
	 * @param cases the measured combinations
	 */
	static void appendTargets(StringBuilder md, List<Case> cases) {
		if (cases.isEmpty()) {
			return;
		}
		Case slowest = worst(cases, Case::extraNanos);
		md.append("| 8. Named clients | at most about 15 ns and 0 B more than the single-client path | ")
			.append("largest difference over ")
			.append(cases.size())
			.append((cases.size() == 1) ? " combination" : " combinations")
			.append(" of clients and resolution: ")
			.append(signedNanos(slowest.extraNanos()))
			.append(" ns/op (")
			.append(percent(slowest.relativeTime()))
			.append(") at ")
			.append(describe(slowest))
			.append(" (")
			.append(MarkdownReport.nanos(slowest.named().score()))
			.append(" vs ")
			.append(MarkdownReport.nanos(slowest.single().score()))
			.append(" ns/op); allocation ");
		if (allocationMeasured(cases)) {
			Case heaviest = worst(cases, Case::extraBytes);
			md.append(signedBytes(heaviest.extraBytes()))
				.append(" B/op at ")
				.append(describe(heaviest))
				.append(" (")
				.append(MarkdownReport.bytes(heaviest.named().bytesPerOp()))
				.append(" vs ")
				.append(MarkdownReport.bytes(heaviest.single().bytesPerOp()))
				.append(" B/op)");
		}
		else {
			md.append(MarkdownReport.NOT_MEASURED);
		}
		md.append(" | ").append(verdict(cases)).append(" |\n");
	}

	@Override
	public void appendSection(StringBuilder md, BenchmarkSuite.Results results, @Nullable String chartLink) {
		md.append("## 8. Named clients: choosing the client per request\n\n");
		md.append("One request through `CognitoBearerTokenInterceptor` whose `CognitoClientRouter` holds 1, 10 or 100 ")
			.append("named clients, each with a cached token and its own target host (`api-<i>.example.com`), against ")
			.append("the single-client interceptor, `new CognitoBearerTokenInterceptor(manager, targetHosts, true)` ")
			.append("(the path of an application with only `cognito.client`), sending the same request to the same ")
			.append("host. Both use the reused request and the stub execution of section 2 (no I/O, the stub checks ")
			.append("the bearer header and removes it), so the difference is what choosing the client costs. ")
			.append("The request goes to the last client, so a lookup that walked the clients would pay for all ")
			.append("of them. The setup fails if either request goes out without a token. The client is resolved:\n\n");
		md.append("- **attribute**: the request carries `CognitoClientAttributes.client(\"client-<n-1>\")` (what ")
			.append("`@CognitoClient` sets too): the router reads that one request attribute and looks the client up ")
			.append("by name;\n");
		md.append("- **group**: every client is bound to an HTTP service group (`group-<i>`) and the request goes ")
			.append("through the last group's interceptor, `interceptor.forGroup(\"group-<n-1>\")`, as the ")
			.append("auto-configuration gives each group's clients: the binding is a per-group interceptor instance, ")
			.append("so nothing is looked up per request beyond the client's target-host check;\n");
		md.append("- **host**: every client routes by its target hosts (`cognito.clients.<name>.target-hosts`); the ")
			.append("router remembers which clients name each host it has resolved (up to 4,096 hosts), so after the ")
			.append("first request to a host the choice is one map lookup and the target-host check, whatever the ")
			.append("number of clients.\n\n");
		md.append(MarkdownReport.jmhSettings(results)).append("\n\n");
		List<Case> cases = cases(results);
		if (cases.isEmpty()) {
			md.append("Not run.\n\n");
			return;
		}
		appendTable(md, cases);
		appendConclusion(md, cases);
		int declared = declaredCombinations();
		if (cases.size() < declared) {
			md.append("This run measured ")
				.append(cases.size())
				.append(" of the ")
				.append(declared)
				.append(" combinations: its settings restrict the `@Param` values.\n\n");
		}
	}

	/**
	 * Return how many combinations of {@code @Param} values {@link NamedClientBenchmarks}
	 * declares.
	 * @return the number of combinations
	 */
	static int declaredCombinations() {
		int combinations = 1;
		for (String field : List.of(CLIENTS, RESOLUTION)) {
			try {
				Param param = NamedClientBenchmarks.class.getField(field).getAnnotation(Param.class);
				combinations *= (param != null) ? param.value().length : 1;
			}
			catch (NoSuchFieldException ex) {
				throw new IllegalStateException("NamedClientBenchmarks has no @Param field " + field, ex);
			}
		}
		return combinations;
	}

	/**
	 * Append the table of the measured combinations.
	 * @param md the report
	 * @param cases the measured combinations
	 */
	static void appendTable(StringBuilder md, List<Case> cases) {
		md.append("| Clients | Resolution | Single client (ns/op) | Named clients (ns/op) | Time difference (ns/op) ")
			.append("| Time difference (relative) | Single client (B/op) | Named clients (B/op) | Allocation difference (B/op) ")
			.append("| Target: at most about +15 ns, +0 B |\n")
			.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
		for (Case measured : cases) {
			md.append("| ")
				.append(measured.clients())
				.append(" | ")
				.append(measured.resolution())
				.append(" | ")
				.append(MarkdownReport.nanos(measured.single().score()))
				.append(MarkdownReport.error(measured.single().error()))
				.append(" | ")
				.append(MarkdownReport.nanos(measured.named().score()))
				.append(MarkdownReport.error(measured.named().error()))
				.append(" | ")
				.append(signedNanos(measured.extraNanos()))
				.append(" | ")
				.append(percent(measured.relativeTime()))
				.append(" | ")
				.append(MarkdownReport.bytes(measured.single().bytesPerOp()))
				.append(" | ")
				.append(MarkdownReport.bytes(measured.named().bytesPerOp()))
				.append(" | ")
				.append(signedBytes(measured.extraBytes()))
				.append(" | ")
				.append(verdict(List.of(measured)))
				.append(" |\n");
		}
		md.append('\n');
	}

	static void appendConclusion(StringBuilder md, List<Case> cases) {
		Case slowest = worst(cases, Case::extraNanos);
		md.append("The target is judged on the largest difference over the combinations: at most ")
			.append(MarkdownReport.nanos(MAX_EXTRA_NANOS))
			.append(" ns in average time and at most ")
			.append(MarkdownReport.bytes(MAX_EXTRA_BYTES))
			.append(" B/op in allocation (JMH's `gc.alloc.rate.norm` is an estimate that is rarely exactly equal ")
			.append("for the same code). The relative difference is shown because the target says \"about\": on a ")
			.append("shared 2-core machine a few ns are noise. Here the largest time difference is ")
			.append(signedNanos(slowest.extraNanos()))
			.append(" ns/op (")
			.append(percent(slowest.relativeTime()))
			.append(") at ")
			.append(describe(slowest));
		double error = slowest.single().error() + slowest.named().error();
		if (!Double.isNaN(error)) {
			md.append(", ")
				.append((Math.abs(slowest.extraNanos()) <= error) ? "within" : "beyond")
				.append(" the two results' combined 99.9% confidence intervals (± ")
				.append(MarkdownReport.nanos(error))
				.append(" ns)");
		}
		md.append(".");
		if (cases.size() > 1) {
			double fastest = cases.stream().mapToDouble((measured) -> measured.single().score()).min().orElseThrow();
			double slowestSingle = cases.stream()
				.mapToDouble((measured) -> measured.single().score())
				.max()
				.orElseThrow();
			md.append(" The single-client path runs the same code in every combination (only the host name differs), ")
				.append("so the spread of its ")
				.append(cases.size())
				.append(" results, ")
				.append(MarkdownReport.nanos(fastest))
				.append("–")
				.append(MarkdownReport.nanos(slowestSingle))
				.append(" ns/op, shows how noisy this run was: each benchmark and combination runs in its own fork, ")
				.append("one after the other, so a change of the machine's load between the two forks of a ")
				.append("combination shows up as a difference.");
		}
		md.append("\n\n");
	}

	/**
	 * Return the measured combinations, ordered by number of clients, then resolution.
	 * @param results the results
	 * @return the combinations whose single-client and named-clients runs both ran
	 */
	static List<Case> cases(BenchmarkSuite.Results results) {
		List<Case> cases = new ArrayList<>();
		for (RunResult run : MarkdownReport.jmhRuns(results, NAMED)) {
			String clients = MarkdownReport.param(run, CLIENTS);
			String resolution = MarkdownReport.param(run, RESOLUTION);
			if (clients == null || resolution == null) {
				continue;
			}
			MarkdownReport.JmhRow single = MarkdownReport.jmh(results, SINGLE,
					Map.of(CLIENTS, clients, RESOLUTION, resolution));
			if (single != null) {
				cases.add(new Case(Integer.parseInt(clients), resolution, single, MarkdownReport.row(run)));
			}
		}
		cases.sort(ORDER);
		return cases;
	}

	private static int order(String resolution) {
		int index = RESOLUTIONS.indexOf(resolution);
		return (index >= 0) ? index : RESOLUTIONS.size();
	}

	private static String verdict(List<Case> cases) {
		boolean timeMet = cases.stream().allMatch((measured) -> measured.extraNanos() <= MAX_EXTRA_NANOS);
		if (!allocationMeasured(cases)) {
			return MarkdownReport.verdict(timeMet) + " (time; allocation " + MarkdownReport.NOT_MEASURED + ")";
		}
		boolean allocationMet = cases.stream().allMatch((measured) -> measured.extraBytes() <= MAX_EXTRA_BYTES);
		if (timeMet && allocationMet) {
			return MarkdownReport.MET;
		}
		return MarkdownReport.MISSED + ": " + (timeMet ? "allocation" : allocationMet ? "time" : "time and allocation");
	}

	private static boolean allocationMeasured(List<Case> cases) {
		return cases.stream().noneMatch((measured) -> Double.isNaN(measured.extraBytes()));
	}

	private static Case worst(List<Case> cases, ToDoubleFunction<Case> difference) {
		Case worst = cases.get(0);
		for (Case measured : cases) {
			if (difference.applyAsDouble(measured) > difference.applyAsDouble(worst)) {
				worst = measured;
			}
		}
		return worst;
	}

	private static String describe(Case measured) {
		return measured.clients() + ((measured.clients() == 1) ? " client" : " clients") + " by "
				+ measured.resolution();
	}

	private static String signedNanos(double nanos) {
		return String.format(Locale.ROOT, "%+.1f", nanos);
	}

	private static String signedBytes(double bytes) {
		if (Double.isNaN(bytes)) {
			return "n/a";
		}
		return (Math.abs(bytes) < 0.5) ? "0" : String.format(Locale.ROOT, "%+.0f", bytes);
	}

	private static String percent(double ratio) {
		return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%+.1f%%", ratio * 100) : "n/a";
	}

	/**
	 * One combination of the number of clients and the resolution: the single-client and
	 * the named-clients results.
	 *
	 * @param clients the number of named clients
	 * @param resolution how the client is resolved: {@code attribute}, {@code group} or
	 * {@code host}
	 * @param single the single-client interceptor
	 * @param named the interceptor choosing among the named clients
	 */
	record Case(int clients, String resolution, MarkdownReport.JmhRow single, MarkdownReport.JmhRow named) {

		double extraNanos() {
			return this.named.score() - this.single.score();
		}

		double relativeTime() {
			return extraNanos() / this.single.score();
		}

		double extraBytes() {
			return this.named.bytesPerOp() - this.single.bytesPerOp();
		}

	}

}
