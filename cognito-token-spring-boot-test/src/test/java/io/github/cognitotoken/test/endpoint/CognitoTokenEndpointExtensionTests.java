package io.github.cognitotoken.test.endpoint;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.endpoint.ClientAuthenticationMethod;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.github.cognitotoken.test.CognitoTestToken;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link CognitoTokenEndpointExtension}, through the starter's own
 * {@link TokenEndpointClient} and, where the starter sends no such request, a plain
 * {@link HttpClient}.
 */
class CognitoTokenEndpointExtensionTests {

	@RegisterExtension
	static CognitoTokenEndpointExtension cognito = CognitoTokenEndpointExtension.create()
		.client("orders-client", "orders-secret", "orders/read", "orders/write")
		.client("billing-client", "billing-secret")
		.tokenLifetime(Duration.ofMinutes(30));

	private final HttpClient httpClient = HttpClient.newHttpClient();

	@BeforeEach
	void reset() {
		cognito.reset();
	}

	@Test
	void issuesASignedCognitoTokenWithTheGrantedScopesAndRecordsTheRequest() {
		CognitoAccessToken accessToken = fetch("orders-client", "orders-secret", "orders/read");
		assertThat(accessToken.getLifetime()).isEqualTo(Duration.ofMinutes(30));
		CognitoTestToken token = cognito.tokenIssuer().verify(accessToken.getValue());
		assertThat(token.getClientId()).isEqualTo("orders-client");
		assertThat(token.getScopes()).containsExactly("orders/read");
		assertThat(token.getIssuer()).isEqualTo(cognito.baseUrl());
		assertThat(token.getTokenUse()).isEqualTo("access");
		TokenRequest request = cognito.lastTokenRequest();
		assertThat(request.getClientId()).isEqualTo("orders-client");
		assertThat(request.getAuthenticationMethod()).isEqualTo("client_secret_basic");
		assertThat(request.getParameters()).containsExactly(Map.entry("grant_type", "client_credentials"),
				Map.entry("scope", "orders/read"));
		assertThat(request.getStatus()).isEqualTo(200);
		assertThat(request.getToken()).isEqualTo(token);
		assertThat(cognito.issuedTokens("orders-client")).containsExactly(token);
	}

	@Test
	void requestWithoutScopeGetsEveryScopeEnabledOnTheClient() {
		CognitoTestToken token = CognitoTestToken.decode(fetch("orders-client", "orders-secret").getValue());
		assertThat(token.getScopes()).containsExactly("orders/read", "orders/write");
	}

	@Test
	void clientSecretPostIsAcceptedAndRecordedWithoutTheSecret() {
		CognitoAccessToken token = client("billing-client", "billing-secret",
				ClientAuthenticationMethod.CLIENT_SECRET_POST, Duration.ofSeconds(30))
			.fetchToken();
		assertThat(CognitoTestToken.decode(token.getValue()).getClientId()).isEqualTo("billing-client");
		TokenRequest request = cognito.lastTokenRequest();
		assertThat(request.getAuthenticationMethod()).isEqualTo("client_secret_post");
		assertThat(request.getParameters()).containsEntry("client_id", "billing-client")
			.doesNotContainKey("client_secret");
		assertThat(request.toString()).doesNotContain("billing-secret");
	}

	@Test
	void wrongSecretUnknownClientAndScopeNotEnabledGetCognitosErrors() {
		assertThat(failure(() -> fetch("orders-client", "wrong-secret"))).satisfies((ex) -> {
			assertThat(ex.getErrorCode()).isEqualTo("invalid_client");
			assertThat(ex.getHttpStatus()).isEqualTo(400);
		});
		assertThat(failure(() -> fetch("someone-else", "orders-secret")).getErrorCode()).isEqualTo("invalid_client");
		assertThat(failure(() -> fetch("orders-client", "orders-secret", "orders/delete")).getErrorCode())
			.isEqualTo("invalid_scope");
		assertThat(cognito.tokenRequests()).extracting(TokenRequest::getStatus).containsExactly(400, 400, 400);
		assertThat(cognito.tokenRequestCount("orders-client")).isEqualTo(2);
		assertThat(cognito.issuedTokens("orders-client")).isEmpty();
	}

	@Test
	void throttledAnswerCarriesRetryAfterAndTheNextRequestGetsAToken() {
		cognito.answerNext(TokenEndpointAnswer.throttled(Duration.ofSeconds(7)));
		CognitoTokenException throttled = failure(() -> fetch("orders-client", "orders-secret"));
		assertThat(throttled.getHttpStatus()).isEqualTo(429);
		assertThat(throttled.isRetryable()).isTrue();
		assertThat(throttled.getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(fetch("orders-client", "orders-secret").getValue()).isNotEmpty();
		assertThat(cognito.tokenRequests("orders-client")).extracting(TokenRequest::getStatus)
			.containsExactly(429, 200);
	}

	@Test
	void serverErrorsAndConnectionResetsAreTransientFailures() {
		cognito.answerNext(TokenEndpointAnswer.serverError(503), TokenEndpointAnswer.connectionReset());
		CognitoTokenException serverError = failure(() -> fetch("orders-client", "orders-secret"));
		assertThat(serverError.getKind()).isEqualTo(CognitoTokenException.Kind.HTTP_ERROR);
		assertThat(serverError.getHttpStatus()).isEqualTo(503);
		assertThat(serverError.isRetryable()).isTrue();
		CognitoTokenException reset = failure(() -> fetch("orders-client", "orders-secret"));
		assertThat(reset.getKind()).isEqualTo(CognitoTokenException.Kind.CONNECTION_FAILURE);
		assertThat(reset.isRetryable()).isTrue();
	}

	@Test
	void answersForOneClientLeaveTheOthersAlone() {
		cognito.answerNext("billing-client", TokenEndpointAnswer.error("invalid_client"));
		assertThat(fetch("orders-client", "orders-secret").getValue()).isNotEmpty();
		assertThat(failure(() -> fetch("billing-client", "billing-secret")).getErrorCode()).isEqualTo("invalid_client");
		assertThat(fetch("billing-client", "billing-secret").getValue()).isNotEmpty();
	}

	@Test
	void answerAlwaysAppliesToEveryRequestUntilReset() {
		cognito.answerAlways(TokenEndpointAnswer.error(401, "unauthorized_client"));
		assertThat(failure(() -> fetch("orders-client", "orders-secret")).getHttpStatus()).isEqualTo(401);
		assertThat(failure(() -> fetch("billing-client", "billing-secret")).getErrorCode())
			.isEqualTo("unauthorized_client");
		cognito.reset();
		assertThat(fetch("orders-client", "orders-secret").getValue()).isNotEmpty();
		assertThat(cognito.tokenRequestCount()).isOne();
	}

	@Test
	void slowAnswerOutlastsTheClientsDeadline() {
		// far longer than the deadline, so that a busy machine cannot make it arrive
		// first
		cognito.answerNext(TokenEndpointAnswer.token().delayedBy(Duration.ofSeconds(30)));
		CognitoTokenException timeout = failure(() -> client("orders-client", "orders-secret",
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC, Duration.ofSeconds(1))
			.fetchToken());
		assertThat(timeout.getKind()).isEqualTo(CognitoTokenException.Kind.TIMEOUT);
		assertThat(timeout.isRetryable()).isTrue();
	}

	@Test
	void capturesTheAwsClientMetadataThatTheClientSends() {
		CognitoClientRegistration registration = new CognitoClientRegistration("orders-client", "orders-secret",
				URI.create(cognito.tokenEndpoint()), List.of(), ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.withClientMetadata(Map.of("tenant", "acme", "tier", "gold"));
		new TokenEndpointClient(registration, new JdkClientHttpRequestFactory(), Clock.systemUTC()).fetchToken();
		assertThat(cognito.lastTokenRequest().getAwsClientMetadata())
			.containsExactlyInAnyOrderEntriesOf(Map.of("tenant", "acme", "tier", "gold"));
	}

	@Test
	void clientMetadataThatIsNotAJsonObjectOfStringsGetsInvalidRequest() throws Exception {
		HttpResponse<String> response = post(
				"grant_type=client_credentials&aws_client_metadata="
						+ URLEncoder.encode("{\"tier\":2}", StandardCharsets.UTF_8),
				"application/x-www-form-urlencoded");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"invalid_request\"}");
		assertThat(cognito.lastTokenRequest().getAwsClientMetadata()).isNull();
	}

	@Test
	void requestThatIsNotAFormGets405AsFromCognito() throws Exception {
		HttpResponse<String> response = post("{\"grant_type\":\"client_credentials\"}", "application/json");
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(cognito.lastTokenRequest().getContentType()).isEqualTo("application/json");
	}

	@Test
	void resourceServerValidatesTheTokensWithTheJwkSetOrTheIssuerLocation() {
		String token = fetch("orders-client", "orders-secret", "orders/write").getValue();
		JwtDecoder byJwkSet = NimbusJwtDecoder.withJwkSetUri(cognito.jwkSetUri()).build();
		Jwt jwt = byJwkSet.decode(token);
		assertThat(jwt.getClaimAsString("client_id")).isEqualTo("orders-client");
		assertThat(jwt.getClaimAsString("scope")).isEqualTo("orders/write");
		assertThat(jwt.getClaimAsString("token_use")).isEqualTo("access");
		// discovery: the default issuer is the base URL, as spring.security's issuer-uri
		// expects
		JwtDecoder byIssuer = JwtDecoders.fromIssuerLocation(cognito.issuer());
		assertThat(byIssuer.decode(token).getSubject()).isEqualTo("orders-client");
	}

	@Test
	void scriptedAnswersThatWereNotUsedAreDiscardedAfterEachTest() {
		cognito.answerNext(TokenEndpointAnswer.error("invalid_client"));
		cognito.afterEach(null);
		assertThat(fetch("orders-client", "orders-secret").getValue()).isNotEmpty();
	}

	@Test
	void nestedTestClassesShareTheEndpointOfTheClassThatStartedIt() {
		CognitoTokenEndpointExtension endpoint = CognitoTokenEndpointExtension.create();
		endpoint.beforeAll(contextOf(CognitoTokenEndpointExtensionTests.class));
		try {
			String tokenEndpoint = endpoint.tokenEndpoint();
			endpoint.beforeAll(contextOf(Nested.class));
			endpoint.afterAll(contextOf(Nested.class));
			assertThat(endpoint.isRunning()).isTrue();
			assertThat(endpoint.tokenEndpoint()).isEqualTo(tokenEndpoint);
		}
		finally {
			endpoint.afterAll(contextOf(CognitoTokenEndpointExtensionTests.class));
		}
		assertThat(endpoint.isRunning()).isFalse();
	}

	private static ExtensionContext contextOf(Class<?> testClass) {
		ExtensionContext context = mock(ExtensionContext.class);
		given(context.getRequiredTestClass()).willAnswer((invocation) -> testClass);
		return context;
	}

	static class Nested {

	}

	private static CognitoAccessToken fetch(String clientId, String secret, String... scopes) {
		return client(clientId, secret, ClientAuthenticationMethod.CLIENT_SECRET_BASIC, Duration.ofSeconds(30), scopes)
			.fetchToken();
	}

	private static TokenEndpointClient client(String clientId, String secret, ClientAuthenticationMethod method,
			Duration deadline, String... scopes) {
		CognitoClientRegistration registration = new CognitoClientRegistration(clientId, secret,
				URI.create(cognito.tokenEndpoint()), List.of(scopes), method);
		return new TokenEndpointClient(registration, new JdkClientHttpRequestFactory(), Clock.systemUTC(),
				ObservationRegistry.NOOP, deadline);
	}

	private static CognitoTokenException failure(Runnable call) {
		return catchThrowableOfType(CognitoTokenException.class, call::run);
	}

	private HttpResponse<String> post(String body, String contentType) throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString("orders-client:orders-secret".getBytes(StandardCharsets.UTF_8));
		return this.httpClient.send(HttpRequest.newBuilder(URI.create(cognito.tokenEndpoint()))
			.header("Content-Type", contentType)
			.header("Authorization", "Basic " + basic)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
