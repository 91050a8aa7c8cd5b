package io.github.cognitotoken.http.feign;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import feign.Feign;
import feign.FeignException;
import feign.Headers;
import feign.Param;
import feign.Request;
import feign.RequestLine;
import feign.RequestTemplate;
import feign.Response;
import feign.RetryableException;
import feign.Retryer;
import feign.Target.HardCodedTarget;
import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.MutableClock;
import io.github.cognitotoken.http.CognitoClientRouter;
import io.github.cognitotoken.http.TargetHostMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@link CognitoFeignRequestInterceptor} and {@link CognitoFeignCapability} on
 * plain Feign clients ({@code Feign.builder()}, Feign's default {@code HttpURLConnection}
 * client) against local WireMock servers: the API is reached as {@code localhost}, the
 * target host; the other server as {@code 127.0.0.1}, which is not a target.
 */
class CognitoFeignRequestInterceptorTests {

	@RegisterExtension
	static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	static WireMockExtension other = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = MutableClock.startingAt("2026-07-01T09:00:00Z");

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private CognitoTokenManager manager;

	private CognitoFeignRequestInterceptor interceptor;

	@BeforeEach
	void createManager() {
		this.manager = CognitoTokenManager.builder(() -> {
			Instant now = this.clock.instant();
			return new CognitoAccessToken("token-" + this.tokenRequests.incrementAndGet(), now,
					now.plus(Duration.ofHours(1)));
		}).clock(this.clock).forcedRenewalInterval(Duration.ofSeconds(30)).build();
		this.interceptor = new CognitoFeignRequestInterceptor(
				CognitoClientRouter.single(this.manager, TargetHostMatcher.of(List.of("localhost")), true));
	}

	@Test
	void requestToATargetHostCarriesTheToken() {
		api.stubFor(get("/orders/42").willReturn(ok("order 42")));
		assertThat(client(apiUrl()).order("42")).isEqualTo("order 42");
		api.verify(1, getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", equalTo("Bearer token-1")));
	}

	@Test
	void targetUrlWithAPathIsResolvedBeforeRouting() {
		api.stubFor(get("/api/v1/orders/42").willReturn(ok("order 42")));
		assertThat(client(apiUrl() + "/api/v1").order("42")).isEqualTo("order 42");
		api.verify(1, getRequestedFor(urlEqualTo("/api/v1/orders/42")).withHeader("Authorization",
				equalTo("Bearer token-1")));
	}

	@Test
	void requestToAnotherHostCarriesNoToken() {
		other.stubFor(get("/orders/42").willReturn(ok("order 42")));
		assertThat(client(otherUrl()).order("42")).isEqualTo("order 42");
		other.verify(1, getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", absent()));
		assertThat(this.tokenRequests).hasValue(0);
	}

	@Test
	void uriArgumentIsTheUrlThatIsRouted() {
		api.stubFor(get("/orders/42").willReturn(ok("order 42")));
		other.stubFor(get("/orders/42").willReturn(ok("order 42")));
		// the target is the other host, the argument the API, and the other way round
		OrdersClient toOther = client(otherUrl());
		OrdersClient toApi = client(apiUrl());
		assertThat(toOther.orderAt(URI.create(apiUrl()), "42")).isEqualTo("order 42");
		assertThat(toApi.orderAt(URI.create(otherUrl()), "42")).isEqualTo("order 42");
		api.verify(1, getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", equalTo("Bearer token-1")));
		other.verify(1, getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", absent()));
	}

	@Test
	void requestWithItsOwnAuthorizationIsSentUnchanged() {
		api.stubFor(get("/orders/42").willReturn(ok("order 42")));
		assertThat(client(apiUrl()).orderAs("Basic dXNlcjpwYXNz", "42")).isEqualTo("order 42");
		api.verify(1,
				getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", equalTo("Basic dXNlcjpwYXNz")));
		assertThat(api.getAllServeEvents().get(0).getRequest().getHeaders().getHeader("Authorization").values())
			.containsExactly("Basic dXNlcjpwYXNz");
		assertThat(this.tokenRequests).hasValue(0);
	}

	@Test
	void authorizationOfAnInterceptorThatRunsLaterWinsWithTheCapability() {
		api.stubFor(get("/orders/42").willReturn(ok("order 42")));
		OrdersClient client = builder()
			.requestInterceptor((template) -> template.header("Authorization", "Basic b3duOmhlYWRlcg=="))
			.target(OrdersClient.class, apiUrl());
		assertThat(client.order("42")).isEqualTo("order 42");
		assertThat(api.getAllServeEvents().get(0).getRequest().getHeaders().getHeader("Authorization").values())
			.containsExactly("Basic b3duOmhlYWRlcg==");
	}

	@Test
	void retriedCallCarriesTheCurrentTokenOnce() {
		api.stubFor(get("/orders/42").inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		api.stubFor(get("/orders/42").inScenario("retry").whenScenarioStateIs("recovered").willReturn(ok("order 42")));
		// a renewal between the attempts: the retry must not send the previous token
		OrdersClient client = builder()
			.errorDecoder((methodKey, response) -> new RetryableException(response.status(), "unavailable",
					response.request().httpMethod(), (Long) null, response.request()))
			.retryer(new RenewingRetryer())
			.target(OrdersClient.class, apiUrl());
		assertThat(client.order("42")).isEqualTo("order 42");
		api.verify(1, getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", equalTo("Bearer token-1")));
		api.verify(1, getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", equalTo("Bearer token-2")));
		api.getAllServeEvents()
			.forEach((event) -> assertThat(event.getRequest().getHeaders().getHeader("Authorization").values())
				.hasSize(1));
	}

	@Test
	void unauthorizedAnswerIsReplayedOnceWithAFreshToken() {
		api.stubFor(get("/orders/42").withHeader("Authorization", equalTo("Bearer token-1"))
			.willReturn(aResponse().withStatus(401)));
		api.stubFor(
				get("/orders/42").withHeader("Authorization", equalTo("Bearer token-2")).willReturn(ok("order 42")));
		OrdersClient client = client(apiUrl());
		assertThat(client.order("42")).isEqualTo("order 42");
		assertThat(this.tokenRequests).hasValue(2);
		api.verify(2, getRequestedFor(urlEqualTo("/orders/42")));
		assertThat(client.order("42")).isEqualTo("order 42");
		assertThat(this.tokenRequests).hasValue(2);
	}

	@Test
	void apiThatAlwaysAnswers401CannotCauseATokenRequestPerCall() {
		api.stubFor(get("/orders/42").willReturn(aResponse().withStatus(401)));
		OrdersClient client = client(apiUrl());
		for (int i = 0; i < 20; i++) {
			assertThatExceptionOfType(FeignException.Unauthorized.class).isThrownBy(() -> client.order("42"));
		}
		// one token, one forced renewal, then rate-limited: no more replays
		assertThat(this.tokenRequests).hasValue(2);
		api.verify(21, getRequestedFor(urlEqualTo("/orders/42")));
		this.clock.advance(Duration.ofSeconds(30));
		assertThatExceptionOfType(FeignException.Unauthorized.class).isThrownBy(() -> client.order("42"));
		assertThat(this.tokenRequests).hasValue(3);
		api.verify(23, getRequestedFor(urlEqualTo("/orders/42")));
	}

	@Test
	void replayCanBeTurnedOff() {
		this.interceptor = new CognitoFeignRequestInterceptor(
				CognitoClientRouter.single(this.manager, TargetHostMatcher.of(List.of("localhost")), false));
		api.stubFor(get("/orders/42").willReturn(aResponse().withStatus(401)));
		assertThatExceptionOfType(FeignException.Unauthorized.class).isThrownBy(() -> client(apiUrl()).order("42"));
		assertThat(this.tokenRequests).hasValue(1);
		api.verify(1, getRequestedFor(urlEqualTo("/orders/42")));
	}

	@Test
	void forbiddenIsNotAReasonToRenew() {
		api.stubFor(get("/orders/42").willReturn(aResponse().withStatus(403)));
		assertThatExceptionOfType(FeignException.Forbidden.class).isThrownBy(() -> client(apiUrl()).order("42"));
		assertThat(this.tokenRequests).hasValue(1);
		api.verify(1, getRequestedFor(urlEqualTo("/orders/42")));
	}

	@Test
	void requestWithItsOwnAuthorizationIsNeverReplayed() {
		api.stubFor(get("/orders/42").willReturn(aResponse().withStatus(401)));
		assertThatExceptionOfType(FeignException.Unauthorized.class)
			.isThrownBy(() -> client(apiUrl()).orderAs("Basic dXNlcjpwYXNz", "42"));
		assertThat(this.tokenRequests).hasValue(0);
		api.verify(1, getRequestedFor(urlEqualTo("/orders/42")));
	}

	@Test
	void redirectToAnotherHostIsFollowedWithoutTheToken() {
		api.stubFor(get("/orders/42")
			.willReturn(aResponse().withStatus(302).withHeader("Location", otherUrl() + "/landing")));
		other.stubFor(get("/landing").willReturn(ok("landed")));
		assertThat(client(apiUrl()).order("42")).isEqualTo("landed");
		api.verify(1, getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", equalTo("Bearer token-1")));
		other.verify(1, getRequestedFor(urlEqualTo("/landing")).withHeader("Authorization", absent()));
	}

	@Test
	void redirectOnTheSameHostKeepsTheToken() {
		api.stubFor(get("/orders/42").willReturn(aResponse().withStatus(301).withHeader("Location", "/orders/v2/42")));
		api.stubFor(get("/orders/v2/42").willReturn(ok("moved")));
		assertThat(client(apiUrl()).order("42")).isEqualTo("moved");
		api.verify(1,
				getRequestedFor(urlEqualTo("/orders/v2/42")).withHeader("Authorization", equalTo("Bearer token-1")));
	}

	@Test
	void chainThatLeftTheTargetHostsNeverGetsTheTokenBack() {
		api.stubFor(get("/orders/42")
			.willReturn(aResponse().withStatus(302).withHeader("Location", otherUrl() + "/bounce")));
		other.stubFor(
				get("/bounce").willReturn(aResponse().withStatus(302).withHeader("Location", apiUrl() + "/landing")));
		api.stubFor(get("/landing").willReturn(ok("back")));
		assertThat(client(apiUrl()).order("42")).isEqualTo("back");
		other.verify(1, getRequestedFor(urlEqualTo("/bounce")).withHeader("Authorization", absent()));
		api.verify(1, getRequestedFor(urlEqualTo("/landing")).withHeader("Authorization", absent()));
	}

	@Test
	void postRedirectedWith303BecomesAGetWithoutBody() {
		api.stubFor(post("/orders").willReturn(aResponse().withStatus(303).withHeader("Location", "/orders/43")));
		api.stubFor(get("/orders/43").willReturn(ok("created")));
		assertThat(client(apiUrl()).create("{\"item\":\"book\"}")).isEqualTo("created");
		api.verify(1, postRequestedFor(urlEqualTo("/orders")).withHeader("Authorization", equalTo("Bearer token-1")));
		api.verify(1, getRequestedFor(urlEqualTo("/orders/43")).withHeader("Authorization", equalTo("Bearer token-1"))
			.withHeader("Content-Type", absent()));
	}

	@Test
	void redirectIsNotFollowedWhenTheOptionsSayNot() {
		api.stubFor(get("/orders/42")
			.willReturn(aResponse().withStatus(302).withHeader("Location", otherUrl() + "/landing")));
		OrdersClient client = builder()
			.options(new Request.Options(Duration.ofSeconds(10), Duration.ofSeconds(60), false))
			.target(OrdersClient.class, apiUrl());
		assertThatExceptionOfType(FeignException.class).isThrownBy(() -> client.order("42"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(302));
		other.verify(0, getRequestedFor(urlEqualTo("/landing")));
	}

	@Test
	void feignsDefaultClientDropsAuthorizationOnItsOwnWhenARedirectChangesOrigin() {
		// HttpURLConnection removes Authorization when a redirect leaves the origin, with
		// or without the capability
		api.stubFor(get("/orders/42")
			.willReturn(aResponse().withStatus(302).withHeader("Location", otherUrl() + "/landing")));
		other.stubFor(get("/landing").willReturn(ok("landed")));
		OrdersClient client = Feign.builder()
			.requestInterceptor(this.interceptor)
			.decoder(CognitoFeignRequestInterceptorTests::text)
			.target(OrdersClient.class, apiUrl());
		assertThat(client.order("42")).isEqualTo("landed");
		other.verify(1, getRequestedFor(urlEqualTo("/landing")).withHeader("Authorization", absent()));
	}

	@Test
	void clientThatKeepsHeadersOnRedirectsSendsTheTokenAcrossHostsWithoutTheCapability() {
		// the JDK HttpClient (as feign-java11 uses it) sends every header to the next hop
		api.stubFor(get("/orders/42")
			.willReturn(aResponse().withStatus(302).withHeader("Location", otherUrl() + "/landing")));
		other.stubFor(get("/landing").willReturn(ok("landed")));
		OrdersClient client = Feign.builder()
			.requestInterceptor(this.interceptor)
			.client(new JdkHttpClientFeignClient())
			.decoder(CognitoFeignRequestInterceptorTests::text)
			.target(OrdersClient.class, apiUrl());
		assertThat(client.order("42")).isEqualTo("landed");
		other.verify(1, getRequestedFor(urlEqualTo("/landing")).withHeader("Authorization", equalTo("Bearer token-1")));
	}

	@Test
	void capabilityKeepsTheTokenOnTargetHostsWithAClientThatKeepsHeadersOnRedirects() {
		api.stubFor(get("/orders/42")
			.willReturn(aResponse().withStatus(302).withHeader("Location", otherUrl() + "/landing")));
		other.stubFor(get("/landing").willReturn(ok("landed")));
		OrdersClient client = builder().client(new JdkHttpClientFeignClient()).target(OrdersClient.class, apiUrl());
		assertThat(client.order("42")).isEqualTo("landed");
		api.verify(1, getRequestedFor(urlEqualTo("/orders/42")).withHeader("Authorization", equalTo("Bearer token-1")));
		other.verify(1, getRequestedFor(urlEqualTo("/landing")).withHeader("Authorization", absent()));
	}

	@Test
	void capabilityDoesNotFollowRedirectsWithAClientThatKeepsHeadersWhenTheOptionsSayNot() {
		api.stubFor(get("/orders/42")
			.willReturn(aResponse().withStatus(302).withHeader("Location", otherUrl() + "/landing")));
		OrdersClient client = builder().client(new JdkHttpClientFeignClient())
			.options(new Request.Options(Duration.ofSeconds(10), Duration.ofSeconds(60), false))
			.target(OrdersClient.class, apiUrl());
		assertThatExceptionOfType(FeignException.class).isThrownBy(() -> client.order("42"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(302));
		other.verify(0, getRequestedFor(urlEqualTo("/landing")));
	}

	@Test
	void loadBalancedTargetIsRoutedByTheServiceName() {
		CognitoFeignRequestInterceptor interceptor = new CognitoFeignRequestInterceptor(
				CognitoClientRouter.single(this.manager, TargetHostMatcher.of(List.of("http://orders")), true));
		RequestTemplate template = new RequestTemplate().method(Request.HttpMethod.GET).uri("/orders/42");
		template.feignTarget(new HardCodedTarget<>(OrdersClient.class, "orders", "http://orders"));
		RequestTemplate resolved = template.resolve(Map.of());
		interceptor.apply(resolved);
		assertThat(resolved.headers().get("Authorization")).containsExactly("Bearer token-1");
		RequestTemplate elsewhere = new RequestTemplate().method(Request.HttpMethod.GET).uri("/orders/42");
		elsewhere.feignTarget(new HardCodedTarget<>(OrdersClient.class, "billing", "http://billing"));
		RequestTemplate resolvedElsewhere = elsewhere.resolve(Map.of());
		interceptor.apply(resolvedElsewhere);
		assertThat(resolvedElsewhere.headers()).doesNotContainKey("Authorization");
	}

	private OrdersClient client(String url) {
		return builder().target(OrdersClient.class, url);
	}

	private Feign.Builder builder() {
		return Feign.builder()
			.requestInterceptor(this.interceptor)
			.addCapability(this.interceptor.capability())
			.decoder(CognitoFeignRequestInterceptorTests::text);
	}

	private static Object text(Response response, Type type) throws IOException {
		try (InputStream body = response.body().asInputStream()) {
			return new String(body.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String apiUrl() {
		return "http://localhost:" + api.getPort();
	}

	private static String otherUrl() {
		return "http://127.0.0.1:" + other.getPort();
	}

	interface OrdersClient {

		@RequestLine("GET /orders/{id}")
		String order(@Param("id") String id);

		@RequestLine("GET /orders/{id}")
		String orderAt(URI baseUrl, @Param("id") String id);

		@RequestLine("GET /orders/{id}")
		@Headers("Authorization: {authorization}")
		String orderAs(@Param("authorization") String authorization, @Param("id") String id);

		@RequestLine("POST /orders")
		@Headers("Content-Type: application/json")
		String create(String body);

	}

	/**
	 * Retries once, after a renewal of the token, as a background renewal between two
	 * attempts would.
	 */
	private final class RenewingRetryer implements Retryer {

		private int attempts;

		@Override
		public void continueOrPropagate(RetryableException ex) {
			if (++this.attempts > 1) {
				throw ex;
			}
			CognitoFeignRequestInterceptorTests.this.manager.invalidate();
		}

		@Override
		public Retryer clone() {
			return new RenewingRetryer();
		}

	}

}
