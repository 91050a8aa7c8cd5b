package io.github.cognitotoken.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every benchmark with tiny settings (in-process JMH with one 100 ms iteration, one
 * stampede of 8 threads, two seconds of renewal) so that the normal build proves they
 * still run, and renders the report.
 *
 * @author cognito-token contributors
 */
class BenchmarkSuiteSmokeTests {

	@Test
	@Timeout(120)
	void everyBenchmarkRuns() throws Exception {
		BenchmarkSuite.Results results = BenchmarkSuite.run(BenchmarkSuite.smokeSettings());

		assertThat(results.jmh()).extracting((run) -> run.getParams().getBenchmark())
			.map((name) -> name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1))
			.containsExactlyInAnyOrder("TokenBenchmarks.cognitoGetToken", "TokenBenchmarks.springSecurityAuthorize",
					"InterceptorBenchmarks.baselineHeaderOnly", "InterceptorBenchmarks.baselineCheckThenSetHeader",
					"InterceptorBenchmarks.cognitoInterceptor", "InterceptorBenchmarks.springSecurityInterceptor");
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

		assertThat(results.renewal()).extracting(RenewalHarness.Result::library)
			.containsExactly(StampedeHarness.COGNITO, StampedeHarness.SPRING_SECURITY);
		for (RenewalHarness.Result renewal : results.renewal()) {
			assertThat(renewal.errors()).as("%s errors, last: %s", renewal.library(), renewal.lastError()).isZero();
			assertThat(renewal.recorded().getTotalCount()).as(renewal.library()).isPositive();
			// Two seconds of 2-second tokens with a 1-second skew span at least one
			// renewal
			assertThat(renewal.tokenRequests()).as(renewal.library()).isPositive();
		}

		String report = MarkdownReport.render(results, null);
		Path output = Path.of("target", "smoke-benchmarks.md");
		Files.writeString(output, report, StandardCharsets.UTF_8);
		assertThat(report).contains("## 1. Hot path", "## 2. Interceptor overhead", "## 3. Stampede",
				"## 4. Renewal boundary",
				"| 3. Stampede | exactly 1 token request at every thread count | 8 threads: 1 |");
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

}
