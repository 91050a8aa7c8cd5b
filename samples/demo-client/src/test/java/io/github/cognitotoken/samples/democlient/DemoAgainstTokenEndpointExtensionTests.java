package io.github.cognitotoken.samples.democlient;

import io.github.cognitotoken.CognitoTokenManagers;
import io.github.cognitotoken.test.CognitoTestToken;
import io.github.cognitotoken.test.endpoint.CognitoTokenEndpointExtension;
import io.github.cognitotoken.test.endpoint.TokenEndpointAnswer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo against {@link CognitoTokenEndpointExtension}, a local Cognito-shaped token
 * endpoint that knows the demo's two app clients: real token requests, in this JVM.
 */
@SpringBootTest(properties = "demo.calls=2")
class DemoAgainstTokenEndpointExtensionTests {

	@RegisterExtension
	static CognitoTokenEndpointExtension cognito = CognitoTokenEndpointExtension.create()
		.client("demo-client", "demo-secret", "orders/read")
		.client("billing-client", "billing-secret", "billing/read");

	private static final DemoApi api = DemoApi.start();

	@Autowired
	private DemoRunner demoRunner;

	@Autowired
	private CognitoTokenManagers managers;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("cognito.client.token-endpoint", cognito::tokenEndpoint);
		registry.add("cognito.client.base-url", api::baseUrl);
		registry.add("spring.http.serviceclient.billing.base-url", api::baseUrl);
	}

	@AfterAll
	static void stopApi() {
		api.stop();
	}

	@BeforeEach
	void forgetTheCallsOfTheStartupRun() {
		api.forgetCalls();
	}

	@Test
	void eachClientMakesOneTokenRequestAndItsCallsCarryItsToken() {
		DemoReport report = this.demoRunner.runDemo();
		assertThat(report.succeeded()).as(report.format()).isTrue();
		assertThat(cognito.tokenRequestCount("demo-client")).isOne();
		assertThat(cognito.tokenRequestCount("billing-client")).isOne();
		CognitoTestToken orders = cognito.issuedTokens("demo-client").get(0);
		CognitoTestToken billing = cognito.issuedTokens("billing-client").get(0);
		assertThat(orders.getScopes()).containsExactly("orders/read");
		assertThat(billing.getScopes()).containsExactly("billing/read");
		assertThat(api.tokens("/api/orders")).hasSize(2).containsOnly(orders);
		assertThat(api.tokens("/api/invoices")).hasSize(2).containsOnly(billing);
		// the demo's secrets went over the wire as client_secret_basic, not in the form
		assertThat(cognito.tokenRequests()).allSatisfy((request) -> {
			assertThat(request.getAuthenticationMethod()).isEqualTo("client_secret_basic");
			assertThat(request.getParameters()).doesNotContainKeys("client_id", "client_secret");
		});
	}

	@Test
	@DirtiesContext
	void billingClientRejectedByCognitoFailsOnlyTheInvoiceCalls() {
		cognito.answerNext("billing-client", TokenEndpointAnswer.error("invalid_client"));
		this.managers.get("billing").invalidate();
		DemoReport report = this.demoRunner.runDemo();
		assertThat(report.succeeded()).isFalse();
		assertThat(report.calls()).extracting(CallResult::status).containsExactly(200, 200);
		assertThat(report.moreApis().get(0).calls()).extracting(CallResult::describe)
			.containsOnly("failed: no access token (invalid_client, HTTP 400)");
		assertThat(report.format()).doesNotContain("billing-secret");
		// the context is closed after this test: the next one starts with its own
		// startup token requests
		cognito.reset();
	}

}
