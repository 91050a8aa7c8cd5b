package io.github.cognitotoken.test.autoconfigure;

import java.util.concurrent.atomic.AtomicReference;

import io.github.cognitotoken.CognitoTokenManagers;
import io.github.cognitotoken.test.CognitoTestToken;
import io.github.cognitotoken.test.CognitoTokenStub;
import io.github.cognitotoken.test.endpoint.CognitoTokenEndpointExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.restclient.test.autoconfigure.RestClientTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.client.MockRestServiceServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/**
 * Tests for {@link AutoConfigureCognitoToken @AutoConfigureCognitoToken}: the real token
 * manager in a {@link RestClientTest @RestClientTest} slice, fetching its token from a
 * {@link CognitoTokenEndpointExtension}.
 */
@RestClientTest(components = OrdersClient.class,
		properties = { "cognito.client.client-id=orders-client", "cognito.client.client-secret=orders-secret",
				"cognito.client.scope=orders/read", "cognito.client.target-hosts=api.example.com" })
@AutoConfigureCognitoToken
class AutoConfigureCognitoTokenRestClientTests {

	@RegisterExtension
	static CognitoTokenEndpointExtension cognito = CognitoTokenEndpointExtension.create()
		.client("orders-client", "orders-secret", "orders/read");

	@DynamicPropertySource
	static void tokenEndpoint(DynamicPropertyRegistry registry) {
		registry.add("cognito.client.token-endpoint", cognito::tokenEndpoint);
	}

	@Autowired
	private OrdersClient ordersClient;

	@Autowired
	private MockRestServiceServer server;

	@Autowired
	private ApplicationContext context;

	@Test
	void requestCarriesTheTokenThatTheLocalEndpointIssued() {
		AtomicReference<String> authorization = new AtomicReference<>();
		this.server.expect(requestTo("https://api.example.com/orders"))
			.andExpect((request) -> authorization.set(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION)))
			.andRespond(withSuccess("[]", MediaType.APPLICATION_JSON));
		this.ordersClient.orders();
		CognitoTestToken token = cognito.tokenIssuer()
			.verify(CognitoTestToken.fromAuthorizationHeader(authorization.get()).getValue());
		assertThat(token.getClientId()).isEqualTo("orders-client");
		assertThat(token.getScopes()).containsExactly("orders/read");
		assertThat(cognito.issuedTokens("orders-client")).containsExactly(token);
		assertThat(cognito.lastTokenRequest().getAuthenticationMethod()).isEqualTo("client_secret_basic");
	}

	@Test
	void sliceHasTheTokenManagersAndNoStub() {
		assertThat(this.context.getBean(CognitoTokenManagers.class).names()).containsExactly("default");
		assertThat(this.context.getBeanNamesForType(CognitoTokenStub.class)).isEmpty();
	}

}
