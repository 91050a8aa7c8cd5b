package io.github.cognitotoken.benchmarks;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every benchmark with tiny settings (in-process JMH with one 100 ms iteration,
 * named clients with 100 clients only, one stampede of 8 threads and one of 100
 * subscribers, two seconds of renewal, one launch of each startup application, 200 ms end
 * to end) so that the normal build proves they still run, renders the report and draws
 * the charts.
 *
 * @author cognito-token contributors
 */
class BenchmarkSuiteSmokeTests {

	@Test
	@Timeout(300)
	void everyBenchmarkRuns() throws Exception {
		BenchmarkSuite.Results results = BenchmarkSuite
			.run(BenchmarkSuite.smokeSettings(StartupHarness.currentClasspath()));

		assertThat(results.jmh()).extracting((run) -> run.getParams().getBenchmark())
			.map((name) -> name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1))
			.containsExactlyInAnyOrder("TokenBenchmarks.cognitoGetToken", "TokenBenchmarks.springSecurityAuthorize",
					"InterceptorBenchmarks.baselineHeaderOnly", "InterceptorBenchmarks.baselineCheckThenSetHeader",
					"InterceptorBenchmarks.cognitoInterceptor", "InterceptorBenchmarks.springSecurityInterceptor",
					"ReactiveFilterBenchmarks.baselineHeaderOnly", "ReactiveFilterBenchmarks.cognitoFilter",
					"ReactiveFilterBenchmarks.springSecurityFilter", "NamedClientBenchmarks.singleClient",
					"NamedClientBenchmarks.singleClient", "NamedClientBenchmarks.singleClient",
					"NamedClientBenchmarks.namedClients", "NamedClientBenchmarks.namedClients",
					"NamedClientBenchmarks.namedClients");
		// the smoke run restricts the named clients to 100, by each resolution
		for (String benchmark : List.of("NamedClientBenchmarks.singleClient", "NamedClientBenchmarks.namedClients")) {
			assertThat(MarkdownReport.jmhRuns(results, benchmark))
				.extracting(
						(run) -> run.getParams().getParam("clients") + " by " + run.getParams().getParam("resolution"))
				.containsExactlyInAnyOrder("100 by attribute", "100 by group", "100 by host");
		}
		for (RunResult run : results.jmh()) {
			assertThat(run.getPrimaryResult().getScore()).as(run.getParams().getBenchmark()).isPositive();
		}

		assertThat(results.stampede()).hasSize(2);
		StampedeHarness.Result ours = results.stampede()
			.stream()
			.filter((result) -> result.library().equals(StampedeHarness.COGNITO))
			.findFirst()
			.orElseThrow();
		assertThat(ours.threads()).isEqualTo(8);
		assertThat(ours.failures()).as("failed calls, last: %s", ours.failure()).isZero();
		assertThat(ours.minRequests()).isEqualTo(1);
		assertThat(ours.maxRequests()).isEqualTo(1);
		StampedeHarness.Result theirs = results.stampede()
			.stream()
			.filter((result) -> result.library().equals(StampedeHarness.SPRING_SECURITY))
			.findFirst()
			.orElseThrow();
		assertThat(theirs.failures()).as("failed calls, last: %s", theirs.failure()).isZero();
		assertThat(theirs.minRequests()).isPositive();

		assertThat(results.reactiveStampede()).hasSize(2);
		StampedeHarness.Result reactive = find(results.reactiveStampede(), StampedeHarness.COGNITO);
		assertThat(reactive.threads()).isEqualTo(100);
		assertThat(reactive.failures()).as("failed requests, last: %s", reactive.failure()).isZero();
		assertThat(reactive.requests()).containsExactly(1);
		StampedeHarness.Result reactiveSpring = find(results.reactiveStampede(), StampedeHarness.SPRING_SECURITY);
		assertThat(reactiveSpring.failures()).as("failed requests, last: %s", reactiveSpring.failure()).isZero();
		assertThat(reactiveSpring.minRequests()).isPositive();

		assertThat(results.renewal()).extracting(RenewalHarness.Result::library)
			.containsExactly(StampedeHarness.COGNITO, StampedeHarness.SPRING_SECURITY);
		for (RenewalHarness.Result renewal : results.renewal()) {
			assertThat(renewal.errors()).as("%s errors, last: %s", renewal.library(), renewal.lastError()).isZero();
			assertThat(renewal.recorded().getTotalCount()).as(renewal.library()).isPositive();
			// Two seconds of 2-second tokens with a 1-second skew span at least one
			// renewal
			assertThat(renewal.tokenRequests()).as(renewal.library()).isPositive();
		}

		// the harness itself fails when a call reached the resource server without a
		// token
		assertThat(results.startup()).extracting(StartupHarness.Result::variant)
			.containsExactly(StartupHarness.WITHOUT_STARTER, StampedeHarness.COGNITO, StampedeHarness.SPRING_SECURITY);
		for (StartupHarness.Result startup : results.startup()) {
			assertThat(startup.launches()).hasSize(1);
			StartupHarness.Launch launch = startup.launches().get(0);
			assertThat(launch.main()).as(startup.variant()).isGreaterThanOrEqualTo(launch.launched());
			assertThat(launch.refreshed()).as(startup.variant()).isGreaterThanOrEqualTo(launch.main());
			assertThat(launch.started()).as(startup.variant()).isGreaterThanOrEqualTo(launch.refreshed());
			assertThat(launch.firstCall()).as(startup.variant()).isGreaterThanOrEqualTo(launch.started());
		}

		assertThat(results.endToEnd()).extracting(EndToEndHarness.Result::library)
			.containsExactly(EndToEndHarness.FLOOR, StampedeHarness.COGNITO, StampedeHarness.SPRING_SECURITY);
		for (EndToEndHarness.Result endToEnd : results.endToEnd()) {
			assertThat(endToEnd.threads()).isEqualTo(2);
			assertThat(endToEnd.errors()).as("%s errors, last: %s", endToEnd.library(), endToEnd.lastError()).isZero();
			assertThat(endToEnd.calls()).as(endToEnd.library()).isPositive();
			assertThat(endToEnd.latencies().getTotalCount()).isEqualTo(endToEnd.calls());
		}

		Path charts = Path.of("target", "smoke-benchmarks");
		assertThat(Charts.write(results, charts)).containsExactly(Charts.STAMPEDE, Charts.RENEWAL, Charts.STARTUP,
				Charts.END_TO_END);
		for (String chart : List.of(Charts.STAMPEDE, Charts.RENEWAL, Charts.STARTUP, Charts.END_TO_END)) {
			BufferedImage image = ImageIO.read(charts.resolve(chart).toFile());
			assertThat(image).as(chart).isNotNull();
			assertThat(image.getWidth()).as(chart).isEqualTo(900);
		}

		String report = MarkdownReport.render(results, null, "smoke-benchmarks");
		Path output = Path.of("target", "smoke-benchmarks.md");
		Files.writeString(output, report, StandardCharsets.UTF_8);
		assertThat(report).contains("## 1. Hot path", "## 2. Interceptor overhead", "## 3. Stampede",
				"## 4. Renewal boundary", "## 5. Reactive", "## 6. Startup", "## 7. End to end", "> **Smoke run**",
				"| 3. Stampede | exactly 1 token request at every thread count | 8 threads: 1 |",
				"| 5. Reactive stampede | exactly 1 token request at every subscriber count | 100 subscribers: 1 | met |",
				"](smoke-benchmarks/stampede.png)", "](smoke-benchmarks/renewal-latency.png)", "## 8. Named clients",
				"| 100 | attribute | ", "| 100 | group | ", "| 100 | host | ",
				"This run measured 3 of the 9 combinations",
				"| 8. Named clients | at most about 15 ns and 0 B more than the single-client path | "
						+ "largest difference over 3 combinations of clients and resolution: ");
		// the renewal run stopped at the end of its duration, however slow a busy machine
		// made it: workers that ran on would make their cap of 4 x duration / interval
		// calls
		RenewalHarness.Settings renewalSettings = results.settings().renewal();
		RenewalHarness.Result cognitoRenewal = results.renewal().get(0);
		assertThat(Duration.ofNanos(cognitoRenewal.elapsedNanos())).isGreaterThanOrEqualTo(renewalSettings.duration());
		assertThat(cognitoRenewal.recorded().getTotalCount()).isLessThan(renewalSettings.threads() * 4
				* renewalSettings.duration().toNanos() / renewalSettings.callInterval().toNanos());
		assertThat(List.of(results.settings().stampedeThreads())).hasSize(1);
	}

	private static StampedeHarness.Result find(List<StampedeHarness.Result> results, String library) {
		return results.stream().filter((result) -> result.library().equals(library)).findFirst().orElseThrow();
	}

}
