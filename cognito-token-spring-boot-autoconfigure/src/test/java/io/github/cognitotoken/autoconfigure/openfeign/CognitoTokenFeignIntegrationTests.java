package io.github.cognitotoken.autoconfigure.openfeign;

import java.net.URI;

import com.github.tomakehurst.wiremock.WireMockServer;
import feign.Client;
import feign.FeignException;
import io.github.cognitotoken.CognitoTokenManagers;
import io.github.cognitotoken.http.CognitoClient;
import io.github.cognitotoken.http.feign.JdkHttpClientFeignClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of Spring Cloud OpenFeign clients ({@code @EnableFeignClients}, Feign's default
 * client) with two Cognito clients against local WireMock servers: the default client
 * ({@code orders-client}) for the orders API, the named client {@code billing} for the
 * billing API, each bound by its target hosts and by {@code feign-clients}; a third
 * server reached as {@code 127.0.0.1} is no target at all. Spring Cloud LoadBalancer is
 * on the class path, so Feign clients with a {@code url} go through the delegate of the
 * load-balancing client, and the one without goes through the load balancer.
 */
@SpringBootTest(classes = CognitoTokenFeignIntegrationTests.FeignApplication.class, properties = {
		"cognito.client.client-id=orders-client", "cognito.client.client-secret=orders-secret-never-logged",
		"cognito.client.token-endpoint=${cognito.url}/oauth2/token",
		"cognito.client.target-hosts=localhost:${orders.port}", "cognito.client.feign-clients=orders,orders-reports",
		"cognito.clients.billing.client-id=billing-client",
		"cognito.clients.billing.client-secret=billing-secret-never-logged",
		"cognito.clients.billing.target-hosts=localhost:${billing.port},http://inventory",
		// the load-balanced Feign client "inventory" reaches the billing server
		"spring.cloud.discovery.client.simple.instances.inventory[0].uri=${billing.url}",
		"cognito.clients.billing.feign-clients=billing,orders-as-billing" })
@EnableWireMock({ @ConfigureWireMock(name = "cognito", baseUrlProperties = "cognito.url",
		// the token endpoint answers before the context starts its first token requests
		filesUnderClasspath = "wiremock/feign-cognito"),
		@ConfigureWireMock(name = "orders", baseUrlProperties = "orders.url", portProperties = "orders.port"),
		@ConfigureWireMock(name = "billing", baseUrlProperties = "billing.url", portProperties = "billing.port"),
		@ConfigureWireMock(name = "other", portProperties = "other.port") })
class CognitoTokenFeignIntegrationTests {

	private static final String BILLING_TOKEN = "Bearer billing-token-[A-Za-z0-9]{12}";

	@InjectWireMock("cognito")
	private WireMockServer cognito;

	@InjectWireMock("orders")
	private WireMockServer orders;

	@InjectWireMock("billing")
	private WireMockServer billing;

	@InjectWireMock("other")
	private WireMockServer other;

	@Autowired
	private OrdersClient ordersClient;

	@Autowired
	private BillingClient billingClient;

	@Autowired
	private OrdersAsBillingClient ordersAsBillingClient;

	@Autowired
	private ReportsClient reportsClient;

	@Autowired
	private OtherClient otherClient;

	@Autowired
	private RedirectingClient redirectingClient;

	@Autowired
	private InventoryClient inventoryClient;

	@Autowired
	private CognitoTokenManagers managers;

	@BeforeEach
	void stubApis() {
		this.orders.stubFor(get("/orders/42").willReturn(ok("order 42")));
		this.billing.stubFor(get("/invoices/7").willReturn(ok("invoice 7")));
		this.billing.stubFor(get("/orders/42").willReturn(ok("order 42 via billing")));
		this.other.stubFor(get("/orders/42").willReturn(ok("order 42 elsewhere")));
	}

	@Test
	void eachApiReceivesOnlyItsOwnClientsToken() {
		assertThat(this.ordersClient.order("42")).isEqualTo("order 42");
		assertThat(this.billingClient.invoice("7")).isEqualTo("invoice 7");
		this.orders.verify(1,
				getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", equalTo("Bearer orders-token")));
		this.billing.verify(1,
				getRequestedFor(urlEqualTo("/invoices/7")).withHeader("Authorization", matching(BILLING_TOKEN)));
		assertThat(this.orders.getAllServeEvents()).hasSize(1);
		assertThat(this.billing.getAllServeEvents()).hasSize(1);
	}

	@Test
	void feignClientBoundByContextIdCarriesItsClientsTokenWhateverItsName() {
		// name "orders" is bound to the default client, context id "orders-as-billing" to
		// billing: the context id wins
		assertThat(this.ordersAsBillingClient.order("42")).isEqualTo("order 42 via billing");
		this.billing.verify(1,
				getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", matching(BILLING_TOKEN)));
	}

	@Test
	void cognitoClientAnnotationWinsOverTheBinding() {
		// orders-reports is bound to the default client, whose target hosts reject the
		// billing host; @CognitoClient("billing") on the interface chooses billing
		assertThat(this.reportsClient.order("42")).isEqualTo("order 42 via billing");
		this.billing.verify(1,
				getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", matching(BILLING_TOKEN)));
	}

	@Test
	void methodAnnotatedWithNoClientCarriesNoToken() {
		assertThat(this.ordersClient.publicOrder("42")).isEqualTo("order 42");
		this.orders.verify(1, getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", absent()));
	}

	@Test
	void boundClientsTokenNeverGoesToAHostOutsideItsTargetHosts() {
		// billing's Feign client called with the orders API's URL
		assertThat(this.billingClient.orderAt(URI.create("http://localhost:" + this.orders.port()), "42"))
			.isEqualTo("order 42");
		this.orders.verify(1, getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", absent()));
	}

	@Test
	void unboundFeignClientToAnotherHostCarriesNoToken() {
		assertThat(this.otherClient.order("42")).isEqualTo("order 42 elsewhere");
		this.other.verify(1, getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", absent()));
	}

	@Test
	void existingAuthorizationHeaderIsKept() {
		assertThat(this.ordersClient.orderAs("Basic dXNlcjpwYXNz", "42")).isEqualTo("order 42");
		assertThat(this.orders.getAllServeEvents()).singleElement()
			.satisfies((event) -> assertThat(event.getRequest().getHeaders().getHeader("Authorization").values())
				.containsExactly("Basic dXNlcjpwYXNz"));
	}

	@Test
	void unauthorizedAnswerRenewsTheTokenAndReplaysTheCallOnce() {
		String rejected = this.managers.get("billing").getAccessToken().getAuthorizationHeaderValue();
		int tokenRequests = billingTokenRequests();
		this.billing.stubFor(get("/invoices/7").withHeader("Authorization", equalTo(rejected))
			.atPriority(1)
			.willReturn(aResponse().withStatus(401)));
		assertThat(this.billingClient.invoice("7")).isEqualTo("invoice 7");
		String renewed = this.managers.get("billing").getAccessToken().getAuthorizationHeaderValue();
		assertThat(renewed).isNotEqualTo(rejected).matches(BILLING_TOKEN);
		assertThat(billingTokenRequests()).isEqualTo(tokenRequests + 1);
		this.billing.verify(1,
				getRequestedFor(urlEqualTo("/invoices/7")).withHeader("Authorization", equalTo(rejected)));
		this.billing.verify(1,
				getRequestedFor(urlEqualTo("/invoices/7")).withHeader("Authorization", equalTo(renewed)));
		// the other client's token is untouched
		assertThat(this.managers.get("default").getAccessToken().getValue()).isEqualTo("orders-token");
	}

	@Test
	void redirectToAnotherHostIsFollowedWithoutTheToken() {
		this.orders.stubFor(get("/moved")
			.willReturn(aResponse().withStatus(302).withHeader("Location", otherUrl() + "/orders/42")));
		assertThat(this.redirectingClient.moved()).isEqualTo("order 42 elsewhere");
		this.orders.verify(1,
				getRequestedFor(urlEqualTo("/moved")).withHeader("Authorization", equalTo("Bearer orders-token")));
		this.other.verify(1, getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", absent()));
	}

	@Test
	void loadBalancedFeignClientIsRoutedByItsServiceName() {
		this.billing.stubFor(get("/stock/7").willReturn(ok("7 in stock")));
		assertThat(this.inventoryClient.stock("7")).isEqualTo("7 in stock");
		this.billing.verify(1,
				getRequestedFor(urlEqualTo("/stock/7")).withHeader("Authorization", matching(BILLING_TOKEN)));
	}

	@Test
	void unauthorizedAnswerWithoutRenewalReachesTheErrorDecoder() {
		this.other.stubFor(get("/orders/42").willReturn(aResponse().withStatus(401)));
		assertThatExceptionOfType(FeignException.Unauthorized.class).isThrownBy(() -> this.otherClient.order("42"));
		// no token was sent, so none was renewed
		this.other.verify(1, getRequestedFor(urlEqualTo("/orders/42")));
	}

	private int billingTokenRequests() {
		return this.cognito
			.findAll(postRequestedFor(urlEqualTo("/oauth2/token")).withHeader("Authorization",
					equalTo("Basic YmlsbGluZy1jbGllbnQ6YmlsbGluZy1zZWNyZXQtbmV2ZXItbG9nZ2Vk")))
			.size();
	}

	private String otherUrl() {
		return "http://127.0.0.1:" + this.other.port();
	}

	@FeignClient(name = "orders", url = "${orders.url}")
	interface OrdersClient {

		@GetMapping("/orders/{id}")
		String order(@PathVariable("id") String id);

		@GetMapping("/orders/{id}")
		@CognitoClient(CognitoClient.NONE)
		String publicOrder(@PathVariable("id") String id);

		@GetMapping("/orders/{id}")
		String orderAs(@RequestHeader("Authorization") String authorization, @PathVariable("id") String id);

	}

	@FeignClient(name = "billing", url = "${billing.url}")
	interface BillingClient {

		@GetMapping("/invoices/{id}")
		String invoice(@PathVariable("id") String id);

		@GetMapping("/orders/{id}")
		String orderAt(URI baseUrl, @PathVariable("id") String id);

	}

	@FeignClient(name = "orders", contextId = "orders-as-billing", url = "${billing.url}")
	interface OrdersAsBillingClient {

		@GetMapping("/orders/{id}")
		String order(@PathVariable("id") String id);

	}

	@FeignClient(name = "orders-reports", url = "${billing.url}")
	@CognitoClient("billing")
	interface ReportsClient {

		@GetMapping("/orders/{id}")
		String order(@PathVariable("id") String id);

	}

	@FeignClient(name = "other", url = "http://127.0.0.1:${other.port}")
	interface OtherClient {

		@GetMapping("/orders/{id}")
		String order(@PathVariable("id") String id);

	}

	@FeignClient(name = "inventory")
	interface InventoryClient {

		@GetMapping("/stock/{id}")
		String stock(@PathVariable("id") String id);

	}

	/**
	 * A Feign client on the JDK HttpClient, which would send every header to the next hop
	 * of a redirect: only the capability keeps the token from the other host.
	 */
	@FeignClient(name = "redirecting", url = "${orders.url}", configuration = JdkHttpClientConfiguration.class)
	interface RedirectingClient {

		@GetMapping("/moved")
		String moved();

	}

	static class JdkHttpClientConfiguration {

		@Bean
		Client feignClient() {
			return new JdkHttpClientFeignClient();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableFeignClients(clients = { OrdersClient.class, BillingClient.class, OrdersAsBillingClient.class,
			ReportsClient.class, OtherClient.class, RedirectingClient.class, InventoryClient.class })
	static class FeignApplication {

	}

}
