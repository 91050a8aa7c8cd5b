package io.github.cognitotoken.samples.democlient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the demo did, and its text form. Holds neither the token nor the client secret.
 *
 * @param tokenEndpoint the token endpoint the starter used
 * @param apiUrl the URL of the API that was called
 * @param calls the outcome of each call, in order
 * @param moreApis the calls to further APIs, with other clients' tokens
 * @param tokenRequests the stand-in's token request counts, or {@code null} when not
 * available
 * @param tokenExpiry when the cached token expires, or {@code null} when none is cached
 * @param tokenError why no token could be obtained, or {@code null}
 * @param now the time of the report
 */
public record DemoReport(String tokenEndpoint, String apiUrl, List<CallResult> calls, List<ApiCalls> moreApis,
		@Nullable TokenRequestCounts tokenRequests, @Nullable Instant tokenExpiry, @Nullable String tokenError,
		Instant now) {

	public DemoReport {
		calls = List.copyOf(calls);
		moreApis = List.copyOf(moreApis);
	}

	/**
	 * Create a report of calls to one API.
	 * @param tokenEndpoint the token endpoint the starter used
	 * @param apiUrl the URL of the API that was called
	 * @param calls the outcome of each call, in order
	 * @param tokenRequests the stand-in's token request counts, or {@code null}
	 * @param tokenExpiry when the cached token expires, or {@code null}
	 * @param tokenError why no token could be obtained, or {@code null}
	 * @param now the time of the report
	 */
	public DemoReport(String tokenEndpoint, String apiUrl, List<CallResult> calls,
			@Nullable TokenRequestCounts tokenRequests, @Nullable Instant tokenExpiry, @Nullable String tokenError,
			Instant now) {
		this(tokenEndpoint, apiUrl, calls, List.of(), tokenRequests, tokenExpiry, tokenError, now);
	}

	private List<CallResult> allCalls() {
		List<CallResult> all = new ArrayList<>(this.calls);
		this.moreApis.forEach((api) -> all.addAll(api.calls()));
		return all;
	}

	/**
	 * Return whether every call received a 2xx response and a token was obtained.
	 * @return whether the demo succeeded
	 */
	public boolean succeeded() {
		return this.tokenError == null && allCalls().stream().allMatch(CallResult::succeeded);
	}

	/**
	 * Return the report as lines of text, ending with a summary such as
	 * {@code 5 calls, 1 token request: all succeeded}.
	 * @return the report
	 */
	public String format() {
		StringBuilder report = new StringBuilder("Cognito token demo\n");
		row(report, "token endpoint", this.tokenEndpoint);
		row(report, "API", "GET " + this.apiUrl);
		for (int i = 0; i < this.calls.size(); i++) {
			row(report, "call " + (i + 1), this.calls.get(i).describe());
		}
		for (ApiCalls api : this.moreApis) {
			row(report, "API", "GET " + api.apiUrl() + " (" + api.how() + ")");
			for (int i = 0; i < api.calls().size(); i++) {
				row(report, "call " + (i + 1), api.calls().get(i).describe());
			}
			String tokenClaim = api.tokenClaim();
			if (tokenClaim != null) {
				row(report, "token claim", tokenClaim);
			}
		}
		row(report, "token requests", describeTokenRequests());
		TokenRequestCounts counts = this.tokenRequests;
		if (counts != null && counts.issuedByClient().size() > 1) {
			StringBuilder perClient = new StringBuilder();
			counts.issuedByClient()
				.forEach((client, issued) -> perClient.append((perClient.length() > 0) ? ", " : "")
					.append(client)
					.append(' ')
					.append(issued));
			row(report, "per client", perClient + " (issued)");
		}
		row(report, "token expiry", (this.tokenExpiry != null) ? describeExpiry(this.tokenExpiry) : "no token cached");
		if (this.tokenError != null) {
			row(report, "token error", this.tokenError);
		}
		return report.append(summary()).append('\n').toString();
	}

	/**
	 * Return the last line of the report, for example
	 * {@code 5 calls, 1 token request: all succeeded}.
	 * @return the summary
	 */
	public String summary() {
		String tokenRequests = (this.tokenRequests != null) ? count(this.tokenRequests.total(), "token request")
				: "token requests not counted";
		List<CallResult> all = allCalls();
		long failed = all.stream().filter((call) -> !call.succeeded()).count();
		String outcome = succeeded() ? "all succeeded" : (failed > 0) ? failed + " failed" : "no token";
		return count(all.size(), "call") + ", " + tokenRequests + ": " + outcome;
	}

	private String describeTokenRequests() {
		TokenRequestCounts counts = this.tokenRequests;
		if (counts == null) {
			return "not available (only cognito-local counts them)";
		}
		return counts.total() + " (" + counts.issued() + " issued, " + counts.failed()
				+ " failed; counted by cognito-local since it started)";
	}

	private String describeExpiry(Instant expiry) {
		String at = expiry.truncatedTo(ChronoUnit.SECONDS).toString();
		Duration remaining = Duration.between(this.now, expiry);
		return remaining.isNegative() ? at + " (expired " + describe(remaining.negated()) + " ago)"
				: at + " (in " + describe(remaining) + ")";
	}

	private static String describe(Duration duration) {
		long seconds = duration.getSeconds();
		if (seconds >= 3600) {
			return (seconds / 3600) + "h " + (seconds % 3600 / 60) + "m " + (seconds % 60) + "s";
		}
		return (seconds >= 60) ? (seconds / 60) + "m " + (seconds % 60) + "s" : seconds + "s";
	}

	private static String count(long count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

	private static void row(StringBuilder report, String label, String value) {
		report.append("  ").append(String.format("%-15s", label)).append(' ').append(value).append('\n');
	}

}
