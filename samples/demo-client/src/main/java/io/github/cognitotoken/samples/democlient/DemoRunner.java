package io.github.cognitotoken.samples.democlient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.CognitoTokenManagers;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Calls the API {@code demo.calls} times through the starter's auto-configured
 * {@link RestClient}, which adds {@code Authorization: Bearer <token>}, then prints a
 * {@link DemoReport}. The exit code is 0 when every call succeeded, 1 otherwise.
 */
@Component
public class DemoRunner implements ApplicationRunner, ExitCodeGenerator {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient restClient;

	private final InvoicesClient invoicesClient;

	private final CognitoTokenManager tokenManager;

	private final CognitoTokenManagers tokenManagers;

	private final TokenRequestCounter tokenRequestCounter;

	private final DemoProperties properties;

	private final Environment environment;

	private volatile int exitCode;

	@Autowired
	public DemoRunner(RestClient restClient, InvoicesClient invoicesClient, CognitoTokenManager tokenManager,
			CognitoTokenManagers tokenManagers, TokenRequestCounter tokenRequestCounter, DemoProperties properties,
			Environment environment) {
		this.tokenManagers = tokenManagers;
		this.restClient = restClient;
		this.invoicesClient = invoicesClient;
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
		List<CallResult> orders = new ArrayList<>();
		List<CallResult> invoices = new ArrayList<>();
		List<String> tokenErrors = new ArrayList<>();
		for (int i = 0; i < this.properties.calls(); i++) {
			// the default client's token, through the auto-configured RestClient
			orders.add(call(() -> this.restClient.get()
				.uri(this.properties.path())
				.exchange((request, response) -> response.getStatusCode().value()), tokenErrors));
			// the billing client's token, through an HTTP service group bound to it
			invoices.add(call(() -> this.invoicesClient.invoices().getStatusCode().value(), tokenErrors));
		}
		String tokenEndpoint = this.environment.getProperty("cognito.client.token-endpoint", "(not set)");
		String baseUrl = this.environment.getProperty("cognito.client.base-url", "");
		String billingUrl = this.environment.getProperty("spring.http.serviceclient.billing.base-url", "");
		ApiCalls billing = new ApiCalls(billingUrl + "/api/invoices",
				"client billing, scope billing/read, @HttpExchange group billing", invoices,
				clientMetadataClaim("billing"));
		return new DemoReport(tokenEndpoint, baseUrl + this.properties.path(), orders, List.of(billing),
				this.tokenRequestCounter.read(tokenEndpoint), this.tokenManager.getTokenExpiry().orElse(null),
				tokenErrors.isEmpty() ? null : tokenErrors.get(0), Instant.now());
	}

	/**
	 * Return the {@code client_metadata} claim of a client's cached token, which the
	 * stand-in copies from the {@code aws_client_metadata} of the token request (as a
	 * Cognito pre token generation trigger may do). Reads the token's payload without
	 * verifying it: this is a report, not an authorization decision.
	 */
	private @Nullable String clientMetadataClaim(String client) {
		CognitoTokenManager manager = this.tokenManagers.find(client);
		if (manager == null || manager.getTokenExpiry().isEmpty()) {
			return null;
		}
		try {
			String[] parts = manager.getToken().split("\\.");
			JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
			JsonNode metadata = claims.get("client_metadata");
			return (metadata != null) ? "client_metadata " + JSON.writeValueAsString(metadata) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static CallResult call(Supplier<Integer> call, List<String> tokenErrors) {
		try {
			return CallResult.status(call.get());
		}
		catch (RestClientResponseException ex) {
			return CallResult.status(ex.getStatusCode().value());
		}
		catch (RuntimeException ex) {
			CognitoTokenException tokenException = findTokenException(ex);
			if (tokenException == null) {
				return CallResult.failure(ex.getClass().getSimpleName() + ": " + ex.getMessage());
			}
			tokenErrors.add(tokenException.getMessage());
			return CallResult.failure("no access token (" + tokenException.getErrorTag()
					+ ((tokenException.getHttpStatus() != null) ? ", HTTP " + tokenException.getHttpStatus() : "")
					+ ")");
		}
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
