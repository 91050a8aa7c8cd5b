package io.github.cognitotoken.samples.democlient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenManager;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Runs the demo application in this JVM against the packaged cognito-local jar, started
 * as a process on a free port.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DemoClientAgainstCognitoLocalIT {

	private static final String WRONG_SECRET = "not-the-demo-client-secret";

	@SuppressWarnings("NullAway.Init")
	private static CognitoLocalProcess cognitoLocal;

	@BeforeAll
	static void startCognitoLocal(@TempDir Path directory) throws Exception {
		cognitoLocal = CognitoLocalProcess.start(directory);
	}

	@AfterAll
	static void stopCognitoLocal() throws Exception {
		if (cognitoLocal != null) {
			cognitoLocal.close();
		}
	}

	@BeforeEach
	void resetTokenRequests() throws Exception {
		cognitoLocal.resetTokenRequests();
	}

	@Test
	void wrongClientSecretIsRejectedByTheStandInWithInvalidClient() throws Exception {
		try (ConfigurableApplicationContext context = run("--cognito.client.client-secret=" + WRONG_SECRET,
				"--demo.calls=0")) {
			CognitoTokenManager tokenManager = context.getBean(CognitoTokenManager.class);
			assertThatExceptionOfType(CognitoTokenException.class).isThrownBy(tokenManager::getToken)
				.satisfies((ex) -> {
					assertThat(ex.getErrorCode()).isEqualTo("invalid_client");
					assertThat(ex.getHttpStatus()).isEqualTo(400);
					assertThat(ex.getKind()).isEqualTo(CognitoTokenException.Kind.OAUTH2_ERROR);
					assertThat(ex.isRetryable()).isFalse();
					assertThat(ex.getMessage()).doesNotContain(WRONG_SECRET);
				});
		}
		// the billing client's secret is right: only the default client failed
		assertThat(cognitoLocal.tokenRequests().issuedByClient()).containsOnlyKeys("billing-client");
		assertThat(cognitoLocal.tokenRequests().failed()).isPositive();
	}

	@Test
	void wrongClientSecretWithFailFastStopsTheApplicationFromStarting(CapturedOutput output) {
		Throwable failure = catchThrowable(() -> run("--cognito.client.client-secret=" + WRONG_SECRET,
				"--cognito.client.fail-fast=true", "--demo.calls=1"));
		assertThat(failure).isNotNull();
		CognitoTokenException tokenException = findCause(failure, CognitoTokenException.class);
		assertThat(tokenException).isNotNull();
		assertThat(tokenException.getErrorCode()).isEqualTo("invalid_client");
		assertThat(tokenException.getHttpStatus()).isEqualTo(400);
		assertThat(output).doesNotContain("Cognito token demo").doesNotContain(WRONG_SECRET);
	}

	@Test
	void wrongClientSecretMakesEveryCallFailAndTheExitCodeNonZero(CapturedOutput output) {
		ConfigurableApplicationContext context = run("--cognito.client.client-secret=" + WRONG_SECRET,
				"--demo.calls=2");
		assertThat(SpringApplication.exit(context)).isEqualTo(1);
		assertThat(output).contains("  call 1          failed: no access token (invalid_client, HTTP 400)")
			.contains("  call 2          failed: no access token (invalid_client, HTTP 400)")
			// the billing API's calls carry the other client's token and succeed
			.contains("4 calls, ")
			.contains(": 2 failed")
			.doesNotContain(WRONG_SECRET)
			.doesNotContain("demo-secret");
	}

	@Test
	void demoReportsEveryCallAndOneTokenRequestAndExitsWithZero(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = run("--demo.calls=3");
		assertThat(context.getBeanNamesForType(RestClient.class)).as("only the starter's RestClient")
			.containsExactly("cognitoRestClient");
		assertThat(SpringApplication.exit(context)).isZero();
		assertThat(output).contains("  token endpoint  " + cognitoLocal.tokenEndpoint())
			.contains("  call 1          200 OK")
			.contains("  call 3          200 OK")
			.contains("  API             GET " + cognitoLocal.baseUrl()
					+ "/api/invoices (client billing, scope billing/read, @HttpExchange group billing)")
			.contains("  token requests  2 (2 issued, 0 failed; counted by cognito-local since it started)")
			.contains("  per client      billing-client 1, demo-client 1 (issued)")
			// the billing client's aws_client_metadata, copied into its token by the
			// stand-in
			.contains("  token claim     client_metadata {\"tenant\":\"acme\"}")
			.contains("6 calls, 2 token requests: all succeeded")
			.doesNotContain("demo-secret");
	}

	@Test
	void threeHundredCallsIncludingOneHundredConcurrentFirstCallsRightAfterStartupMakeOneTokenRequest()
			throws Exception {
		try (ConfigurableApplicationContext context = run("--demo.calls=0")) {
			List<Integer> statuses = callConcurrentlyThenMore(context.getBean(RestClient.class));
			assertThat(statuses).hasSize(300).containsOnly(200);
		}
		// one per client: each fetched its first token at startup
		assertThat(cognitoLocal.tokenRequests())
			.isEqualTo(new TokenRequestCounts(2, 0, Map.of("demo-client", 1L, "billing-client", 1L)));
	}

	@Test
	void threeHundredCallsIncludingOneHundredConcurrentCallsThatFindNoCachedTokenMakeOneTokenRequest()
			throws Exception {
		try (ConfigurableApplicationContext context = run("--demo.calls=0")) {
			CognitoTokenManager tokenManager = context.getBean(CognitoTokenManager.class);
			// Wait for the token requested at startup, then forget it, so that the 100
			// concurrent first calls all find no cached token
			tokenManager.getToken();
			tokenManager.invalidate();
			cognitoLocal.resetTokenRequests();
			List<Integer> statuses = callConcurrentlyThenMore(context.getBean(RestClient.class));
			assertThat(statuses).hasSize(300).containsOnly(200);
		}
		assertThat(cognitoLocal.tokenRequests()).isEqualTo(new TokenRequestCounts(1, 0, Map.of("demo-client", 1L)));
	}

	/**
	 * Make 100 calls that start at the same time from 100 threads, then 200 more from the
	 * same threads.
	 * @param restClient the auto-configured client
	 * @return the status of each call
	 */
	private static List<Integer> callConcurrentlyThenMore(RestClient restClient) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(100);
		try {
			CountDownLatch ready = new CountDownLatch(100);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Integer>> calls = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				calls.add(executor.submit(() -> {
					ready.countDown();
					go.await();
					return getOrders(restClient);
				}));
			}
			assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
			go.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> call : calls) {
				statuses.add(call.get(30, TimeUnit.SECONDS));
			}
			calls.clear();
			for (int i = 0; i < 200; i++) {
				calls.add(executor.submit(() -> getOrders(restClient)));
			}
			for (Future<Integer> call : calls) {
				statuses.add(call.get(30, TimeUnit.SECONDS));
			}
			return statuses;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static int getOrders(RestClient restClient) {
		return restClient.get().uri("/api/orders").exchange((request, response) -> response.getStatusCode().value());
	}

	private static ConfigurableApplicationContext run(String... args) {
		List<String> arguments = new ArrayList<>(
				List.of("--cognito.client.token-endpoint=" + cognitoLocal.tokenEndpoint(),
						"--cognito.client.base-url=" + cognitoLocal.baseUrl(),
						"--spring.http.serviceclient.billing.base-url=" + cognitoLocal.baseUrl()));
		arguments.addAll(List.of(args));
		return new SpringApplicationBuilder(DemoClientApplication.class).run(arguments.toArray(String[]::new));
	}

	private static <T extends Throwable> @Nullable T findCause(Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		return null;
	}

}
