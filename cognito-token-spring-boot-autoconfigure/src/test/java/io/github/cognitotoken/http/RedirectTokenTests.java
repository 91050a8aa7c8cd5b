package io.github.cognitotoken.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.autoconfigure.CognitoTokenAutoConfiguration;
import io.github.cognitotoken.autoconfigure.web.reactive.CognitoTokenWebClientAutoConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the token goes through redirects only to target hosts, on each of the HTTP
 * clients Spring Boot supports, selected explicitly by property (WireMock puts Apache
 * HttpClient5 on the class path, so detection would never pick the JDK client that a
 * starter-only application gets), and with each value of
 * {@code spring.http.clients.redirects}.
 * <p>
 * The API answers on {@code localhost} (the target host); the other host is the same kind
 * of server reached as {@code 127.0.0.1}, which is not a target.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedirectTokenTests {

	private static final String TOKEN = "redirect-test-token-4f1c";

	private static final String BEARER = "Bearer " + TOKEN;

	private static final List<String> FACTORIES = List.of("jdk", "http-components", "jetty", "reactor", "simple");

	private static final List<String> CONNECTORS = List.of("jdk", "http-components", "jetty", "reactor");

	private static final List<@Nullable String> REDIRECTS = new ArrayList<>(
			java.util.Arrays.asList(null, "follow-when-possible", "follow", "dont-follow"));

	private static WireMockServer api;

	private static WireMockServer other;

	@BeforeAll
	static void startServers() {
		api = new WireMockServer(options().dynamicPort());
		other = new WireMockServer(options().dynamicPort());
		api.start();
		other.start();
		api.stubFor(get("/to-other").willReturn(aResponse().withStatus(302)
			.withHeader(HttpHeaders.LOCATION, "http://127.0.0.1:" + other.port() + "/landing")));
		api.stubFor(post("/post-to-other").willReturn(aResponse().withStatus(307)
			.withHeader(HttpHeaders.LOCATION, "http://127.0.0.1:" + other.port() + "/landing")));
		api.stubFor(post("/post-to-same")
			.willReturn(aResponse().withStatus(307).withHeader(HttpHeaders.LOCATION, "/moved")));
		api.stubFor(get("/get-to-same").willReturn(aResponse().withStatus(301)
			.withHeader(HttpHeaders.LOCATION, "http://localhost:" + api.port() + "/moved")));
		api.stubFor(get("/to-other-and-back").willReturn(aResponse().withStatus(302)
			.withHeader(HttpHeaders.LOCATION, "http://127.0.0.1:" + other.port() + "/bounce")));
		other.stubFor(get("/bounce").willReturn(aResponse().withStatus(302)
			.withHeader(HttpHeaders.LOCATION, "http://localhost:" + api.port() + "/back")));
		api.stubFor(any(anyUrl()).atPriority(10).willReturn(ok("api")));
		other.stubFor(any(anyUrl()).atPriority(10).willReturn(ok("landed")));
	}

	@AfterAll
	static void stopServers() {
		api.stop();
		other.stop();
	}

	@BeforeEach
	void resetJournals() {
		api.resetRequests();
		other.resetRequests();
	}

	static Stream<Arguments> factoriesAndRedirects() {
		return FACTORIES.stream()
			.flatMap((factory) -> REDIRECTS.stream().map((redirects) -> Arguments.of(factory, redirects)));
	}

	static Stream<Arguments> connectorsAndRedirects() {
		return CONNECTORS.stream()
			.flatMap((connector) -> REDIRECTS.stream().map((redirects) -> Arguments.of(connector, redirects)));
	}

	@ParameterizedTest(name = "factory={0}, redirects={1}")
	@MethodSource("factoriesAndRedirects")
	void restClientNeverCarriesTheTokenThroughARedirectToAnotherHost(String factory, @Nullable String redirects) {
		imperativeRunner(factory, redirects).run((context) -> {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			ResponseEntity<String> response = restClient.get()
				.uri(apiUrl("/to-other"))
				.retrieve()
				.toEntity(String.class);
			assertRedirectedWithoutToken(response.getStatusCode().value(), response.getBody(), redirects, "GET");
			ResponseEntity<String> posted = restClient.post()
				.uri(apiUrl("/post-to-other"))
				.body("order=42")
				.retrieve()
				.toEntity(String.class);
			assertRedirectedWithoutToken(posted.getStatusCode().value(), posted.getBody(), redirects, "POST");
			if (follows(redirects)) {
				assertThat(otherRequests()).last()
					.satisfies((request) -> assertThat(request.getBodyAsString()).isEqualTo("order=42"));
			}
			assertTargetGotToken();
		});
	}

	@ParameterizedTest(name = "factory={0}, redirects={1}")
	@MethodSource("factoriesAndRedirects")
	void restClientKeepsTheTokenThroughARedirectToATargetHost(String factory, @Nullable String redirects) {
		imperativeRunner(factory, redirects).run((context) -> {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			ResponseEntity<String> posted = restClient.post()
				.uri(apiUrl("/post-to-same"))
				.body("order=43")
				.retrieve()
				.toEntity(String.class);
			ResponseEntity<String> got = restClient.get().uri(apiUrl("/get-to-same")).retrieve().toEntity(String.class);
			if (follows(redirects)) {
				assertThat(posted.getBody()).isEqualTo("api");
				assertThat(got.getBody()).isEqualTo("api");
				List<LoggedRequest> moved = api.findAll(com.github.tomakehurst.wiremock.client.WireMock
					.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/moved")));
				assertThat(moved).hasSize(2)
					.allSatisfy(
							(request) -> assertThat(request.getHeader(HttpHeaders.AUTHORIZATION)).isEqualTo(BEARER));
				assertThat(moved.get(0).getMethod().getName()).isEqualTo("POST");
				assertThat(moved.get(0).getBodyAsString()).isEqualTo("order=43");
			}
			else {
				assertThat(posted.getStatusCode().value()).isEqualTo(307);
				assertThat(got.getStatusCode().value()).isEqualTo(301);
			}
			assertThat(otherRequests()).isEmpty();
		});
	}

	@ParameterizedTest(name = "factory={0}, redirects={1}")
	@MethodSource("factoriesAndRedirects")
	void restTemplateNeverCarriesTheTokenThroughARedirectToAnotherHost(String factory, @Nullable String redirects) {
		imperativeRunner(factory, redirects).run((context) -> {
			RestTemplate restTemplate = context.getBean(RestTemplateBuilder.class).build();
			ResponseEntity<String> response = restTemplate.getForEntity(apiUrl("/to-other"), String.class);
			assertRedirectedWithoutToken(response.getStatusCode().value(), response.getBody(), redirects, "GET");
			assertTargetGotToken();
		});
	}

	@ParameterizedTest(name = "factory={0}, redirects={1}")
	@MethodSource("factoriesAndRedirects")
	void httpServiceClientNeverCarriesTheTokenThroughARedirectToAnotherHost(String factory,
			@Nullable String redirects) {
		imperativeRunner(factory, redirects)
			.withConfiguration(AutoConfigurations.of(HttpServiceClientPropertiesAutoConfiguration.class,
					HttpServiceClientAutoConfiguration.class))
			.withUserConfiguration(ServiceClientConfiguration.class)
			.withPropertyValues("spring.http.serviceclient.redirecting.base-url=http://localhost:" + api.port())
			.run((context) -> {
				ResponseEntity<String> response = context.getBean(RedirectingClient.class).toOther();
				assertRedirectedWithoutToken(response.getStatusCode().value(), response.getBody(), redirects, "GET");
				assertTargetGotToken();
			});
	}

	@ParameterizedTest(name = "connector={0}, redirects={1}")
	@MethodSource("connectorsAndRedirects")
	void webClientNeverCarriesTheTokenThroughARedirectToAnotherHost(String connector, @Nullable String redirects) {
		reactiveRunner(connector, redirects).run((context) -> {
			WebClient webClient = context.getBean(WebClient.Builder.class).build();
			ResponseEntity<String> response = webClient.get()
				.uri(apiUrl("/to-other"))
				.retrieve()
				.toEntity(String.class)
				.block(Duration.ofSeconds(30));
			assertThat(response).isNotNull();
			assertRedirectedWithoutToken(response.getStatusCode().value(), response.getBody(), redirects, "GET");
			ResponseEntity<String> posted = webClient.post()
				.uri(apiUrl("/post-to-same"))
				.bodyValue("order=44")
				.retrieve()
				.toEntity(String.class)
				.block(Duration.ofSeconds(30));
			assertThat(posted).isNotNull();
			if (follows(redirects)) {
				assertThat(posted.getBody()).isEqualTo("api");
				LoggedRequest moved = api
					.findAll(com.github.tomakehurst.wiremock.client.WireMock
						.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/moved")))
					.get(0);
				assertThat(moved.getHeader(HttpHeaders.AUTHORIZATION)).isEqualTo(BEARER);
				assertThat(moved.getBodyAsString()).isEqualTo("order=44");
			}
			else {
				assertThat(posted.getStatusCode().value()).isEqualTo(307);
			}
			assertTargetGotToken();
		});
	}

	@ParameterizedTest(name = "factory={0}")
	@MethodSource("factories")
	void aChainThatLeftTheTargetsNeverGetsTheTokenBack(String factory) {
		imperativeRunner(factory, null).run((context) -> {
			RestClient restClient = context.getBean(RestClient.Builder.class).build();
			assertThat(restClient.get().uri(apiUrl("/to-other-and-back")).retrieve().body(String.class))
				.isEqualTo("api");
			LoggedRequest back = api
				.findAll(com.github.tomakehurst.wiremock.client.WireMock
					.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/back")))
				.get(0);
			// the other host chose this URL: the target host gets it without the token
			assertThat(back.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
			assertThat(otherRequests()).singleElement()
				.satisfies((request) -> assertThat(request.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse());
		});
	}

	@ParameterizedTest(name = "connector={0}")
	@MethodSource("connectors")
	void aWebClientChainThatLeftTheTargetsNeverGetsTheTokenBack(String connector) {
		reactiveRunner(connector, null).run((context) -> {
			WebClient webClient = context.getBean(WebClient.Builder.class).build();
			assertThat(webClient.get()
				.uri(apiUrl("/to-other-and-back"))
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(30))).isEqualTo("api");
			LoggedRequest back = api
				.findAll(com.github.tomakehurst.wiremock.client.WireMock
					.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/back")))
				.get(0);
			assertThat(back.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
		});
	}

	static Stream<String> factories() {
		return FACTORIES.stream();
	}

	static Stream<String> connectors() {
		return CONNECTORS.stream();
	}

	@ParameterizedTest(name = "factory={0}")
	@MethodSource("factories")
	void aRestTemplateThatBuffersResponsesIsGuardedToo(String factory) {
		// a buffering predicate wraps the request in one that drops its attributes
		imperativeRunner(factory, null).run((context) -> {
			RestTemplate restTemplate = context.getBean(RestTemplateBuilder.class).build();
			restTemplate.setBufferingPredicate((uri, method) -> true);
			ResponseEntity<String> response = restTemplate.getForEntity(apiUrl("/to-other"), String.class);
			assertRedirectedWithoutToken(response.getStatusCode().value(), response.getBody(), null, "GET");
			assertTargetGotToken();
		});
	}

	@Test
	void aRestClientInAReactiveWebApplicationIsGuarded(CapturedOutput output) {
		// Boot configures no request factory builder there; the starter gives one
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
					ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
					CognitoTokenAutoConfiguration.class))
			.withUserConfiguration(FixedTokenConfiguration.class)
			.withClassLoader(new FilteredClassLoader(org.apache.hc.client5.http.impl.classic.HttpClients.class,
					org.eclipse.jetty.client.HttpClient.class, reactor.netty.http.client.HttpClient.class))
			.withPropertyValues("cognito.client.client-id=redirect-client",
					"cognito.client.client-secret=redirect-secret-never-logged",
					"cognito.client.token-endpoint=http://localhost:" + api.port() + "/oauth2/token",
					"cognito.client.target-hosts=localhost")
			.run((context) -> {
				RestClient restClient = context.getBean(RestClient.Builder.class).build();
				ResponseEntity<String> response = restClient.get()
					.uri(apiUrl("/to-other"))
					.retrieve()
					.toEntity(String.class);
				assertRedirectedWithoutToken(response.getStatusCode().value(), response.getBody(), null, "GET");
			});
		assertThat(output).doesNotContain("was not built by Spring Boot's ClientHttpRequestFactoryBuilder");
	}

	@ParameterizedTest(name = "connector={0}")
	@MethodSource("connectors")
	void aWebClientRedirectToAnotherOriginCarriesNoCookies(String connector) {
		reactiveRunner(connector, null).run((context) -> {
			WebClient webClient = context.getBean(WebClient.Builder.class).build();
			webClient.get()
				.uri(apiUrl("/to-other"))
				.cookie("SESSION", "s3ss10n")
				.retrieve()
				.toBodilessEntity()
				.block(Duration.ofSeconds(30));
			assertThat(api.getAllServeEvents()).singleElement()
				.satisfies((event) -> assertThat(event.getRequest().getHeader(HttpHeaders.COOKIE)).contains("SESSION"));
			assertThat(otherRequests()).singleElement().satisfies((request) -> {
				assertThat(request.containsHeader(HttpHeaders.COOKIE)).isFalse();
				assertThat(request.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
			});
		});
	}

	@Test
	void aFactoryNotBuiltByBootIsReportedBecauseItsClientMayCarryTheTokenAway(CapturedOutput output) {
		// The leak this whole class guards against: the JDK client follows the redirect
		// with every header it was given
		CognitoTokenManager manager = CognitoTokenManager.builder(fixedToken()).build();
		RestClient restClient = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(
					HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()))
			.requestInterceptor(new CognitoBearerTokenInterceptor(manager, TargetHostMatcher.of(List.of("localhost"))))
			.build();
		assertThat(restClient.get().uri(apiUrl("/to-other")).retrieve().body(String.class)).isEqualTo("landed");
		assertThat(otherRequests()).singleElement()
			.satisfies((request) -> assertThat(request.getHeader(HttpHeaders.AUTHORIZATION)).isEqualTo(BEARER));
		assertThat(output).contains("was not built by Spring Boot's ClientHttpRequestFactoryBuilder")
			.doesNotContain(TOKEN);
	}

	private static void assertRedirectedWithoutToken(int status, @Nullable String body, @Nullable String redirects,
			String method) {
		if (follows(redirects)) {
			assertThat(status).isEqualTo(200);
			assertThat(body).isEqualTo("landed");
			assertThat(otherRequests()).last().satisfies((request) -> {
				assertThat(request.getMethod().getName()).isEqualTo(method);
				assertThat(request.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
			});
		}
		else {
			assertThat(status).isBetween(300, 399);
			assertThat(otherRequests()).isEmpty();
		}
	}

	private static void assertTargetGotToken() {
		assertThat(api.getAllServeEvents()).isNotEmpty()
			.filteredOn((event) -> !event.getRequest().getUrl().equals("/back"))
			.allSatisfy(
					(event) -> assertThat(event.getRequest().getHeader(HttpHeaders.AUTHORIZATION)).isEqualTo(BEARER));
		assertThat(otherRequests())
			.noneSatisfy((request) -> assertThat(request.containsHeader(HttpHeaders.AUTHORIZATION)).isTrue());
	}

	private static List<LoggedRequest> otherRequests() {
		List<LoggedRequest> requests = new ArrayList<>(
				other.getAllServeEvents().stream().map((event) -> event.getRequest()).toList());
		// newest first in the journal
		java.util.Collections.reverse(requests);
		return requests;
	}

	private static boolean follows(@Nullable String redirects) {
		return !"dont-follow".equals(redirects);
	}

	private static String apiUrl(String path) {
		return "http://localhost:" + api.port() + path;
	}

	private static ApplicationContextRunner imperativeRunner(String factory, @Nullable String redirects) {
		return baseRunner(redirects)
			.withConfiguration(AutoConfigurations.of(ImperativeHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, RestTemplateAutoConfiguration.class))
			.withPropertyValues("spring.http.clients.imperative.factory=" + factory);
	}

	private static ApplicationContextRunner reactiveRunner(String connector, @Nullable String redirects) {
		return baseRunner(redirects)
			.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, CognitoTokenWebClientAutoConfiguration.class))
			.withPropertyValues("spring.http.clients.reactive.connector=" + connector);
	}

	private static ApplicationContextRunner baseRunner(@Nullable String redirects) {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(HttpClientAutoConfiguration.class, CognitoTokenAutoConfiguration.class))
			.withUserConfiguration(FixedTokenConfiguration.class)
			.withPropertyValues("cognito.client.client-id=redirect-client",
					"cognito.client.client-secret=redirect-secret-never-logged",
					"cognito.client.token-endpoint=http://localhost:" + api.port() + "/oauth2/token",
					"cognito.client.target-hosts=localhost");
		return (redirects != null) ? runner.withPropertyValues("spring.http.clients.redirects=" + redirects) : runner;
	}

	private static CognitoTokenFetcher fixedToken() {
		return () -> new CognitoAccessToken(TOKEN, Instant.now(), Instant.now().plus(Duration.ofHours(1)));
	}

	@Configuration(proxyBeanMethods = false)
	static class FixedTokenConfiguration {

		@Bean
		CognitoTokenFetcher fixedTokenFetcher() {
			return fixedToken();
		}

	}

	@HttpExchange
	interface RedirectingClient {

		@GetExchange("/to-other")
		ResponseEntity<String> toOther();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "redirecting", types = RedirectingClient.class)
	static class ServiceClientConfiguration {

	}

}
