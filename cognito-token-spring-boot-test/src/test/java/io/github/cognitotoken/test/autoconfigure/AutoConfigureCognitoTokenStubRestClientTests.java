package io.github.cognitotoken.test.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.github.cognitotoken.CognitoTokenManagers;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.github.cognitotoken.test.CognitoTestToken;
import io.github.cognitotoken.test.CognitoTokenStub;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.restclient.test.autoconfigure.RestClientTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.method;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/**
 * Tests for {@link AutoConfigureCognitoTokenStub @AutoConfigureCognitoTokenStub} in
 * Spring Boot's {@link RestClientTest @RestClientTest} slice, which on its own leaves the
 * starter out.
 */
@RestClientTest(components = OrdersClient.class,
		properties = { "cognito.client.client-id=orders-client", "cognito.client.client-secret=never-sent",
				// nothing listens there: the stub must not call it
				"cognito.client.token-endpoint=https://cognito.invalid/oauth2/token",
				"cognito.client.scope=orders/read orders/write", "cognito.client.target-hosts=api.example.com" })
@AutoConfigureCognitoTokenStub
class AutoConfigureCognitoTokenStubRestClientTests {

	@Autowired
	private OrdersClient ordersClient;

	@Autowired
	private MockRestServiceServer server;

	@Autowired
	private CognitoTokenStub stub;

	@Autowired
	private ApplicationContext context;

	@Test
	void requestCarriesTheStubsTokenForTheConfiguredClient() {
		AtomicReference<String> authorization = new AtomicReference<>();
		this.server.expect(requestTo("https://api.example.com/orders"))
			.andExpect(method(HttpMethod.GET))
			.andExpect((request) -> authorization.set(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION)))
			.andRespond(withSuccess("[]", MediaType.APPLICATION_JSON));
		assertThat(this.ordersClient.orders()).isEqualTo("[]");
		this.server.verify();
		CognitoTestToken token = CognitoTestToken.fromAuthorizationHeader(authorization.get());
		assertThat(token.getClientId()).isEqualTo("orders-client");
		assertThat(token.getSubject()).isEqualTo("orders-client");
		assertThat(token.getScopes()).containsExactly("orders/read", "orders/write");
		assertThat(token.getTokenUse()).isEqualTo("access");
		assertThat(token.getJwtId()).isNotBlank();
		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofHours(1));
		// signed by the stub's key, and the token the stub issued to the default client
		assertThat(this.stub.getTokenIssuer().verify(token.getValue())).isEqualTo(token);
		assertThat(this.stub.getLastToken("default")).isEqualTo(token);
		assertThat(this.stub.getTokenRequests("default")).isOne();
	}

	@Test
	void sliceHasTheTokenManagersButNoTokenEndpointClient() {
		assertThat(this.context.getBean(CognitoTokenManagers.class).names()).containsExactly("default");
		assertThat(this.context.getBeanNamesForType(TokenEndpointClient.class)).isEmpty();
	}

}
