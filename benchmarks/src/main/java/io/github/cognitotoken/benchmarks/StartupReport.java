package io.github.cognitotoken.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

/**
 * Section 6 of the report: startup ({@link StartupHarness}).
 *
 * @author cognito-token contributors
 */
final class StartupReport implements ReportSection {

	private static final List<Measure> MEASURES = List.of(
			new Measure("JVM launch to `main`", StartupHarness.Launch::toMain),
			new Measure("`main` to context refreshed", StartupHarness.Launch::refresh),
			new Measure("`main` to `SpringApplication.run` returned", StartupHarness.Launch::run),
			new Measure("First call, after `run`", StartupHarness.Launch::firstCallAfterStart),
			new Measure("JVM launch to first call answered", StartupHarness.Launch::toFirstCall),
			new Measure("Bean definitions (count)", StartupHarness.Launch::beans),
			new Measure("Classes loaded after the first call (count)", StartupHarness.Launch::classes));

	@Override
	public void appendTargets(StringBuilder md, BenchmarkSuite.Results results) {
		StartupHarness.Result without = find(results, StartupHarness.WITHOUT_STARTER);
		StartupHarness.Result ours = find(results, StampedeHarness.COGNITO);
		StartupHarness.Result spring = find(results, StampedeHarness.SPRING_SECURITY);
		if (without == null || ours == null || spring == null) {
			return;
		}
		md.append("| 6. Startup | none set: what the starter adds to a Boot application | medians over ")
			.append(ours.launches().size())
			.append(" launches: context refresh ")
			.append(added(ours, without, StartupHarness.Launch::refresh))
			.append(", launch to first authenticated call ")
			.append(added(ours, without, StartupHarness.Launch::toFirstCall))
			.append(" ms against the application without it (Spring Security: ")
			.append(added(spring, without, StartupHarness.Launch::refresh))
			.append(" and ")
			.append(added(spring, without, StartupHarness.Launch::toFirstCall))
			.append(" ms); ")
			.append(added(ours, without, StartupHarness.Launch::classes))
			.append(" classes loaded (Spring Security: ")
			.append(added(spring, without, StartupHarness.Launch::classes))
			.append(") | for information |\n");
	}

	@Override
	public void appendSection(StringBuilder md, BenchmarkSuite.Results results, @Nullable String chartLink) {
		StartupHarness.Settings settings = results.settings().startup();
		md.append("## 6. Startup: what the starter adds to a Spring Boot application\n\n");
		md.append("The same small application (auto-configuration, no web server, one `RestClient` built from ")
			.append("Spring Boot's `RestClient.Builder`) is launched in its own JVM: without the starter on the ")
			.append("class path, with it (client id, secret, token endpoint and `base-url` set), and wired with ")
			.append("Spring Security's client credentials (`@Bean` methods for the client registration, ")
			.append("`InMemoryOAuth2AuthorizedClientService`, `AuthorizedClientServiceOAuth2AuthorizedClientManager` ")
			.append("and `OAuth2ClientHttpRequestInterceptor` on the `RestClient`; Spring Boot's OAuth2 client module ")
			.append("is not on the class path). Each class path is the benchmark's, less the other contender's jars ")
			.append("and those only the benchmarks use. After startup each application makes one call to a local ")
			.append("resource server (a path that answers 401 without a bearer token; the application without the ")
			.append("starter calls a path that needs none) and exits. The token endpoint answers after ")
			.append(settings.endpointLatency().toMillis())
			.append(" ms. The applications take turns, ")
			.append(settings.launches())
			.append(" measured launches each")
			.append((settings.warmupLaunches() > 0)
					? " after " + settings.warmupLaunches() + " not measured (file system cache)" : "")
			.append("; JVM options: ")
			.append(settings.jvmOptions().isEmpty() ? "the defaults"
					: "`" + String.join(" ", settings.jvmOptions()) + "`")
			.append(", logging at WARN.\n\n");
		md.append(
				"Milliseconds, median (fastest–slowest), and two counts that do not depend on the machine's load:\n\n");
		md.append("| Measure |");
		for (StartupHarness.Result result : results.startup()) {
			md.append(' ').append(result.variant()).append(" |");
		}
		md.append(" cognito-token adds | Spring Security adds |\n|---|");
		md.append("---:|".repeat(results.startup().size() + 2)).append('\n');
		StartupHarness.Result without = find(results, StartupHarness.WITHOUT_STARTER);
		StartupHarness.Result ours = find(results, StampedeHarness.COGNITO);
		StartupHarness.Result spring = find(results, StampedeHarness.SPRING_SECURITY);
		for (Measure measure : MEASURES) {
			md.append("| ").append(measure.name()).append(" |");
			for (StartupHarness.Result result : results.startup()) {
				long[] range = result.range(measure.value());
				md.append(' ')
					.append(millis(result.median(measure.value())))
					.append((range != null) ? " (" + range[0] + "–" + range[1] + ")" : "")
					.append(" |");
			}
			md.append(' ')
				.append((ours != null && without != null) ? added(ours, without, measure.value()) : "n/a")
				.append(" | ")
				.append((spring != null && without != null) ? added(spring, without, measure.value()) : "n/a")
				.append(" |\n");
		}
		md.append('\n');
		md.append("\"First call, after `run`\" includes fetching the first token where it was not fetched yet: ")
			.append("cognito-token starts its first token request in the background while the context starts ")
			.append("(`fail-fast=false`, the default), Spring Security fetches it on the first call. On a shared ")
			.append("2-core machine differences of a few tens of milliseconds are within the noise.\n\n");
		MarkdownReport.appendChart(md, chartLink, Charts.STARTUP, "Startup medians of the three applications");
	}

	private static String added(StartupHarness.Result result, StartupHarness.Result base,
			ToLongFunction<StartupHarness.Launch> measure) {
		double difference = result.median(measure) - base.median(measure);
		return (Double.isNaN(difference)) ? "n/a" : String.format(Locale.ROOT, "%+.0f", difference);
	}

	private static String millis(double millis) {
		return Double.isNaN(millis) ? "n/a" : String.format(Locale.ROOT, "%.0f", millis);
	}

	private static StartupHarness.@Nullable Result find(BenchmarkSuite.Results results, String variant) {
		return results.startup().stream().filter((result) -> result.variant().equals(variant)).findFirst().orElse(null);
	}

	private record Measure(String name, ToLongFunction<StartupHarness.Launch> value) {

	}

}
