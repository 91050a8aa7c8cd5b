package io.github.cognitotoken.benchmarks;

import org.jspecify.annotations.Nullable;

/**
 * One part of the report: its rows in the table of targets and its section. A new
 * benchmark adds one to {@link MarkdownReport#SECTIONS}.
 *
 * @author cognito-token contributors
 */
interface ReportSection {

	/**
	 * Append this part's rows to the table of targets (columns: benchmark, target for
	 * cognito-token, measured, result), or nothing when it did not run.
	 * @param md the report
	 * @param results the results
	 */
	void appendTargets(StringBuilder md, BenchmarkSuite.Results results);

	/**
	 * Append this part's section.
	 * @param md the report
	 * @param results the results
	 * @param chartLink the chart directory relative to the report, or {@code null} for a
	 * report without charts
	 */
	void appendSection(StringBuilder md, BenchmarkSuite.Results results, @Nullable String chartLink);

}
