package io.github.cognitotoken.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NamedClientsReport}: how the target (at most about 15 ns and 0 B more
 * than the single-client path) is judged from the combinations.
 *
 * @author cognito-token contributors
 */
class NamedClientsReportTests {

	@Test
	void targetIsMetWhenEveryCombinationIsWithinFifteenNanosecondsAndAllocatesNoMore() {
		String targets = targets(measured(1, "attribute", 400, 402, 232, 232.4),
				measured(100, "host", 400, 415, 232, 232.9), measured(100, "group", 400, 390, 232, 232));
		assertThat(targets).contains("| largest difference over 3 combinations of clients and resolution: "
				+ "+15.0 ns/op (+3.8%) at 100 clients by host (415.0 vs 400.0 ns/op); allocation +1 B/op at 100 "
				+ "clients by host (233 vs 232 B/op) | met |");
	}

	@Test
	void targetIsMissedWhenOneCombinationIsSlowerByMoreThanFifteenNanoseconds() {
		String targets = targets(measured(1, "attribute", 400, 402, 232, 232),
				measured(10, "host", 400, 415.2, 232, 232));
		assertThat(targets).contains("+15.2 ns/op (+3.8%) at 10 clients by host").endsWith("| **MISSED**: time |\n");
	}

	@Test
	void targetIsMissedWhenOneCombinationAllocates() {
		String targets = targets(measured(1, "attribute", 400, 402, 232, 232),
				measured(100, "attribute", 400, 401, 232, 256));
		assertThat(targets).contains("allocation +24 B/op at 100 clients by attribute (256 vs 232 B/op)")
			.endsWith("| **MISSED**: allocation |\n");
	}

	@Test
	void withoutTheGcProfilerOnlyTimeIsJudged() {
		String targets = targets(measured(100, "host", 400, 405, Double.NaN, Double.NaN));
		assertThat(targets).contains("over 1 combination of").endsWith("| met (time; allocation not measured) |\n");
	}

	@Test
	void tableShowsEveryCombinationWithItsDifferences() {
		StringBuilder md = new StringBuilder();
		NamedClientsReport.appendTable(md,
				List.of(measured(1, "group", 400, 398, 232, 232), measured(100, "host", 400, 420, 232, 248)));
		assertThat(md).contains("| 1 | group | 400.0 ± 2.0 | 398.0 ± 2.0 | -2.0 | -0.5% | 232 | 232 | 0 | met |\n")
			.contains("| 100 | host | 400.0 ± 2.0 | 420.0 ± 2.0 | +20.0 | +5.0% | 232 | 248 | +16 | "
					+ "**MISSED**: time and allocation |\n");
	}

	@Test
	void conclusionNamesTheLargestDifferenceAndTheNoiseOfTheRun() {
		StringBuilder md = new StringBuilder();
		NamedClientsReport.appendConclusion(md, List.of(measured(1, "group", 400, 398, 232, 232),
				measured(100, "host", 430, 433, 232, 232), measured(10, "attribute", 410, 420, 232, 232)));
		assertThat(md)
			.contains("Here the largest time difference is +10.0 ns/op (+2.4%) at 10 clients by attribute, "
					+ "beyond the two results' combined 99.9% confidence intervals (± 4.0 ns).")
			.contains("the spread of its 3 results, 400.0–430.0 ns/op, shows how noisy this run was");
	}

	@Test
	void theBenchmarkDeclaresNineCombinations() {
		// 1, 10 and 100 clients, by attribute, group and host
		assertThat(NamedClientsReport.declaredCombinations()).isEqualTo(9);
	}

	@Test
	void nothingIsReportedWhenTheBenchmarkDidNotRun() {
		assertThat(targets()).isEmpty();
	}

	private static String targets(NamedClientsReport.Case... cases) {
		StringBuilder md = new StringBuilder();
		NamedClientsReport.appendTargets(md, List.of(cases));
		return md.toString();
	}

	private static NamedClientsReport.Case measured(int clients, String resolution, double singleNanos,
			double namedNanos, double singleBytes, double namedBytes) {
		return new NamedClientsReport.Case(clients, resolution, new MarkdownReport.JmhRow(singleNanos, 2, singleBytes),
				new MarkdownReport.JmhRow(namedNanos, 2, namedBytes));
	}

}
