package io.github.cognitotoken.autoconfigure;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CredentialLoggers}: one warning at startup names the enabled loggers
 * that print credentials or tokens, and never what they print.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialLoggersTests {

	private static final String SECRET = "warning-secret-never-logged";

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ImperativeHttpClientAutoConfiguration.class, CognitoTokenAutoConfiguration.class))
		.withPropertyValues("cognito.client.client-id=warning-client", "cognito.client.client-secret=" + SECRET,
				"cognito.client.token-endpoint=http://localhost:9/oauth2/token");

	@AfterEach
	void restoreLevels() {
		this.loggingSystem.setLogLevel("org.apache.hc.client5.http.headers", null);
		this.loggingSystem.setLogLevel("org.eclipse.jetty.http.HttpGenerator", null);
		this.loggingSystem.setLogLevel(CredentialLoggers.EXCHANGE_FUNCTIONS_LOGGER, null);
		java.util.logging.Logger.getLogger(CredentialLoggers.URL_CONNECTION_LOGGER).setLevel(null);
	}

	@Test
	void enabledCredentialLoggersAreNamedInOneWarningAtStartup(CapturedOutput output) {
		this.loggingSystem.setLogLevel("org.apache.hc.client5.http.headers", LogLevel.DEBUG);
		this.loggingSystem.setLogLevel("org.eclipse.jetty.http.HttpGenerator", LogLevel.TRACE);
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).containsOnlyOnce("These loggers print the Cognito client's Basic credentials")
			.contains("WARN")
			.contains(": org.apache.hc.client5.http.headers, org.eclipse.jetty.http.HttpGenerator. Lower them")
			.doesNotContain(SECRET);
	}

	@Test
	void noWarningWithoutThem(CapturedOutput output) {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("These loggers print");
	}

	@Test
	void httpUrlConnectionWebClientDetailsAndTheJdkClientLogAreDetected() {
		MockEnvironment environment = new MockEnvironment();
		assertThat(CredentialLoggers.enabled(environment)).isEmpty();
		java.util.logging.Logger.getLogger(CredentialLoggers.URL_CONNECTION_LOGGER)
			.setLevel(java.util.logging.Level.FINE);
		this.loggingSystem.setLogLevel(CredentialLoggers.EXCHANGE_FUNCTIONS_LOGGER, LogLevel.TRACE);
		assertThat(CredentialLoggers.enabled(environment)).containsExactly(CredentialLoggers.URL_CONNECTION_LOGGER);
		environment.setProperty("spring.http.codecs.log-request-details", "true");
		environment.setProperty("jdk.httpclient.HttpClient.log", "errors,headers");
		assertThat(CredentialLoggers.enabled(environment)).containsExactly(CredentialLoggers.URL_CONNECTION_LOGGER,
				CredentialLoggers.EXCHANGE_FUNCTIONS_LOGGER + " (with spring.http.codecs.log-request-details=true)",
				"the JDK HttpClient's log (jdk.httpclient.HttpClient.log=errors,headers)");
	}

}
