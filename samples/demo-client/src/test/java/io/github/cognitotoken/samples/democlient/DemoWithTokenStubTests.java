package io.github.cognitotoken.samples.democlient;

import io.github.cognitotoken.test.CognitoTestToken;
import io.github.cognitotoken.test.CognitoTokenStub;
import io.github.cognitotoken.test.autoconfigure.AutoConfigureCognitoTokenStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with {@link AutoConfigureCognitoTokenStub @AutoConfigureCognitoTokenStub}: no
 * token endpoint at all (it points at a host that does not resolve), and each API call
 * carries the stub's token for its client.
 */
@SpringBootTest(properties = { "demo.calls=2", "cognito.client.token-endpoint=https://cognito.invalid/oauth2/token" })
@AutoConfigureCognitoTokenStub
class DemoWithTokenStubTests {

	private static final DemoApi api = DemoApi.start();

	@Autowired
	private DemoRunner demoRunner;

	@Autowired
	private CognitoTokenStub stub;

	@DynamicPropertySource
	static void apiProperties(DynamicPropertyRegistry registry) {
		registry.add("cognito.client.base-url", api::baseUrl);
		registry.add("spring.http.serviceclient.billing.base-url", api::baseUrl);
	}

	@AfterAll
	static void stopApi() {
		api.stop();
	}

	@Test
	void everyCallSucceedsWithEachClientsStubTokenAndOneTokenPerClient() {
		DemoReport report = this.demoRunner.runDemo();
		assertThat(report.succeeded()).as(report.format()).isTrue();
		assertThat(report.calls()).extracting(CallResult::status).containsExactly(200, 200);
		assertThat(report.moreApis().get(0).calls()).extracting(CallResult::status).containsExactly(200, 200);
		// the startup run and this one: 4 calls to each API, 1 token per client
		assertThat(api.tokens("/api/orders")).hasSize(4).containsOnly(this.stub.getLastToken("default"));
		assertThat(api.tokens("/api/invoices")).hasSize(4).containsOnly(this.stub.getLastToken("billing"));
		CognitoTestToken orders = this.stub.getLastToken("default");
		assertThat(orders.getClientId()).isEqualTo("demo-client");
		assertThat(orders.getScopes()).containsExactly("orders/read");
		CognitoTestToken billing = this.stub.getLastToken("billing");
		assertThat(billing.getClientId()).isEqualTo("billing-client");
		assertThat(billing.getScopes()).containsExactly("billing/read");
		assertThat(this.stub.getTokenRequests("default")).isOne();
		assertThat(this.stub.getTokenRequests("billing")).isOne();
		// only cognito-local counts token requests, and the stub is not cognito-local
		assertThat(report.tokenRequests()).isNull();
	}

}
