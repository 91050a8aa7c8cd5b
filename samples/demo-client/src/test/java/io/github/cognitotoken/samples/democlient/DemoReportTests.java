package io.github.cognitotoken.samples.democlient;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DemoReport}.
 */
class DemoReportTests {

	private static final Instant NOW = Instant.parse("2025-01-01T10:00:00.250Z");

	private static final String ENDPOINT = "http://localhost:9099/oauth2/token";

	private static final String API = "http://localhost:9099/api/orders";

	@Test
	void reportOfSuccessfulCallsShowsTheEndpointEveryStatusTheTokenRequestsAndTheExpiry() {
		DemoReport report = new DemoReport(ENDPOINT, API, Collections.nCopies(5, CallResult.status(200)),
				new TokenRequestCounts(1, 0), NOW.plusSeconds(119), null, NOW);
		assertThat(report.succeeded()).isTrue();
		assertThat(report.format()).isEqualTo("""
				Cognito token demo
				  token endpoint  http://localhost:9099/oauth2/token
				  API             GET http://localhost:9099/api/orders
				  call 1          200 OK
				  call 2          200 OK
				  call 3          200 OK
				  call 4          200 OK
				  call 5          200 OK
				  token requests  1 (1 issued, 0 failed; counted by cognito-local since it started)
				  token expiry    2025-01-01T10:01:59Z (in 1m 59s)
				5 calls, 1 token request: all succeeded
				""");
	}

	@Test
	void summaryUsesSingularForOneCallAndPluralForSeveralTokenRequests() {
		DemoReport report = new DemoReport(ENDPOINT, API, List.of(CallResult.status(200)), new TokenRequestCounts(2, 1),
				NOW.plusSeconds(30), null, NOW);
		assertThat(report.summary()).isEqualTo("1 call, 3 token requests: all succeeded");
	}

	@Test
	void tokenRequestsAreNotAvailableWhenTheEndpointIsNotTheStandIn() {
		DemoReport report = new DemoReport("https://example.auth.eu-west-1.amazoncognito.com/oauth2/token",
				"https://api.example.com/api/orders", List.of(CallResult.status(200), CallResult.status(204)), null,
				NOW.plusSeconds(3600), null, NOW);
		assertThat(report.format()).contains("  token requests  not available (only cognito-local counts them)\n")
			.contains("  token expiry    2025-01-01T11:00:00Z (in 1h 0m 0s)\n")
			.endsWith("2 calls, token requests not counted: all succeeded\n");
		assertThat(report.succeeded()).isTrue();
	}

	@Test
	void callWithANonSuccessStatusMakesTheDemoFail() {
		DemoReport report = new DemoReport(ENDPOINT, API,
				List.of(CallResult.status(200), CallResult.status(403), CallResult.status(599)),
				new TokenRequestCounts(1, 0), NOW.plusSeconds(60), null, NOW);
		assertThat(report.succeeded()).isFalse();
		assertThat(report.format()).contains("  call 2          403 Forbidden\n")
			.contains("  call 3          599\n")
			.endsWith("3 calls, 1 token request: 2 failed\n");
	}

	@Test
	void tokenErrorIsShownAndMakesTheDemoFail() {
		DemoReport report = new DemoReport(ENDPOINT, API,
				List.of(CallResult.failure("no access token (invalid_client, HTTP 400)")), new TokenRequestCounts(0, 1),
				null, "rejected the token request with 'invalid_client'", NOW);
		assertThat(report.succeeded()).isFalse();
		assertThat(report.format()).contains("  call 1          failed: no access token (invalid_client, HTTP 400)\n")
			.contains("  token expiry    no token cached\n")
			.contains("  token error     rejected the token request with 'invalid_client'\n")
			.endsWith("1 call, 1 token request: 1 failed\n");
	}

	@Test
	void expiredTokenIsShownAsExpired() {
		DemoReport report = new DemoReport(ENDPOINT, API, List.of(), null, NOW.minusSeconds(5), null, NOW);
		assertThat(report.format()).contains("  token expiry    2025-01-01T09:59:55Z (expired 5s ago)\n")
			.endsWith("0 calls, token requests not counted: all succeeded\n");
	}

	@Test
	void callsToFurtherApisFollowWithHowTheirTokenWasChosenAndCountInTheSummary() {
		DemoReport report = new DemoReport(ENDPOINT, API, List.of(CallResult.status(200)),
				List.of(new ApiCalls("http://localhost:9099/api/invoices", "client billing",
						List.of(CallResult.status(200),
								CallResult.failure("no access token (invalid_client, HTTP 400)")),
						"client_metadata {\"tenant\":\"acme\"}")),
				new TokenRequestCounts(2, 1, Map.of("demo-client", 1L, "billing-client", 1L)), NOW.plusSeconds(60),
				"invalid_client", NOW);
		assertThat(report.succeeded()).isFalse();
		assertThat(report.format()).contains("""
				  call 1          200 OK
				  API             GET http://localhost:9099/api/invoices (client billing)
				  call 1          200 OK
				  call 2          failed: no access token (invalid_client, HTTP 400)
				  token claim     client_metadata {"tenant":"acme"}
				  token requests  3 (2 issued, 1 failed; counted by cognito-local since it started)
				  per client      billing-client 1, demo-client 1 (issued)
				""").endsWith("3 calls, 3 token requests: 1 failed\n");
	}

}
