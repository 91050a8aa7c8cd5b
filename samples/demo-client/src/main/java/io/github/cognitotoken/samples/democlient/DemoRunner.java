package io.github.cognitotoken.samples.democlient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenManager;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Calls the API {@code demo.calls} times through the starter's auto-configured
 * {@link RestClient}, which adds {@code Authorization: Bearer <token>}, then prints a
 * {@link DemoReport}. The exit code is 0 when every call succeeded, 1 otherwise.
 */
@Component
public class DemoRunner implements ApplicationRunner, ExitCodeGenerator {

	private final RestClient restClient;

	private final CognitoTokenManager tokenManager;

	private final TokenRequestCounter tokenRequestCounter;

	private final DemoProperties properties;

	private final Environment environment;

	private volatile int exitCode;

	@Autowired
	public DemoRunner(RestClient restClient, CognitoTokenManager tokenManager, TokenRequestCounter tokenRequestCounter,
			DemoProperties properties, Environment environment) {
		this.restClient = restClient;
		this.tokenManager = tokenManager;
		this.tokenRequestCounter = tokenRequestCounter;
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		DemoReport report = runDemo();
		System.out.print(report.format());
		System.out.flush();
		this.exitCode = report.succeeded() ? 0 : 1;
	}

	/**
	 * Make the calls and return what happened.
	 * @return the report
	 */
	public DemoReport runDemo() {
		List<CallResult> calls = new ArrayList<>();
		String tokenError = null;
		for (int i = 0; i < this.properties.calls(); i++) {
			try {
				int status = this.restClient.get()
					.uri(this.properties.path())
					.exchange((request, response) -> response.getStatusCode().value());
				calls.add(CallResult.status(status));
			}
			catch (RuntimeException ex) {
				CognitoTokenException tokenException = findTokenException(ex);
				if (tokenException != null) {
					calls.add(CallResult.failure("no access token (" + tokenException.getErrorTag()
							+ ((tokenException.getHttpStatus() != null) ? ", HTTP " + tokenException.getHttpStatus()
									: "")
							+ ")"));
					if (tokenError == null) {
						tokenError = tokenException.getMessage();
					}
				}
				else {
					calls.add(CallResult.failure(ex.getClass().getSimpleName() + ": " + ex.getMessage()));
				}
			}
		}
		String tokenEndpoint = this.environment.getProperty("cognito.client.token-endpoint", "(not set)");
		String baseUrl = this.environment.getProperty("cognito.client.base-url", "");
		return new DemoReport(tokenEndpoint, baseUrl + this.properties.path(), calls,
				this.tokenRequestCounter.read(tokenEndpoint), this.tokenManager.getTokenExpiry().orElse(null),
				tokenError, Instant.now());
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	private static @Nullable CognitoTokenException findTokenException(Throwable ex) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof CognitoTokenException tokenException) {
				return tokenException;
			}
		}
		return null;
	}

}
