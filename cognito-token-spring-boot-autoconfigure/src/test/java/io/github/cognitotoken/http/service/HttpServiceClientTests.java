package io.github.cognitotoken.http.service;

import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.cognitotoken.CognitoTokenManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that Spring Framework's HTTP service clients ({@code @HttpExchange} interfaces
 * imported with {@code @ImportHttpServices}) carry the bearer token: Spring Boot applies
 * every {@code RestClientCustomizer}, ours included, to the RestClient of each group.
 */
@SpringBootTest(classes = HttpServiceClientTests.TestApplication.class,
		properties = { "cognito.client.client-id=service-client",
				"cognito.client.client-secret=service-secret-never-logged",
				"cognito.client.token-endpoint=${cognito.url}/oauth2/token",
				"spring.http.serviceclient.orders.base-url=${api.url}", "cognito.client.target-hosts=localhost" })
@EnableWireMock({ @ConfigureWireMock(name = "cognito", baseUrlProperties = "cognito.url",
		// the token endpoint answers before the context starts its first token request
		filesUnderClasspath = "wiremock/service-cognito"),
		@ConfigureWireMock(name = "api", baseUrlProperties = "api.url") })
class HttpServiceClientTests {

	@InjectWireMock("cognito")
	private WireMockServer cognito;

	@InjectWireMock("api")
	private WireMockServer api;

	@Autowired
	private OrdersClient orders;

	@Autowired
	private CognitoTokenManager tokenManager;

	@BeforeEach
	void stubServers() {
		this.cognito.stubFor(post("/oauth2/token")
			.willReturn(okJson("{\"access_token\":\"service-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		this.api.stubFor(get("/orders/42").willReturn(okJson("{\"id\":\"42\"}")));
		// the first attempt at startup may have come before the stub
		this.tokenManager.invalidate();
	}

	@Test
	void httpServiceClientCallsCarryTheBearerToken() {
		assertThat(this.orders.order("42")).contains("42");
		this.api.verify(1, getRequestedFor(urlEqualTo("/orders/42")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer service-token")));
	}

	@Test
	void tokenRequestItselfCarriesNoBearerToken() {
		this.orders.order("42");
		this.cognito.verify(postRequestedFor(urlEqualTo("/oauth2/token")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Basic " + java.util.Base64.getEncoder()
					.encodeToString("service-client:service-secret-never-logged".getBytes(StandardCharsets.UTF_8)))));
		this.cognito.verify(0, postRequestedFor(urlEqualTo("/oauth2/token")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer service-token")));
		this.api.verify(0, getRequestedFor(urlEqualTo("/orders/42")).withHeader(HttpHeaders.AUTHORIZATION, absent()));
	}

	@HttpExchange("/orders")
	interface OrdersClient {

		@GetExchange("/{id}")
		String order(@PathVariable String id);

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "orders", types = OrdersClient.class)
	static class TestApplication {

	}

}
