package io.github.cognitotoken.benchmarks;

import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Section 7 of the report: end to end ({@link EndToEndHarness}).
 *
 * @author cognito-token contributors
 */
final class EndToEndReport implements ReportSection {

	/**
	 * Target: this library's calls per second at least this share of the floor's.
	 */
	static final double MIN_SHARE_OF_FLOOR = 0.98;

	@Override
	public void appendTargets(StringBuilder md, BenchmarkSuite.Results results) {
		if (results.endToEnd().isEmpty()) {
			return;
		}
		StringBuilder measured = new StringBuilder();
		boolean met = true;
		for (int threads : results.settings().endToEnd().threads()) {
			EndToEndHarness.Result floor = find(results, EndToEndHarness.FLOOR, threads);
			EndToEndHarness.Result ours = find(results, StampedeHarness.COGNITO, threads);
			EndToEndHarness.Result spring = find(results, StampedeHarness.SPRING_SECURITY, threads);
			if (floor == null || ours == null) {
				met = false;
				continue;
			}
			double share = pairedShare(ours, floor);
			met &= ours.errors() == 0 && share >= MIN_SHARE_OF_FLOOR;
			measured.append((measured.length() > 0) ? "; " : "")
				.append(threads)
				.append((threads == 1) ? " thread: " : " threads: ")
				.append(percent(share - 1))
				.append(" (")
				.append(perSecond(ours.callsPerSecond()))
				.append(" vs ")
				.append(perSecond(floor.callsPerSecond()))
				.append(" calls/s over all turns)");
			if (spring != null) {
				measured.append(", Spring Security ").append(percent(pairedShare(spring, floor) - 1));
			}
		}
		md.append("| 7. End to end, `RestClient` | within 2% of the floor's calls per second (a fixed header) at ")
			.append("every thread count; median of the turns' ratios | ")
			.append(measured)
			.append(" | ")
			.append(MarkdownReport.verdict(met))
			.append(" |\n");
	}

	@Override
	public void appendSection(StringBuilder md, BenchmarkSuite.Results results, @Nullable String chartLink) {
		EndToEndHarness.Settings settings = results.settings().endToEnd();
		md.append("## 7. End to end: calls per second through `RestClient`\n\n");
		md.append("Threads call `restClient.get().uri(...).retrieve().body(String.class)` in a loop against a local ")
			.append("resource server (a JDK `HttpServer` on 127.0.0.1 with ")
			.append(settings.serverThreads())
			.append(" handler threads) that answers a small JSON body when the request carries a bearer token and ")
			.append("401 otherwise. Each contender is a `RestClient` built from the `RestClient.Builder` Spring Boot ")
			.append("auto-configures, so all use the same HTTP client (the JDK `HttpClient`, chosen from the class ")
			.append("path) with the same settings:\n\n");
		md.append("- **Fixed header (floor)**: the builder of an application without the starter, with a precomputed ")
			.append("`Authorization` header as `defaultHeader`: no interceptor, no token logic.\n");
		md.append("- **cognito-token**: the builder of an application with the starter configured (`base-url` set), ")
			.append("which adds the interceptor and the redirect guard.\n");
		md.append("- **Spring Security**: the builder of an application without the starter, with ")
			.append("`OAuth2ClientHttpRequestInterceptor` added (registration id and principal fixed).\n\n");
		md.append("Each contender warms up for ")
			.append(settings.warmup().toMillis())
			.append(" ms per thread count; then they take ")
			.append(settings.rounds())
			.append(" turns of ")
			.append(settings.roundDuration().toMillis())
			.append(" ms each, in an order that rotates from round to round, so that in each round the three ")
			.append("turns follow one another. \"vs floor\" is the median over the rounds of a contender's calls per ")
			.append("second divided by the floor's in the same round: a change of the machine's load between rounds ")
			.append("cancels out. Calls per second are over all turns; the range shows the turns'. The client ")
			.append("threads, the server and the token logic share the machine's ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" CPUs.\n\n");
		md.append("| Threads | Contender | Calls/s | vs floor | Turns, calls/s (min–max) | p50 (µs) | p99 (µs) ")
			.append("| p99.9 (µs) | Errors |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (EndToEndHarness.Result result : results.endToEnd()) {
			EndToEndHarness.Result floor = find(results, EndToEndHarness.FLOOR, result.threads());
			double[] rounds = result.roundCallsPerSecond();
			md.append("| ")
				.append(result.threads())
				.append(" | ")
				.append(result.library())
				.append(" | ")
				.append(perSecond(result.callsPerSecond()))
				.append(" | ")
				.append((floor != null) ? percent(pairedShare(result, floor) - 1) : "n/a")
				.append(" | ")
				.append(perSecond(Arrays.stream(rounds).min().orElse(0)))
				.append("–")
				.append(perSecond(Arrays.stream(rounds).max().orElse(0)))
				.append(" | ")
				.append(MarkdownReport.micros(result.latencies().getValueAtPercentile(50)))
				.append(" | ")
				.append(MarkdownReport.micros(result.latencies().getValueAtPercentile(99)))
				.append(" | ")
				.append(MarkdownReport.micros(result.latencies().getValueAtPercentile(99.9)))
				.append(" | ")
				.append(result.errors())
				.append(" |\n");
		}
		md.append('\n');
		for (EndToEndHarness.Result result : results.endToEnd()) {
			if (result.errors() > 0) {
				md.append(result.library())
					.append(" at ")
					.append(result.threads())
					.append(" threads: ")
					.append(result.errors())
					.append(" failed calls, last: `")
					.append(result.lastError())
					.append("`\n\n");
			}
		}
		md.append("The target (within 2% of the floor) is judged on \"vs floor\". Where the turns of one contender ")
			.append("spread by more than a few percent, the machine's load changed during the run, and a difference ")
			.append("of 2% may be within that noise: compare the p50 latencies, which a few slow turns move least.\n\n");
		MarkdownReport.appendChart(md, chartLink, Charts.END_TO_END, "End-to-end calls per second");
	}

	private static EndToEndHarness.@Nullable Result find(BenchmarkSuite.Results results, String library, int threads) {
		return results.endToEnd()
			.stream()
			.filter((result) -> result.library().equals(library) && result.threads() == threads)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Return the median over the rounds of a contender's calls per second divided by the
	 * floor's in the same round.
	 * @param result the contender
	 * @param floor the floor at the same thread count
	 * @return the share of the floor, 1 for as many calls
	 */
	static double pairedShare(EndToEndHarness.Result result, EndToEndHarness.Result floor) {
		double[] ours = result.roundCallsPerSecond();
		double[] theirs = floor.roundCallsPerSecond();
		int rounds = Math.min(ours.length, theirs.length);
		double[] shares = new double[rounds];
		for (int i = 0; i < rounds; i++) {
			shares[i] = ours[i] / theirs[i];
		}
		Arrays.sort(shares);
		if (rounds == 0) {
			return Double.NaN;
		}
		return (rounds % 2 == 1) ? shares[rounds / 2] : (shares[rounds / 2 - 1] + shares[rounds / 2]) / 2;
	}

	private static String perSecond(double callsPerSecond) {
		return String.format(Locale.ROOT, "%,.0f", callsPerSecond);
	}

	private static String percent(double fraction) {
		return Double.isNaN(fraction) || Double.isInfinite(fraction) ? "n/a"
				: String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
	}

}
