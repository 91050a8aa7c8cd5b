package io.github.cognitotoken.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.cognitotoken.http.CognitoClient;
import io.github.cognitotoken.http.CognitoClientAttributes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Tests of named clients with WebClient: the filter resolves the client per request with
 * the same rules as the interceptor, and WebClient based HTTP service groups are bound
 * like RestClient based ones.
 */
class NamedClientsWebClientTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(1);

	private static final WireMockServer cognito = new WireMockServer(wireMockConfig().dynamicPort());

	private static final WireMockServer billingApi = new WireMockServer(wireMockConfig().dynamicPort());

	private static final WireMockServer partnerApi = new WireMockServer(wireMockConfig().dynamicPort());

	@BeforeAll
	static void startServers() {
		cognito.start();
		billingApi.start();
		partnerApi.start();
	}

	@AfterAll
	static void stopServers() {
		cognito.stop();
		billingApi.stop();
		partnerApi.stop();
	}

	@BeforeEach
	void stubServers() {
		cognito.resetAll();
		for (String client : new String[] { "billing", "partner", "reports" }) {
			cognito.stubFor(post("/oauth2/token").withBasicAuth(client + "-client", client + "-secret-never-logged")
				.willReturn(okJson("{\"access_token\":\"token-of-" + client
						+ "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		}
		billingApi.resetAll();
		billingApi.stubFor(get(anyUrl()).willReturn(okJson("{}")));
		partnerApi.resetAll();
		partnerApi.stubFor(get(anyUrl()).willReturn(okJson("{}")));
	}

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(TestApplication.class)
		.withPropertyValues("cognito.client.token-endpoint=" + cognito.baseUrl() + "/oauth2/token",
				"cognito.clients.billing.client-id=billing-client",
				"cognito.clients.billing.client-secret=billing-secret-never-logged",
				"cognito.clients.billing.target-hosts=http://localhost:" + billingApi.port(),
				"cognito.clients.partner.client-id=partner-client",
				"cognito.clients.partner.client-secret=partner-secret-never-logged",
				"cognito.clients.partner.http-service-groups=partner",
				"cognito.clients.reports.client-id=reports-client",
				"cognito.clients.reports.client-secret=reports-secret-never-logged",
				// the partner group calls the billing host: the group's client wins
				"spring.http.serviceclient.partner.base-url=" + billingApi.baseUrl());

	@Test
	void requestsAreRoutedByHostAndByExplicitChoice() {
		this.contextRunner.run((context) -> {
			WebClient webClient = context.getBean(WebClient.Builder.class).build();
			webClient.get().uri(billingApi.baseUrl() + "/invoices").retrieve().toBodilessEntity().block(TIMEOUT);
			webClient.get()
				.uri(billingApi.baseUrl() + "/reports")
				.attributes(CognitoClientAttributes.client("reports"))
				.retrieve()
				.toBodilessEntity()
				.block(TIMEOUT);
			webClient.get()
				.uri(billingApi.baseUrl() + "/public")
				.attributes(CognitoClientAttributes.none())
				.retrieve()
				.toBodilessEntity()
				.block(TIMEOUT);
			webClient.get().uri(partnerApi.baseUrl() + "/unclaimed").retrieve().toBodilessEntity().block(TIMEOUT);
			billingApi.verify(1, getRequestedFor(urlEqualTo("/invoices")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer token-of-billing")));
			billingApi.verify(1, getRequestedFor(urlEqualTo("/reports")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer token-of-reports")));
			billingApi.verify(1,
					getRequestedFor(urlEqualTo("/public")).withHeader(HttpHeaders.AUTHORIZATION, absent()));
			partnerApi.verify(1,
					getRequestedFor(urlEqualTo("/unclaimed")).withHeader(HttpHeaders.AUTHORIZATION, absent()));
		});
	}

	@Test
	void webClientHttpServiceGroupsAreBoundToTheirClient() {
		this.contextRunner.run((context) -> {
			PartnerClient partner = context.getBean(PartnerClient.class);
			partner.partners().block(TIMEOUT);
			partner.reports().block(TIMEOUT);
			billingApi.verify(1, getRequestedFor(urlEqualTo("/partners")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer token-of-partner")));
			billingApi.verify(1, getRequestedFor(urlEqualTo("/partner-reports")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer token-of-reports")));
		});
	}

	@HttpExchange
	interface PartnerClient {

		@GetExchange("/partners")
		Mono<String> partners();

		@GetExchange("/partner-reports")
		@CognitoClient("reports")
		Mono<String> reports();

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@ImportHttpServices(group = "partner", types = PartnerClient.class,
			clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class TestApplication {

	}

}
