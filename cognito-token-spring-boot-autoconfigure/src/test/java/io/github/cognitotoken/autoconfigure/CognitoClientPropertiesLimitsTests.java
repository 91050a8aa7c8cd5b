package io.github.cognitotoken.autoconfigure;

import java.time.Duration;

import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.RetryBackoff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings that pass a simple check but would cause storms of token requests, durations
 * that overflow, and token endpoints with parts that do not belong there stop startup
 * with a failure analysis that names the property, the value and the limit.
 */
class CognitoClientPropertiesLimitsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ImperativeHttpClientAutoConfiguration.class,
				RestClientAutoConfiguration.class, CognitoTokenAutoConfiguration.class))
		.withPropertyValues("cognito.client.client-id=demo-client", "cognito.client.client-secret=demo-secret",
				"cognito.client.token-endpoint=http://localhost:1/oauth2/token");

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			forced-renewal-interval | 0s    | 10s
			forced-renewal-interval | 9s    | 10s
			retry.initial-delay     | 1ms   | 500ms
			retry.max-delay         | 1s    | 20s
			retry.terminal-delay    | 1ms   | 1m
			retry.terminal-delay    | 59s   | 1m
			read-timeout            | 500us | 1ms
			cache.poll-interval     | 1ms   | 10ms
			cache.timeout           | 999us | 10ms
			""")
	void valueBelowTheMinimumNamesThePropertyTheValueAndTheMinimum(String property, String value, String minimum) {
		this.contextRunner.withPropertyValues("cognito.client." + property + "=" + value)
			.run(failsWith("cognito.client." + property, "is below the minimum of " + minimum,
					"Set cognito.client." + property + " to at least " + minimum));
	}

	@Test
	void messageShowsTheValueAsWritten() {
		this.contextRunner.withPropertyValues("cognito.client.forced-renewal-interval=0s")
			.run(failsWith("cognito.client.forced-renewal-interval",
					"'cognito.client.forced-renewal-interval' (0s) is below the minimum of 10s",
					"every forced renewal is a token request that Cognito bills"));
		this.contextRunner.withPropertyValues("cognito.client.retry.terminal-delay=1ms")
			.run(failsWith("cognito.client.retry.terminal-delay",
					"'cognito.client.retry.terminal-delay' (1ms) is below the minimum of 1m", "(default 5m)"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			read-timeout            | 100000d         | 100000d         | 5m
			connect-timeout         | 6m              | 6m              | 5m
			clock-skew              | 2d              | 2d              | 1d
			refresh-ahead           | 1000000000000d  | PT24000000000000H | 1d
			forced-renewal-interval | 25h             | 25h             | 1d
			retry.initial-delay     | 2h              | 2h              | 1h
			retry.max-delay         | 9999999999999d  | PT239999999999976H | 1h
			retry.terminal-delay    | 2d              | 2d              | 1d
			cache.lock-ttl          | 100000d         | 100000d         | 15m
			cache.lock-wait         | 16m             | 16m             | 15m
			cache.poll-interval     | 11s             | 11s             | 10s
			cache.timeout           | 2m              | 2m              | 1m
			""")
	void valueAboveTheMaximumNamesThePropertyTheValueAndTheMaximum(String property, String value, String shown,
			String maximum) {
		this.contextRunner.withPropertyValues("cognito.client." + property + "=" + value)
			.run(failsWith("cognito.client." + property,
					"'cognito.client." + property + "' (" + shown + ") is above the maximum of " + maximum,
					"Set cognito.client." + property + " to at most " + maximum));
	}

	@Test
	void smallestAndLargestAllowedValuesStart() {
		this.contextRunner
			.withPropertyValues("cognito.client.forced-renewal-interval=10s",
					"cognito.client.retry.initial-delay=500ms", "cognito.client.retry.max-delay=20s",
					"cognito.client.retry.terminal-delay=1m", "cognito.client.connect-timeout=5m",
					"cognito.client.read-timeout=5m", "cognito.client.clock-skew=1d", "cognito.client.refresh-ahead=0s")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(CognitoTokenManager.class));
	}

	@Test
	void limitsAreThoseOfTheCore() {
		assertThat(CognitoTokenManager.MIN_FORCED_RENEWAL_INTERVAL).isEqualTo(Duration.ofSeconds(10));
		assertThat(RetryBackoff.MIN_INITIAL_DELAY).isEqualTo(Duration.ofMillis(500));
		assertThat(RetryBackoff.MIN_MAX_DELAY).isEqualTo(Duration.ofSeconds(20));
		assertThat(RetryBackoff.MIN_TERMINAL_DELAY).isEqualTo(Duration.ofMinutes(1));
		assertThat(CognitoClientPropertiesValidator.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://example.auth.eu-west-1.amazoncognito.com/oauth2/token?client_secret=hunter2",
			"https://example.auth.eu-west-1.amazoncognito.com/oauth2/token?",
			"https://example.auth.eu-west-1.amazoncognito.com/oauth2/token#hunter2",
			"https://client:hunter2@example.auth.eu-west-1.amazoncognito.com/oauth2/token",
			"https://hunter2@example.auth.eu-west-1.amazoncognito.com/oauth2/token",
			"https://example.auth.eu-west-1.amazoncognito.com", "https://example.auth.eu-west-1.amazoncognito.com/",
			"http://localhost:8080" })
	void tokenEndpointThatIsNotJustTheEndpointIsRejectedWithoutEchoingCredentials(String tokenEndpoint) {
		this.contextRunner.withPropertyValues("cognito.client.token-endpoint=" + tokenEndpoint).run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("'cognito.client.token-endpoint'");
			assertThat(analysis.getAction()).contains("https://<domain>.auth.<region>.amazoncognito.com/oauth2/token");
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("hunter2")
				.doesNotContain("demo-secret");
		});
	}

	@Test
	void tokenEndpointProblemsAreNamed() {
		String endpoint = "https://example.auth.eu-west-1.amazoncognito.com";
		this.contextRunner.withPropertyValues("cognito.client.token-endpoint=" + endpoint + "/oauth2/token?a=b")
			.run(failsWith("cognito.client.token-endpoint",
					"has a query string (" + endpoint + "/oauth2/token?..., the query is not shown)", "without"));
		this.contextRunner.withPropertyValues("cognito.client.token-endpoint=" + endpoint + "/oauth2/token#top")
			.run(failsWith("cognito.client.token-endpoint", "has a fragment", "without"));
		this.contextRunner.withPropertyValues("cognito.client.token-endpoint=" + endpoint + "/")
			.run(failsWith("cognito.client.token-endpoint", "has no path ('" + endpoint + "/')", "/oauth2/token"));
		this.contextRunner.withPropertyValues("cognito.client.token-endpoint=https://a:b@example.com/oauth2/token")
			.run(failsWith("cognito.client.token-endpoint", "contains user information (not shown",
					"cognito.client.client-secret"));
	}

	private static ContextConsumer<AssertableApplicationContext> failsWith(String property, String description,
			String action) {
		return (context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains(description).contains("'" + property + "'");
			assertThat(analysis.getAction()).contains(action);
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("demo-secret");
		};
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidCognitoPropertyFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

}
