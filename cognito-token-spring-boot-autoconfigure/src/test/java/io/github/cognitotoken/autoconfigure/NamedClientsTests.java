package io.github.cognitotoken.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.CognitoTokenManagers;
import io.github.cognitotoken.cache.InMemorySharedTokenStore;
import io.github.cognitotoken.cache.SharedTokenStore;
import io.github.cognitotoken.http.CognitoClient;
import io.github.cognitotoken.http.CognitoClientAttributes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests of several Cognito clients in one application: which request gets which token
 * (explicit choice, HTTP service group, host, default client, in that order), conflicts,
 * inheritance from {@code cognito.client}, and what each client costs in token requests.
 * Every API and the token endpoint are real local HTTP servers.
 */
class NamedClientsTests {

	private static final String TOKEN_PATH = "/oauth2/token";

	private static final String[][] CLIENTS = { { "default", "orders-client", "orders-secret-never-logged" },
			{ "billing", "billing-client", "billing-secret-never-logged" },
			{ "partner", "partner-client", "partner-secret-never-logged" },
			{ "reports", "reports-client", "reports-secret-never-logged" } };

	private static final WireMockServer cognito = new WireMockServer(wireMockConfig().dynamicPort());

	private static final WireMockServer ordersApi = new WireMockServer(wireMockConfig().dynamicPort());

	private static final WireMockServer billingApi = new WireMockServer(wireMockConfig().dynamicPort());

	private static final WireMockServer partnerApi = new WireMockServer(wireMockConfig().dynamicPort());

	private static final WireMockServer otherApi = new WireMockServer(wireMockConfig().dynamicPort());

	private static final List<WireMockServer> APIS = List.of(ordersApi, billingApi, partnerApi, otherApi);

	@BeforeAll
	static void startServers() {
		cognito.start();
		APIS.forEach(WireMockServer::start);
	}

	@AfterAll
	static void stopServers() {
		cognito.stop();
		APIS.forEach(WireMockServer::stop);
	}

	@BeforeEach
	void stubServers() {
		cognito.resetAll();
		for (String[] client : CLIENTS) {
			cognito.stubFor(post(TOKEN_PATH).withBasicAuth(client[1], client[2])
				.willReturn(okJson("{\"access_token\":\"" + token(client[0])
						+ "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		}
		for (WireMockServer api : APIS) {
			api.resetAll();
			api.stubFor(get(anyUrl()).willReturn(okJson("{}")));
		}
	}

	private static String token(String client) {
		return "token-of-" + client;
	}

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(TestApplication.class)
		.withPropertyValues("cognito.client.token-endpoint=" + cognito.baseUrl() + TOKEN_PATH,
				"cognito.client.client-id=orders-client", "cognito.client.client-secret=orders-secret-never-logged",
				"cognito.client.scope=orders/read", "cognito.client.target-hosts=http://localhost:" + ordersApi.port(),
				// a named client inherits the token endpoint
				"cognito.clients.billing.client-id=billing-client",
				"cognito.clients.billing.client-secret=billing-secret-never-logged",
				"cognito.clients.billing.scope=billing/read",
				"cognito.clients.billing.target-hosts=http://localhost:" + billingApi.port(),
				"cognito.clients.partner.client-id=partner-client",
				"cognito.clients.partner.client-secret=partner-secret-never-logged",
				"cognito.clients.partner.http-service-groups=partner,audit",
				"cognito.clients.reports.client-id=reports-client",
				"cognito.clients.reports.client-secret=reports-secret-never-logged",
				"spring.http.serviceclient.partner.base-url=" + partnerApi.baseUrl(),
				// a group bound to a client wins over the host of another client
				"spring.http.serviceclient.audit.base-url=" + billingApi.baseUrl(),
				"spring.http.serviceclient.plain.base-url=" + billingApi.baseUrl());

	@Test
	void eachApiReceivesTheTokenOfItsClientOnly() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			call(restClient, ordersApi, "/orders");
			call(restClient, billingApi, "/invoices");
			context.getBean(PartnerClient.class).partners();
			ordersApi.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer " + token("default"))));
			billingApi.verify(1, getRequestedFor(urlEqualTo("/invoices")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer " + token("billing"))));
			partnerApi.verify(1, getRequestedFor(urlEqualTo("/partners")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer " + token("partner"))));
			assertEveryApiSawOnlyItsOwnTokens();
		});
	}

	@Test
	void restTemplateRequestsAreRoutedByHost() {
		this.contextRunner.run((context) -> {
			RestTemplate restTemplate = context.getBean(RestTemplateBuilder.class).build();
			restTemplate.getForObject(billingApi.baseUrl() + "/invoices", String.class);
			restTemplate.getForObject(ordersApi.baseUrl() + "/orders", String.class);
			billingApi.verify(1, getRequestedFor(urlEqualTo("/invoices")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer " + token("billing"))));
			ordersApi.verify(1, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer " + token("default"))));
		});
	}

	@Test
	void anExplicitChoiceWinsOverTheHost() {
		this.contextRunner.run((context) -> {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			restClient.get()
				.uri(billingApi.baseUrl() + "/reports")
				.attributes(CognitoClientAttributes.client("reports"))
				.retrieve()
				.toBodilessEntity();
			billingApi.verify(1, getRequestedFor(urlEqualTo("/reports")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer " + token("reports"))));
		});
	}

	@Test
	void noneSendsARequestWithoutAToken() {
		this.contextRunner.run((context) -> {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			restClient.get()
				.uri(billingApi.baseUrl() + "/public")
				.attributes(CognitoClientAttributes.none())
				.retrieve()
				.toBodilessEntity();
			billingApi.verify(1,
					getRequestedFor(urlEqualTo("/public")).withHeader(HttpHeaders.AUTHORIZATION, absent()));
		});
	}

	@Test
	void anExplicitChoiceStillObeysTheClientsTargetHosts() {
		this.contextRunner.run((context) -> {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			// billing sends its token to its own API only
			restClient.get()
				.uri(otherApi.baseUrl() + "/elsewhere")
				.attributes(CognitoClientAttributes.client("billing"))
				.retrieve()
				.toBodilessEntity();
			otherApi.verify(1,
					getRequestedFor(urlEqualTo("/elsewhere")).withHeader(HttpHeaders.AUTHORIZATION, absent()));
		});
	}

	@Test
	void aRequestNamingAnUnknownClientFailsWithTheConfiguredNames() {
		this.contextRunner.run((context) -> {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			assertThat(catchThrowable(() -> restClient.get()
				.uri(billingApi.baseUrl() + "/x")
				.attributes(CognitoClientAttributes.client("biling"))
				.retrieve()
				.toBodilessEntity())).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("'biling'")
				.hasMessageContaining("[default, billing, partner, reports]");
			billingApi.verify(0, getRequestedFor(urlEqualTo("/x")));
		});
	}

	@Test
	void aGroupBoundToAClientWinsOverTheHostOfAnotherClient() {
		this.contextRunner.run((context) -> {
			context.getBean(AuditClient.class).audit();
			billingApi.verify(1, getRequestedFor(urlEqualTo("/audit")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer " + token("partner"))));
		});
	}

	@Test
	void cognitoClientOnAMethodWinsOverTheGroupAndTheInterface() {
		this.contextRunner.run((context) -> {
			PartnerClient partner = context.getBean(PartnerClient.class);
			partner.reports();
			partner.status();
			partnerApi.verify(1, getRequestedFor(urlEqualTo("/reports")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer " + token("reports"))));
			partnerApi.verify(1,
					getRequestedFor(urlEqualTo("/status")).withHeader(HttpHeaders.AUTHORIZATION, absent()));
		});
	}

	@Test
	void cognitoClientOnTheInterfaceWinsOverTheHost() {
		this.contextRunner.run((context) -> {
			// the plain group is bound to no client and calls the billing host
			context.getBean(PlainClient.class).invoices();
			context.getBean(PlainReportsClient.class).reports();
			billingApi.verify(1, getRequestedFor(urlEqualTo("/invoices")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer " + token("billing"))));
			billingApi.verify(1, getRequestedFor(urlEqualTo("/plain-reports")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer " + token("reports"))));
		});
	}

	@Test
	void aHostThatNoClientClaimsGetsNoToken() {
		this.contextRunner.run((context) -> {
			call(context.getBean(RestClient.Builder.class).build(), otherApi, "/unclaimed");
			otherApi.verify(1,
					getRequestedFor(urlEqualTo("/unclaimed")).withHeader(HttpHeaders.AUTHORIZATION, absent()));
		});
	}

	@Test
	void threeHundredConcurrentCallsOverThreeClientsCauseThreeTokenRequests() {
		this.contextRunner.run((context) -> {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			PartnerClient partner = context.getBean(PartnerClient.class);
			ExecutorService executor = Executors.newFixedThreadPool(30);
			CountDownLatch start = new CountDownLatch(1);
			try {
				List<Future<?>> calls = new ArrayList<>();
				for (int i = 0; i < 300; i++) {
					int call = i;
					Callable<Object> task = () -> {
						start.await();
						switch (call % 3) {
							case 0 -> call(restClient, ordersApi, "/orders");
							case 1 -> call(restClient, billingApi, "/invoices");
							default -> partner.partners();
						}
						return call;
					};
					calls.add(executor.submit(task));
				}
				start.countDown();
				for (Future<?> call : calls) {
					call.get(2, TimeUnit.MINUTES);
				}
			}
			finally {
				executor.shutdownNow();
			}
			// one per client, the unused reports client's included: every client fetches
			// its first token while the application starts
			for (String[] client : CLIENTS) {
				assertThat(cognito.countRequestsMatching(tokenRequestOf(client[1], client[2]).build()).getCount())
					.as("token requests of %s", client[0])
					.isEqualTo(1);
			}
			ordersApi.verify(100, getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer " + token("default"))));
			billingApi.verify(100, getRequestedFor(urlEqualTo("/invoices")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer " + token("billing"))));
			partnerApi.verify(100, getRequestedFor(urlEqualTo("/partners")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer " + token("partner"))));
			assertEveryApiSawOnlyItsOwnTokens();
		});
	}

	@Test
	void managersAreKeptByNameAndTheDefaultClientKeepsItsBeans() {
		this.contextRunner.run((context) -> {
			CognitoTokenManagers managers = context.getBean(CognitoTokenManagers.class);
			assertThat(managers.names()).containsExactly("default", "billing", "partner", "reports");
			assertThat(managers.get("default")).isSameAs(context.getBean(CognitoTokenManager.class));
			assertThat(context).hasSingleBean(CognitoTokenManager.class).hasSingleBean(RestClient.class);
			assertThat(managers.get("billing").getToken()).isEqualTo(token("billing"));
			assertThat(managers.find("nobody")).isNull();
			assertThat(catchThrowable(() -> managers.get("nobody"))).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("No Cognito client is named 'nobody'")
				.hasMessageContaining("[default, billing, partner, reports]");
		});
	}

	@Test
	void namedClientsInheritTheTokenEndpointAndTheirOwnScopeIsSent() {
		this.contextRunner.run((context) -> {
			context.getBean(CognitoTokenManagers.class).get("billing").getToken();
			cognito.verify(1, tokenRequestOf("billing-client", "billing-secret-never-logged")
				.withRequestBody(equalTo("grant_type=client_credentials&scope=billing%2Fread")));
			// reports sets no scope: none is sent, the default client's is not inherited
			context.getBean(CognitoTokenManagers.class).get("reports").getToken();
			cognito.verify(1, tokenRequestOf("reports-client", "reports-secret-never-logged")
				.withRequestBody(equalTo("grant_type=client_credentials")));
		});
	}

	@Test
	void aNamedClientCanOverrideAnInheritedSetting() {
		WireMockServer otherCognito = new WireMockServer(wireMockConfig().dynamicPort());
		otherCognito.start();
		try {
			otherCognito.stubFor(post(TOKEN_PATH).willReturn(
					okJson("{\"access_token\":\"other-pool-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
			this.contextRunner
				.withPropertyValues("cognito.clients.reports.token-endpoint=" + otherCognito.baseUrl() + TOKEN_PATH,
						"cognito.clients.reports.client-authentication-method=client_secret_post")
				.run((context) -> {
					assertThat(context.getBean(CognitoTokenManagers.class).get("reports").getToken())
						.isEqualTo("other-pool-token");
					otherCognito.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)).withRequestBody(equalTo(
							"grant_type=client_credentials&client_id=reports-client&client_secret=reports-secret-never-logged")));
				});
		}
		finally {
			otherCognito.stop();
		}
	}

	@Test
	void onlyNamedClients() {
		new ApplicationContextRunner().withUserConfiguration(AuditApplication.class)
			.withPropertyValues("cognito.client.token-endpoint=" + cognito.baseUrl() + TOKEN_PATH,
					"cognito.clients.billing.client-id=billing-client",
					"cognito.clients.billing.client-secret=billing-secret-never-logged",
					"cognito.clients.billing.target-hosts=http://localhost:" + billingApi.port(),
					"spring.http.serviceclient.audit.base-url=" + billingApi.baseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(CognitoTokenManager.class)
					.doesNotHaveBean(RestClient.class);
				assertThat(context.getBean(CognitoTokenManagers.class).names()).containsExactly("billing");
				RestClient restClient = context.getBean(RestClient.Builder.class).build();
				call(restClient, billingApi, "/invoices");
				call(restClient, ordersApi, "/orders");
				billingApi.verify(1, getRequestedFor(urlEqualTo("/invoices")).withHeader(HttpHeaders.AUTHORIZATION,
						equalTo("Bearer " + token("billing"))));
				ordersApi.verify(1,
						getRequestedFor(urlEqualTo("/orders")).withHeader(HttpHeaders.AUTHORIZATION, absent()));
			});
	}

	@Test
	void onlyTheDefaultClientWorksAsBefore() {
		new ApplicationContextRunner().withUserConfiguration(AuditApplication.class)
			.withPropertyValues("cognito.client.token-endpoint=" + cognito.baseUrl() + TOKEN_PATH,
					"cognito.client.client-id=orders-client", "cognito.client.client-secret=orders-secret-never-logged",
					"cognito.client.target-hosts=localhost",
					"spring.http.serviceclient.audit.base-url=" + partnerApi.baseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(CognitoTokenManager.class);
				assertThat(context.getBean(CognitoTokenManagers.class).names()).containsExactly("default");
				context.getBean(AuditClient.class).audit();
				call(context.getBean(RestClient.Builder.class).build(), billingApi, "/invoices");
				partnerApi.verify(1, getRequestedFor(urlEqualTo("/audit")).withHeader(HttpHeaders.AUTHORIZATION,
						equalTo("Bearer " + token("default"))));
				billingApi.verify(1, getRequestedFor(urlEqualTo("/invoices")).withHeader(HttpHeaders.AUTHORIZATION,
						equalTo("Bearer " + token("default"))));
			});
	}

	@Test
	void twoClientsClaimingTheSameGroupFailNamingBothProperties() {
		this.contextRunner.withPropertyValues("cognito.clients.reports.http-service-groups=audit")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidCognitoPropertyException.class)
				.hasMessageContaining("cognito.clients.partner.http-service-groups")
				.hasMessageContaining("cognito.clients.reports.http-service-groups")
				.hasMessageContaining("'audit'"));
	}

	@Test
	void twoClientsClaimingTheSameHostFailNamingBothProperties() {
		this.contextRunner.withPropertyValues("cognito.clients.reports.target-hosts=localhost")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidCognitoPropertyException.class)
				.hasMessageContaining("cognito.client.target-hosts")
				.hasMessageContaining("cognito.clients.reports.target-hosts")
				.hasMessageContaining("'localhost'"));
	}

	@Test
	void theSameHostOnDifferentPortsIsNoConflict() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aNamedClientDoesNotInheritItsIdentity() {
		this.contextRunner.withPropertyValues("cognito.clients.audit.scope=audit/read")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidCognitoPropertyException.class)
				.hasMessageContaining("'cognito.clients.audit.client-id' is not set"));
	}

	@Test
	void withOnlyNamedClientsTheDefaultIdentityIsNotSilentlyIgnored() {
		new ApplicationContextRunner().withUserConfiguration(AuditApplication.class)
			.withPropertyValues("cognito.client.token-endpoint=" + cognito.baseUrl() + TOKEN_PATH,
					"cognito.client.client-secret=orphan-secret-never-logged",
					"cognito.clients.billing.client-id=billing-client",
					"cognito.clients.billing.client-secret=billing-secret-never-logged")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidCognitoPropertyException.class)
				.hasMessageContaining("'cognito.client.client-secret' is set, but cognito.client.client-id is not")
				.hasMessageNotContaining("orphan-secret-never-logged"));
	}

	@Test
	void validationNamesThePropertyOfTheNamedClient() {
		this.contextRunner.withPropertyValues("cognito.clients.billing.client-secret=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidCognitoPropertyException.class)
				.hasMessageContaining("'cognito.clients.billing.client-secret' is not set")
				.satisfies((ex) -> assertThat(((InvalidCognitoPropertyException) ex).getAction())
					.contains("cognito.clients.billing.client-secret")
					.doesNotContain("cognito.client.client-secret")));
	}

	@Test
	void aClientNameMustBeUsableAsATagAndAPath() {
		this.contextRunner
			.withPropertyValues("cognito.clients.Billing_Team.client-id=x",
					"cognito.clients.Billing_Team.client-secret=y")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidCognitoPropertyException.class)
				.hasMessageContaining("lower-case letters, digits and hyphens"));
	}

	@Test
	void theDefaultNameIsReserved() {
		this.contextRunner
			.withPropertyValues("cognito.clients.default.client-id=x", "cognito.clients.default.client-secret=y")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("cognito.clients.default")
				.hasMessageContaining("cognito.client.*"));
	}

	@Test
	void aFailFastClientNamesItsPropertiesWhenItsFirstTokenFails() {
		cognito.stubFor(post(TOKEN_PATH).withBasicAuth("billing-client", "billing-secret-never-logged")
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\"}")));
		this.contextRunner.withPropertyValues("cognito.clients.billing.fail-fast=true").run((context) -> {
			assertThat(context).getFailure()
				.cause()
				.isInstanceOf(CognitoTokenManagers.FirstTokenException.class)
				.hasMessageContaining("Cognito client 'billing'")
				.hasMessageContaining("invalid_client")
				.hasMessageNotContaining("billing-secret-never-logged");
			FailureAnalysis analysis = new CognitoTokenFailureAnalyzer(null).analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("for client 'billing'");
			assertThat(analysis.getAction()).contains("cognito.clients.billing.client-id")
				.doesNotContain("cognito.client.client-id");
		});
	}

	@Test
	void aFailFastDefaultClientDoesNotStopTheOthersFromFetchingInParallel() {
		this.contextRunner.withPropertyValues("cognito.client.fail-fast=true").run((context) -> {
			assertThat(context).hasNotFailed();
			// inherited by every named client: each waited for its first token
			for (String[] client : CLIENTS) {
				cognito.verify(1, tokenRequestOf(client[1], client[2]));
			}
		});
	}

	@Test
	void unknownCognitoClientOnAnHttpServiceFailsAtStartup() {
		new ApplicationContextRunner().withUserConfiguration(MisnamedApplication.class)
			.withPropertyValues("cognito.client.token-endpoint=" + cognito.baseUrl() + TOKEN_PATH,
					"cognito.clients.billing.client-id=billing-client",
					"cognito.clients.billing.client-secret=billing-secret-never-logged",
					"spring.http.serviceclient.misnamed.base-url=" + billingApi.baseUrl())
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("@CognitoClient(\"biling\")")
				.hasMessageContaining(MisnamedClient.class.getName() + ".get()")
				.hasMessageContaining("HTTP service group 'misnamed'")
				.hasMessageContaining("[billing]"));
	}

	@Test
	void aFleetSharesEachNamedClientsTokenUnderItsOwnKey() {
		InMemorySharedTokenStore store = new InMemorySharedTokenStore();
		ApplicationContextRunner fleet = this.contextRunner.withPropertyValues("cognito.client.cache.type=redis")
			.withBean(SharedTokenStore.class, () -> store);
		fleet.run((first) -> fleet.run((second) -> {
			for (String name : first.getBean(CognitoTokenManagers.class).names()) {
				assertThat(first.getBean(CognitoTokenManagers.class).get(name).getToken()).isEqualTo(token(name));
				assertThat(second.getBean(CognitoTokenManagers.class).get(name).getToken()).isEqualTo(token(name));
			}
		}));
		// two instances, one token request per client
		for (String[] client : CLIENTS) {
			assertThat(cognito.countRequestsMatching(tokenRequestOf(client[1], client[2]).build()).getCount())
				.as("token requests of %s", client[0])
				.isEqualTo(1);
		}
		assertThat(store.values().keySet()).filteredOn((key) -> key.startsWith("cognito-token:billing:")).isNotEmpty();
		assertThat(store.values().keySet()).filteredOn((key) -> key.startsWith("cognito-token:reports:")).isNotEmpty();
	}

	@Test
	void aNamedClientInTheRedisCacheNeedsAStore() {
		new ApplicationContextRunner().withUserConfiguration(AuditApplication.class)
			.withPropertyValues("cognito.client.token-endpoint=" + cognito.baseUrl() + TOKEN_PATH,
					"cognito.clients.billing.client-id=billing-client",
					"cognito.clients.billing.client-secret=billing-secret-never-logged",
					"cognito.clients.billing.cache.type=redis",
					"spring.autoconfigure.exclude=org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidCognitoPropertyException.class)
				.hasMessageContaining("'cognito.clients.billing.cache.type' is redis"));
	}

	@Test
	void healthHasOneComponentPerClient() {
		this.contextRunner.run((context) -> {
			CognitoTokenManagers managers = context.getBean(CognitoTokenManagers.class);
			managers.asMap().values().forEach(CognitoTokenManager::getToken);
			HealthContributor health = context.getBean(HealthContributorRegistry.class).getContributor("cognitoToken");
			assertThat(health).isInstanceOf(CompositeHealthContributor.class);
			for (String name : managers.names()) {
				HealthContributor component = ((CompositeHealthContributor) health).getContributor(name);
				assertThat(component).as(name).isInstanceOf(HealthIndicator.class);
				assertThat(((HealthIndicator) component).health().getStatus()).isEqualTo(Status.UP);
			}
		});
	}

	@Test
	void metersAreTaggedWithTheClientName() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			CognitoTokenManagers managers = context.getBean(CognitoTokenManagers.class);
			managers.asMap().values().forEach(CognitoTokenManager::getToken);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (String name : managers.names()) {
				assertThat(registry.get("cognito.token.expiry").tag("client", name).gauge().value()).as(name)
					.isGreaterThan(3000);
			}
		});
	}

	private static void call(RestClient restClient, WireMockServer api, String path) {
		restClient.get().uri(URI.create(api.baseUrl() + path)).retrieve().toBodilessEntity();
	}

	private static RequestPatternBuilder tokenRequestOf(String clientId, String secret) {
		return postRequestedFor(urlPathEqualTo(TOKEN_PATH)).withBasicAuth(new BasicCredentials(clientId, secret));
	}

	/**
	 * Each API saw no token but its own clients'.
	 */
	private static void assertEveryApiSawOnlyItsOwnTokens() {
		assertOnlyTokens(ordersApi, "default");
		assertOnlyTokens(billingApi, "billing", "partner", "reports");
		assertOnlyTokens(partnerApi, "partner", "reports");
		assertOnlyTokens(otherApi);
	}

	private static void assertOnlyTokens(WireMockServer api, String... clients) {
		List<String> allowed = new ArrayList<>();
		for (String client : clients) {
			allowed.add("Bearer " + token(client));
		}
		api.getAllServeEvents().forEach((event) -> {
			String authorization = event.getRequest().getHeader(HttpHeaders.AUTHORIZATION);
			if (authorization != null) {
				assertThat(authorization).as("Authorization received by %s", event.getRequest().getUrl()).isIn(allowed);
			}
		});
	}

	@HttpExchange
	@CognitoClient("partner")
	interface PartnerClient {

		@GetExchange("/partners")
		String partners();

		@GetExchange("/reports")
		@CognitoClient("reports")
		String reports();

		@GetExchange("/status")
		@CognitoClient(CognitoClient.NONE)
		String status();

	}

	@HttpExchange
	interface AuditClient {

		@GetExchange("/audit")
		String audit();

	}

	@HttpExchange
	interface PlainClient {

		@GetExchange("/invoices")
		String invoices();

	}

	@HttpExchange
	@CognitoClient("reports")
	interface PlainReportsClient {

		@GetExchange("/plain-reports")
		String reports();

	}

	@HttpExchange
	@CognitoClient("biling")
	interface MisnamedClient {

		@GetExchange("/x")
		ResponseEntity<Void> get();

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@ImportHttpServices(group = "partner", types = PartnerClient.class)
	@ImportHttpServices(group = "audit", types = AuditClient.class)
	@ImportHttpServices(group = "plain", types = { PlainClient.class, PlainReportsClient.class })
	static class TestApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@ImportHttpServices(group = "audit", types = AuditClient.class)
	static class AuditApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@ImportHttpServices(group = "misnamed", types = MisnamedClient.class)
	static class MisnamedApplication {

	}

}
