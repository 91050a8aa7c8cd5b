package io.github.cognitotoken.benchmarks;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Section 5 of the report: the WebClient filters with a cached token
 * ({@link ReactiveFilterBenchmarks}) and the reactive stampede
 * ({@link ReactiveStampedeHarness}).
 *
 * @author cognito-token contributors
 */
final class ReactiveReport implements ReportSection {

	private static final String BASELINE = "ReactiveFilterBenchmarks.baselineHeaderOnly";

	private static final String COGNITO = "ReactiveFilterBenchmarks.cognitoFilter";

	private static final String SPRING_SECURITY = "ReactiveFilterBenchmarks.springSecurityFilter";

	@Override
	public void appendTargets(StringBuilder md, BenchmarkSuite.Results results) {
		MarkdownReport.JmhRow baseline = MarkdownReport.jmh(results, BASELINE);
		MarkdownReport.JmhRow ours = MarkdownReport.jmh(results, COGNITO);
		MarkdownReport.JmhRow spring = MarkdownReport.jmh(results, SPRING_SECURITY);
		if (baseline != null && ours != null && spring != null) {
			md.append("| 5. Reactive filter, cached token | none set: compared with Spring Security | ")
				.append(MarkdownReport.nanos(ours.score()))
				.append(" ns/op, ")
				.append(MarkdownReport.bytes(ours.bytesPerOp()))
				.append(" B/op vs ")
				.append(MarkdownReport.nanos(spring.score()))
				.append(" ns/op, ")
				.append(MarkdownReport.bytes(spring.bytesPerOp()))
				.append(" B/op: ")
				.append(MarkdownReport.ratio(spring.score() / ours.score()))
				.append(" less time; baseline (header only) ")
				.append(MarkdownReport.nanos(baseline.score()))
				.append(" ns/op, ")
				.append(MarkdownReport.bytes(baseline.bytesPerOp()))
				.append(" B/op | for information |\n");
		}
		List<StampedeHarness.Result> stampede = ours(results);
		if (!stampede.isEmpty()) {
			boolean exactlyOne = stampede.stream()
				.allMatch((result) -> result.minRequests() == 1 && result.maxRequests() == 1 && result.failures() == 0);
			StringBuilder measured = new StringBuilder();
			for (StampedeHarness.Result result : stampede) {
				measured.append((measured.length() > 0) ? ", " : "")
					.append(result.threads())
					.append(" subscribers: ")
					.append(MarkdownReport.range(result.minRequests(), result.maxRequests()));
			}
			md.append("| 5. Reactive stampede | exactly 1 token request at every subscriber count | ")
				.append(measured)
				.append(" | ")
				.append(MarkdownReport.verdict(exactlyOne))
				.append(" |\n");
		}
	}

	private static List<StampedeHarness.Result> ours(BenchmarkSuite.Results results) {
		return results.reactiveStampede()
			.stream()
			.filter((result) -> StampedeHarness.COGNITO.equals(result.library()))
			.toList();
	}

	@Override
	public void appendSection(StringBuilder md, BenchmarkSuite.Results results, @Nullable String chartLink) {
		md.append("## 5. Reactive: the WebClient filter\n\n");
		md.append("cognito-token's `CognitoBearerTokenExchangeFilterFunction` against Spring Security's ")
			.append("`ServerOAuth2AuthorizedClientExchangeFilterFunction` with ")
			.append("`AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager`, ")
			.append("`InMemoryReactiveOAuth2AuthorizedClientService` and the reactive client-credentials provider, ")
			.append("whose `WebClientReactiveClientCredentialsTokenResponseClient` sends token requests through a ")
			.append("`JdkClientHttpConnector` (the JDK `HttpClient`, as cognito-token's). Spring Security's filter ")
			.append("has a default client registration id and no security context in the Reactor context (its ")
			.append("anonymous principal): its best case for a service calling another.\n\n");
		md.append("### Cached token: time and allocation per request\n\n");
		md.append("One request through each filter with a cached token, a reused `ClientRequest` and a stub ")
			.append("`ExchangeFunction` without I/O that checks the bearer header and answers with a shared 200 ")
			.append("response (and tells cognito-token's redirect guard that redirects are not followed, as a ")
			.append("connector built by Spring Boot does). Each call is subscribed to with `block()`, which ")
			.append("returns at once: everything completes on the calling thread. The baseline copies the request ")
			.append("with a precomputed header, the way any filter adds a header, and calls the same stub. The ")
			.append("tear-down fails the trial if any token request was made while measuring.\n\n");
		md.append(MarkdownReport.jmhSettings(results)).append("\n\n");
		MarkdownReport.JmhRow baseline = MarkdownReport.jmh(results, BASELINE);
		MarkdownReport.JmhRow ours = MarkdownReport.jmh(results, COGNITO);
		MarkdownReport.JmhRow spring = MarkdownReport.jmh(results, SPRING_SECURITY);
		md.append("| Contender | Time (ns/op) | Allocated (B/op) | Time beyond baseline (ns/op) ")
			.append("| Allocated beyond baseline (B/op) |\n|---|---:|---:|---:|---:|\n");
		appendRow(md, "Baseline: copy the request with the header, call the stub", baseline, baseline);
		appendRow(md, "cognito-token `CognitoBearerTokenExchangeFilterFunction`", ours, baseline);
		appendRow(md, "Spring Security `ServerOAuth2AuthorizedClientExchangeFilterFunction`", spring, baseline);
		if (ours != null && spring != null && baseline != null) {
			md.append("| **Spring Security / cognito-token** | **")
				.append(MarkdownReport.ratio(spring.score() / ours.score()))
				.append("** | ")
				.append(MarkdownReport.byteRatio(spring.bytesPerOp(), ours.bytesPerOp()))
				.append(" | ")
				.append(MarkdownReport.ratio((spring.score() - baseline.score()) / (ours.score() - baseline.score())))
				.append(" | ")
				.append(MarkdownReport.byteRatio(spring.bytesPerOp() - baseline.bytesPerOp(),
						ours.bytesPerOp() - baseline.bytesPerOp()))
				.append(" |\n");
		}
		md.append('\n');
		BenchmarkSuite.Settings settings = results.settings();
		md.append("### Reactive stampede\n\n");
		md.append("For each subscriber count, the cached token is made expired (cognito-token: its clock jumps two ")
			.append("hours ahead; Spring Security: an authorized client with an expired token is put into its ")
			.append("`InMemoryReactiveOAuth2AuthorizedClientService`), then that many requests are subscribed to, ")
			.append("one after the other from one thread as an event loop would, without blocking. The local token ")
			.append("endpoint answers after ")
			.append(settings.stampedeLatency().toMillis())
			.append(" ms and counts the requests. Repeated ")
			.append(settings.stampedeRepetitions())
			.append(" times; wall time is from the first subscription until every subscriber has its response.\n\n");
		md.append("| Subscribers | cognito-token token requests (min–max) ")
			.append("| Spring Security token requests (min–max) ")
			.append("| cognito-token wall time, ms (median; min–max) | Spring Security wall time, ms (median; min–max) ")
			.append("| Target: exactly 1 for cognito-token |\n|---:|---:|---:|---:|---:|---|\n");
		for (int subscribers : settings.reactiveSubscribers()) {
			StampedeHarness.Result cognito = find(results, StampedeHarness.COGNITO, subscribers);
			StampedeHarness.Result springSecurity = find(results, StampedeHarness.SPRING_SECURITY, subscribers);
			md.append("| ").append(subscribers).append(" | ");
			md.append((cognito != null) ? MarkdownReport.range(cognito.minRequests(), cognito.maxRequests()) : "n/a")
				.append(" | ");
			md.append((springSecurity != null)
					? MarkdownReport.range(springSecurity.minRequests(), springSecurity.maxRequests()) : "n/a")
				.append(" | ");
			md.append(MarkdownReport.wall(cognito))
				.append(" | ")
				.append(MarkdownReport.wall(springSecurity))
				.append(" | ");
			md.append((cognito != null)
					? MarkdownReport
						.verdict(cognito.minRequests() == 1 && cognito.maxRequests() == 1 && cognito.failures() == 0)
					: "n/a");
			md.append(" |\n");
		}
		for (StampedeHarness.Result result : results.reactiveStampede()) {
			if (result.failures() > 0) {
				md.append("\n")
					.append(result.library())
					.append(" with ")
					.append(result.threads())
					.append(" subscribers: ")
					.append(result.failures())
					.append(" failed requests, last: `")
					.append(result.failure())
					.append("`\n");
			}
		}
		md.append('\n');
		if (chartLink != null) {
			md.append("The stampede chart in section 3 shows these counts too (dashed lines).\n\n");
		}
	}

	private static StampedeHarness.@Nullable Result find(BenchmarkSuite.Results results, String library,
			int subscribers) {
		return results.reactiveStampede()
			.stream()
			.filter((result) -> result.library().equals(library) && result.threads() == subscribers)
			.findFirst()
			.orElse(null);
	}

	private static void appendRow(StringBuilder md, String contender, MarkdownReport.@Nullable JmhRow row,
			MarkdownReport.@Nullable JmhRow baseline) {
		md.append("| ").append(contender).append(" | ");
		if (row == null || baseline == null) {
			md.append("n/a | n/a | n/a | n/a |\n");
			return;
		}
		md.append(MarkdownReport.nanos(row.score()))
			.append(MarkdownReport.error(row.error()))
			.append(" | ")
			.append(MarkdownReport.bytes(row.bytesPerOp()))
			.append(" | ")
			.append(MarkdownReport.nanos(row.score() - baseline.score()))
			.append(" | ")
			.append(MarkdownReport.bytes(row.bytesPerOp() - baseline.bytesPerOp()))
			.append(" |\n");
	}

}
