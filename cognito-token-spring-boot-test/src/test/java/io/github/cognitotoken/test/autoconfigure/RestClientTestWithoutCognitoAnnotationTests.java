package io.github.cognitotoken.test.autoconfigure;

import java.util.concurrent.atomic.AtomicReference;

import io.github.cognitotoken.CognitoTokenManagers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.restclient.test.autoconfigure.RestClientTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/**
 * Why the annotations exist: Spring Boot's {@link RestClientTest @RestClientTest} slice
 * lists its auto-configurations itself, so without them the starter is left out and
 * requests carry no token.
 */
@RestClientTest(components = OrdersClient.class,
		properties = { "cognito.client.client-id=orders-client", "cognito.client.client-secret=never-sent",
				"cognito.client.token-endpoint=https://cognito.invalid/oauth2/token" })
class RestClientTestWithoutCognitoAnnotationTests {

	@Autowired
	private OrdersClient ordersClient;

	@Autowired
	private MockRestServiceServer server;

	@Autowired
	private ApplicationContext context;

	@Test
	void sliceWithoutTheAnnotationSendsNoToken() {
		AtomicReference<String> authorization = new AtomicReference<>("not called");
		this.server.expect(requestTo("https://api.example.com/orders"))
			.andExpect((request) -> authorization.set(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION)))
			.andRespond(withSuccess("[]", MediaType.APPLICATION_JSON));
		this.ordersClient.orders();
		assertThat(authorization.get()).isNull();
		assertThat(this.context.getBeanNamesForType(CognitoTokenManagers.class)).isEmpty();
	}

}
