package io.github.cognitotoken.test.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.cognitotoken.CognitoTokenManagers;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.github.cognitotoken.http.CognitoClientAttributes;
import io.github.cognitotoken.test.CognitoTestToken;
import io.github.cognitotoken.test.CognitoTokenStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AutoConfigureCognitoTokenStub @AutoConfigureCognitoTokenStub} in a
 * full {@link SpringBootTest @SpringBootTest} with two named clients whose token endpoint
 * is a local socket that accepts connections but never answers: any token request would
 * show up there.
 */
@SpringBootTest(properties = { "cognito.clients.orders.client-id=orders-client",
		"cognito.clients.orders.client-secret=orders-secret", "cognito.clients.orders.scope=orders/read",
		"cognito.clients.billing.client-id=billing-client", "cognito.clients.billing.client-secret=billing-secret",
		"cognito.clients.billing.scope=billing/read billing/write", "cognito.clients.billing.target-hosts=localhost",
		"spring.main.web-application-type=none" })
@AutoConfigureCognitoTokenStub(lifetime = "10m")
class AutoConfigureCognitoTokenStubSpringBootTests {

	private static final ServerSocketChannel tokenEndpoint = listen();

	private static final WireMockServer api = startApi();

	@Autowired
	private CognitoTokenStub stub;

	@Autowired
	private RestClient.Builder restClientBuilder;

	@Autowired
	private WebClient.Builder webClientBuilder;

	@Autowired
	private CognitoTokenManagers managers;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void tokenEndpoint(DynamicPropertyRegistry registry) {
		registry.add("cognito.client.token-endpoint",
				() -> "http://127.0.0.1:" + tokenEndpoint.socket().getLocalPort() + "/oauth2/token");
	}

	@AfterAll
	static void close() throws IOException {
		api.stop();
		tokenEndpoint.close();
	}

	@BeforeEach
	void resetApi() {
		api.resetRequests();
	}

	@Test
	void eachNamedClientsRequestsCarryItsOwnToken() {
		RestClient restClient = this.restClientBuilder.baseUrl(api.baseUrl()).build();
		restClient.get()
			.uri("/orders")
			.attributes(CognitoClientAttributes.client("orders"))
			.retrieve()
			.toBodilessEntity();
		restClient.get().uri("/invoices").retrieve().toBodilessEntity();
		CognitoTestToken orders = tokenReceived("/orders");
		assertThat(orders.getClientId()).isEqualTo("orders-client");
		assertThat(orders.getScopes()).containsExactly("orders/read");
		// routed by target-hosts
		CognitoTestToken billing = tokenReceived("/invoices");
		assertThat(billing.getClientId()).isEqualTo("billing-client");
		assertThat(billing.getScopes()).containsExactly("billing/read", "billing/write");
		assertThat(this.stub.getLastToken("orders")).isEqualTo(orders);
		assertThat(this.stub.getLastToken("billing")).isEqualTo(billing);
		assertThat(Duration.between(orders.getIssuedAt(), orders.getExpiresAt())).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void webClientRequestsCarryTheStubsTokenToo() {
		WebClient webClient = this.webClientBuilder.baseUrl(api.baseUrl()).build();
		webClient.get()
			.uri("/orders")
			.attributes(CognitoClientAttributes.client("orders"))
			.retrieve()
			.toBodilessEntity()
			.block(Duration.ofSeconds(30));
		assertThat(tokenReceived("/orders")).isEqualTo(this.stub.getLastToken("orders"));
	}

	@Test
	void everyClientAskedTheStubOnceAndNothingConnectedToTheTokenEndpoint() throws IOException {
		this.managers.get("orders").getToken();
		this.managers.get("billing").getToken();
		assertThat(this.stub.getClientNames()).containsExactlyInAnyOrder("orders", "billing");
		assertThat(this.stub.getTokenRequests("orders")).isOne();
		assertThat(this.stub.getTokenRequests("billing")).isOne();
		assertThat(this.context.getBeanNamesForType(TokenEndpointClient.class)).isEmpty();
		tokenEndpoint.configureBlocking(false);
		assertThat(tokenEndpoint.accept()).as("a connection to the token endpoint").isNull();
	}

	private static CognitoTestToken tokenReceived(String path) {
		List<LoggedRequest> requests = api.findAll(getRequestedFor(urlEqualTo(path)));
		assertThat(requests).hasSize(1);
		return CognitoTestToken.fromAuthorizationHeader(requests.get(0).getHeader("Authorization"));
	}

	private static ServerSocketChannel listen() {
		try {
			ServerSocketChannel channel = ServerSocketChannel.open();
			channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			return channel;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static WireMockServer startApi() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		server.stubFor(get(urlEqualTo("/orders")).willReturn(ok()));
		server.stubFor(get(urlEqualTo("/invoices")).willReturn(ok()));
		return server;
	}

}
