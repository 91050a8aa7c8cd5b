package io.github.cognitotoken.endpoint;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenException.Kind;
import io.github.cognitotoken.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link TokenEndpointClient} against a local WireMock server.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenEndpointClientTests {

	static final String CLIENT_ID = "1example23456789";

	static final String CLIENT_SECRET = "s3cr3t-Value+with/odd=chars";

	static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.e30.test-access-token-value";

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");

	@Test
	void sendsClientCredentialsWithBasicAuthentication() {
		stubToken(okJson(tokenJson(3600)));
		client(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, List.of("orders/read", "orders/write")).fetchToken();
		String basic = Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + "s3cr3t-Value%2Bwith%2Fodd%3Dchars").getBytes(StandardCharsets.UTF_8));
		cognito.verify(1,
				postRequestedFor(urlEqualTo("/oauth2/token"))
					.withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
					.withHeader("Accept", equalTo("application/json"))
					.withHeader("Authorization", equalTo("Basic " + basic))
					.withRequestBody(equalTo("grant_type=client_credentials&scope=orders%2Fread+orders%2Fwrite")));
		cognito.verify(1,
				postRequestedFor(urlEqualTo("/oauth2/token")).withFormParam("grant_type", equalTo("client_credentials"))
					.withFormParam("scope", equalTo("orders/read orders/write")));
	}

	@Test
	void sendsClientCredentialsInTheBodyWithClientSecretPost() {
		stubToken(okJson(tokenJson(3600)));
		client(ClientAuthenticationMethod.CLIENT_SECRET_POST, List.of("orders/read")).fetchToken();
		cognito.verify(1,
				postRequestedFor(urlEqualTo("/oauth2/token"))
					.withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
					.withHeader("Authorization", absent())
					.withFormParam("grant_type", equalTo("client_credentials"))
					.withFormParam("scope", equalTo("orders/read"))
					.withFormParam("client_id", equalTo(CLIENT_ID))
					.withFormParam("client_secret", equalTo(CLIENT_SECRET)));
	}

	@Test
	void omitsScopeWhenNoneIsConfigured() {
		stubToken(okJson(tokenJson(3600)));
		client(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, List.of()).fetchToken();
		cognito.verify(1, postRequestedFor(urlEqualTo("/oauth2/token"))
			.withRequestBody(equalTo("grant_type=client_credentials")));
	}

	@Test
	void sendsClientMetadataAsAFormEncodedJsonObjectWithBasicAuthentication() {
		stubToken(okJson(tokenJson(3600)));
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("tenant", "acme");
		metadata.put("env", "prod eu");
		client(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, List.of("orders/read"), metadata).fetchToken();
		// keys sorted, the JSON form-encoded as the value of aws_client_metadata
		cognito.verify(1,
				postRequestedFor(urlEqualTo("/oauth2/token")).withHeader("Authorization", containing("Basic "))
					.withRequestBody(equalTo("grant_type=client_credentials&scope=orders%2Fread"
							+ "&aws_client_metadata=%7B%22env%22%3A%22prod+eu%22%2C%22tenant%22%3A%22acme%22%7D")));
		assertThat(sentClientMetadata()).isEqualTo(metadata);
	}

	@Test
	void sendsClientMetadataNextToTheCredentialsWithClientSecretPost() {
		stubToken(okJson(tokenJson(3600)));
		Map<String, String> metadata = Map.of("tenant", "acme");
		client(ClientAuthenticationMethod.CLIENT_SECRET_POST, List.of(), metadata).fetchToken();
		cognito.verify(1, postRequestedFor(urlEqualTo("/oauth2/token")).withHeader("Authorization", absent()));
		Map<String, String> fields = sentFormFields();
		assertThat(fields).containsOnlyKeys("grant_type", "aws_client_metadata", "client_id", "client_secret")
			.containsEntry("grant_type", "client_credentials")
			.containsEntry("aws_client_metadata", "{\"tenant\":\"acme\"}")
			.containsEntry("client_id", CLIENT_ID)
			.containsEntry("client_secret", CLIENT_SECRET);
		assertThat(sentClientMetadata()).isEqualTo(metadata);
	}

	@ParameterizedTest
	@EnumSource(ClientAuthenticationMethod.class)
	void clientMetadataIsEscapedAsJsonAndFormEncoded(ClientAuthenticationMethod method) {
		stubToken(okJson(tokenJson(3600)));
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("quotes", "say \"hi\" \\ bye /");
		metadata.put("controls", "a\nb\tc\u0001\u001f\u007f");
		metadata.put("city", "Z\u00fcrich");
		metadata.put("gr\u00f6\u00dfe", "\u65e5\u672c");
		metadata.put("emoji", "\ud83d\ude00");
		metadata.put("form", "a&b=c+d%e f;g");
		metadata.put("empty", "");
		client(method, List.of("orders/read"), metadata).fetchToken();
		String json = sentFormFields().get("aws_client_metadata");
		// JSON escapes (RFC 8259), every non-ASCII character as an escape
		assertThat(json).isEqualTo("{\"city\":\"Z\\u00FCrich\",\"controls\":\"a\\nb\\tc\\u0001\\u001F\u007f\","
				+ "\"emoji\":\"\\uD83D\\uDE00\",\"empty\":\"\",\"form\":\"a&b=c+d%e f;g\","
				+ "\"gr\\u00F6\\u00DFe\":\"\\u65E5\\u672C\",\"quotes\":\"say \\\"hi\\\" \\\\ bye /\"}");
		assertThat(json.chars().allMatch((c) -> c >= 0x20 && c <= 0x7f)).as("only printable ASCII and DEL").isTrue();
		assertThat(sentClientMetadata()).isEqualTo(metadata);
	}

	@Test
	void omitsClientMetadataWhenThereIsNone() {
		stubToken(okJson(tokenJson(3600)));
		client(ClientAuthenticationMethod.CLIENT_SECRET_POST, List.of("orders/read"), Map.of()).fetchToken();
		assertThat(sentFormFields()).containsOnlyKeys("grant_type", "scope", "client_id", "client_secret");
		cognito.verify(1, postRequestedFor(urlEqualTo("/oauth2/token")).withFormParam("aws_client_metadata", absent()));
	}

	@Test
	void expiryIsComputedFromExpiresInAndTheTimeTheResponseArrived() {
		stubToken(okJson("{\"access_token\":\"" + TOKEN
				+ "\",\"expires_in\":3600,\"token_type\":\"Bearer\",\"scope\":\"orders/read\"}"));
		CognitoAccessToken token = client().fetchToken();
		assertThat(token.getValue()).isEqualTo(TOKEN);
		assertThat(token.getIssuedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
		assertThat(token.getExpiresAt()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
	}

	@Test
	void expiryFallsBackToTheJwtExpClaimWithoutExpiresIn() {
		long exp = Instant.parse("2026-03-01T10:30:00Z").getEpochSecond();
		String jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0." + Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("{\"sub\":\"" + CLIENT_ID + "\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8))
				+ ".c2lnbmF0dXJl";
		stubToken(okJson("{\"access_token\":\"" + jwt + "\",\"token_type\":\"Bearer\"}"));
		assertThat(client().fetchToken().getExpiresAt()).isEqualTo(Instant.parse("2026-03-01T10:30:00Z"));
	}

	@Test
	void responseWithoutExpiresInOrJwtExpIsAnError() {
		stubToken(okJson("{\"access_token\":\"opaque-token\",\"token_type\":\"Bearer\"}"));
		assertThat(fetchFailure()).satisfies((ex) -> {
			assertThat(ex.getKind()).isEqualTo(Kind.INVALID_RESPONSE);
			assertThat(ex.getMessage())
				.contains("has no expires_in and the access token is not a JWT with an exp claim");
		});
	}

	@Test
	void invalidClientOn400IsATerminalOAuth2Error() {
		stubToken(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json;charset=UTF-8")
			.withBody("{\"error\":\"invalid_client\"}"));
		CognitoTokenException ex = fetchFailure();
		assertThat(ex.getKind()).isEqualTo(Kind.OAUTH2_ERROR);
		assertThat(ex.getErrorCode()).isEqualTo("invalid_client");
		assertThat(ex.getHttpStatus()).isEqualTo(400);
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getErrorTag()).isEqualTo("invalid_client");
		assertThat(ex.getMessage()).isEqualTo("Cognito token endpoint " + endpoint()
				+ " rejected the token request with 'invalid_client' (HTTP 400). The client id or client secret is "
				+ "wrong, or the app client expects the other client authentication method (client_secret_basic or "
				+ "client_secret_post) [client 1exa...]");
	}

	@Test
	void invalidClientOn401WithDescriptionKeepsTheDescription() {
		stubToken(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"));
		CognitoTokenException ex = fetchFailure();
		assertThat(ex.getErrorCode()).isEqualTo("invalid_client");
		assertThat(ex.getHttpStatus()).isEqualTo(401);
		assertThat(ex.getMessage()).contains("'invalid_client' (HTTP 401): Client authentication failed.");
	}

	@Test
	void eachCognitoErrorCodeIsReportedWithItsCodeAndNotRetryable() {
		for (String code : List.of("invalid_request", "invalid_client", "invalid_grant", "unauthorized_client",
				"unsupported_grant_type", "invalid_scope")) {
			stubToken(aResponse().withStatus(400).withBody("{\"error\":\"" + code + "\"}"));
			CognitoTokenException ex = fetchFailure();
			assertThat(ex.getErrorCode()).isEqualTo(code);
			assertThat(ex.isRetryable()).as(code).isFalse();
			assertThat(ex.getMessage()).contains("'" + code + "' (HTTP 400)");
		}
	}

	@Test
	void serverErrorsAreRetryableHttpErrorsThatNameTheStatus() {
		for (int status : List.of(500, 502, 503, 504, 429)) {
			stubToken(
					aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody("<html>x</html>"));
			CognitoTokenException ex = fetchFailure();
			assertThat(ex.getKind()).isEqualTo(Kind.HTTP_ERROR);
			assertThat(ex.getHttpStatus()).isEqualTo(status);
			assertThat(ex.isRetryable()).isTrue();
			assertThat(ex.getErrorTag()).isEqualTo("http_" + status);
			assertThat(ex.getMessage())
				.contains("answered HTTP " + status + " without an OAuth2 error (text/html, 14 bytes)");
		}
	}

	@Test
	void retryAfterInSecondsOrAsADateIsKept() {
		stubToken(aResponse().withStatus(429).withHeader("Retry-After", "7"));
		assertThat(fetchFailure().getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
		stubToken(aResponse().withStatus(503).withHeader("Retry-After", "Sun, 01 Mar 2026 10:02:00 GMT"));
		assertThat(fetchFailure().getRetryAfter()).isEqualTo(Duration.ofMinutes(2));
		stubToken(aResponse().withStatus(503));
		assertThat(fetchFailure().getRetryAfter()).isNull();
	}

	@Test
	void notFoundPointsAtTheTokenEndpointUrl() {
		stubToken(aResponse().withStatus(404));
		CognitoTokenException ex = fetchFailure();
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage()).contains("answered HTTP 404 without an OAuth2 error (empty body)")
			.contains("Check the token endpoint URL");
	}

	@Test
	void badRequestWithoutJsonIsAnHttpError() {
		stubToken(aResponse().withStatus(400).withHeader("Content-Type", "text/plain").withBody("Bad Request"));
		CognitoTokenException ex = fetchFailure();
		assertThat(ex.getKind()).isEqualTo(Kind.HTTP_ERROR);
		assertThat(ex.getErrorCode()).isNull();
		assertThat(ex.getHttpStatus()).isEqualTo(400);
	}

	@Test
	void htmlPageWithStatus200IsAnInvalidResponse() {
		stubToken(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>login</html>"));
		CognitoTokenException ex = fetchFailure();
		assertThat(ex.getKind()).isEqualTo(Kind.INVALID_RESPONSE);
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getMessage())
			.contains("answered HTTP 200 with a body that is not a JSON object (text/html, 18 bytes)");
	}

	@Test
	void emptyAndMalformedBodiesAreInvalidResponses() {
		stubToken(aResponse().withStatus(200));
		assertThat(fetchFailure().getMessage()).contains("not a JSON object (empty body)");
		stubToken(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"access_"));
		assertThat(fetchFailure().getMessage()).contains("not a JSON object (application/json, 9 bytes)");
	}

	@Test
	void missingAccessTokenIsAnInvalidResponse() {
		stubToken(okJson("{\"expires_in\":3600,\"token_type\":\"Bearer\"}"));
		assertThat(fetchFailure().getMessage()).contains("the token response has no access_token");
	}

	@Test
	void nonPositiveOrNonNumericExpiresInIsAnInvalidResponse() {
		stubToken(okJson(tokenJson(0)));
		assertThat(fetchFailure().getMessage()).contains("has a non-positive expires_in (0)");
		stubToken(okJson(tokenJson(-30)));
		assertThat(fetchFailure().getMessage()).contains("has a non-positive expires_in (-30)");
		stubToken(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":\"soon\"}"));
		assertThat(fetchFailure().getMessage()).contains("has an expires_in that is not a whole number of seconds");
		stubToken(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":\"3600\"}"));
		assertThat(client().fetchToken().getExpiresAt()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
	}

	@Test
	void nonBearerTokenTypeIsAnInvalidResponse() {
		stubToken(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":\"mac\"}"));
		assertThat(fetchFailure().getMessage()).contains("has token_type 'mac' instead of 'Bearer'");
	}

	@Test
	void accessTokenWithCharactersOutsideRfc6750B64TokenIsANonRetryableInvalidResponse() {
		// JSON string literals: line breaks that would split the Authorization header, a
		// NUL, a space, a tab, padding in the middle, non-ASCII, a quote
		Map<String, String> tokens = new LinkedHashMap<>();
		tokens.put("eyJhbGciOiJSUzI1NiJ9.e30.sig\\r\\nX-Injected: yes", "a line break at position 28 of 45");
		tokens.put("eyJhbGciOiJSUzI1NiJ9.e30.sig\\nsecond-line", "a line break at position 28");
		tokens.put("eyJhbGciOiJSUzI1NiJ9.e30.sig\\u0000tail", "a control character at position 28");
		tokens.put("eyJhbGciOiJSUzI1NiJ9.e30 sig", "a space at position 24");
		tokens.put("eyJhbGciOiJSUzI1NiJ9\\t.e30.sig", "a control character at position 20");
		tokens.put("eyJhbGciOiJSUzI1NiJ9==.e30.sig", "'.' at position 22");
		tokens.put("=eyJhbGciOiJSUzI1NiJ9.e30.sig", "'=' before the end at position 0");
		tokens.put("eyJhbGciOiJSUzI1NiJ9.e30.s\u00efg", "a non-ASCII character at position 26");
		tokens.put("eyJhbGciOiJSUzI1NiJ9.e30.sig\\\"", "'\"' at position 28");
		tokens.forEach((json, problem) -> {
			stubToken(okJson("{\"access_token\":\"" + json + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"));
			CognitoTokenException ex = fetchFailure();
			assertThat(ex.getKind()).as(json).isEqualTo(Kind.INVALID_RESPONSE);
			assertThat(ex.isRetryable()).as(json).isFalse();
			assertThat(ex.getHttpStatus()).isEqualTo(200);
			assertThat(ex.getMessage()).as(json)
				.contains("the token response has an access_token that contains characters not allowed in a "
						+ "bearer token (RFC 6750 b64token): " + problem)
				.doesNotContain("eyJhbGciOiJSUzI1NiJ9")
				.doesNotContain("sig")
				.doesNotContain("X-Injected");
		});
	}

	@Test
	void accessTokenWithEveryB64TokenCharacterAndTrailingPaddingIsAccepted() {
		String token = "ABCXYZabcxyz0189-._~+/==";
		stubToken(okJson("{\"access_token\":\"" + token + "\",\"expires_in\":3600,\"token_type\":\"bearer\"}"));
		assertThat(client().fetchToken().getValue()).isEqualTo(token);
	}

	@Test
	void accessTokenLongerThan16KiBIsANonRetryableInvalidResponse() {
		String longest = "a".repeat(16 * 1024);
		stubToken(okJson("{\"access_token\":\"" + longest + "\",\"expires_in\":3600}"));
		assertThat(client().fetchToken().getValue()).isEqualTo(longest);
		stubToken(okJson("{\"access_token\":\"" + longest + "b\",\"expires_in\":3600}"));
		CognitoTokenException ex = fetchFailure();
		assertThat(ex.getKind()).isEqualTo(Kind.INVALID_RESPONSE);
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage())
			.contains("the token response has an access_token of 16385 characters, more than the 16384 accepted")
			.doesNotContain("aaaa");
	}

	@Test
	void accessTokenThatIsNotAStringIsANonRetryableInvalidResponse() {
		for (String value : List.of("{}", "{\"value\":\"" + TOKEN + "\"}", "[\"" + TOKEN + "\"]", "42", "true")) {
			stubToken(okJson("{\"access_token\":" + value + ",\"expires_in\":3600,\"token_type\":\"Bearer\"}"));
			CognitoTokenException ex = fetchFailure();
			assertThat(ex.getKind()).as(value).isEqualTo(Kind.INVALID_RESPONSE);
			assertThat(ex.isRetryable()).as(value).isFalse();
			assertThat(ex.getMessage()).as(value)
				.contains("the token response has an access_token that is not a JSON string")
				.doesNotContain(TOKEN);
		}
	}

	@Test
	void tokenTypeThatIsNotAStringIsANonRetryableInvalidResponse() {
		for (String value : List.of("{}", "[\"Bearer\"]", "1", "true")) {
			stubToken(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":" + value + "}"));
			CognitoTokenException ex = fetchFailure();
			assertThat(ex.getKind()).as(value).isEqualTo(Kind.INVALID_RESPONSE);
			assertThat(ex.isRetryable()).as(value).isFalse();
			assertThat(ex.getMessage()).as(value)
				.contains("the token response has a token_type that is not a JSON string")
				.doesNotContain(TOKEN);
		}
	}

	@Test
	void missingOrNullTokenTypeIsAcceptedAsBearer() {
		stubToken(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600}"));
		assertThat(client().fetchToken().getValue()).isEqualTo(TOKEN);
		stubToken(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":null}"));
		assertThat(client().fetchToken().getValue()).isEqualTo(TOKEN);
	}

	@Test
	void duplicateKeysAreANonRetryableInvalidResponse() {
		for (String body : List.of(
				"{\"access_token\":\"" + TOKEN + "\",\"access_token\":\"other\",\"expires_in\":3600}",
				"{\"access_token\":\"" + TOKEN
						+ "\",\"expires_in\":3600,\"token_type\":\"Bearer\",\"token_type\":\"mac\"}",
				"{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"expires_in\":999999}")) {
			stubToken(okJson(body));
			CognitoTokenException ex = fetchFailure();
			assertThat(ex.getKind()).as(body).isEqualTo(Kind.INVALID_RESPONSE);
			assertThat(ex.isRetryable()).as(body).isFalse();
			assertThat(ex.getMessage()).as(body)
				.contains("the token response is a JSON object with a duplicate key")
				.doesNotContain(TOKEN);
		}
	}

	@Test
	void bodyLargerThan64KibIsRejected() {
		stubToken(okJson("{\"access_token\":\"" + "x".repeat(70 * 1024) + "\",\"expires_in\":3600}"));
		CognitoTokenException ex = fetchFailure();
		assertThat(ex.getKind()).isEqualTo(Kind.INVALID_RESPONSE);
		assertThat(ex.getMessage()).contains("with a body larger than 64 KiB");
	}

	@Test
	void largeErrorPageIsMappedByItsStatus() {
		stubToken(aResponse().withStatus(503)
			.withHeader("Content-Type", "text/html")
			.withHeader("Retry-After", "9")
			.withBody("<html>" + "x".repeat(100_000) + "</html>"));
		CognitoTokenException ex = fetchFailure();
		assertThat(ex.getKind()).isEqualTo(Kind.HTTP_ERROR);
		assertThat(ex.getHttpStatus()).isEqualTo(503);
		assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(9));
	}

	@Test
	void implausiblyLongExpiresInIsAnInvalidResponse() {
		stubToken(okJson(tokenJson(Long.MAX_VALUE / 2)));
		assertThat(fetchFailure().getMessage()).contains("more than 366 days");
	}

	@Test
	void responseSlowerThanTheReadTimeoutIsATimeout() {
		stubToken(okJson(tokenJson(3600)).withFixedDelay(2000));
		CognitoTokenException ex = catchThrowableOfType(CognitoTokenException.class,
				() -> client(Duration.ofMillis(300)).fetchToken());
		assertThat(ex.getKind()).isEqualTo(Kind.TIMEOUT);
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getMessage()).contains("did not answer in time");
		assertThat(ex.getCause()).isNotNull();
	}

	@Test
	void connectionResetIsAConnectionFailure() {
		stubToken(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		CognitoTokenException ex = fetchFailure();
		assertThat(ex.getKind()).isEqualTo(Kind.CONNECTION_FAILURE);
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getHttpStatus()).isNull();
	}

	@Test
	void refusedConnectionIsAConnectionFailure() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		URI endpoint = URI.create("http://localhost:" + port + "/oauth2/token");
		TokenEndpointClient client = new TokenEndpointClient(
				registration(endpoint, ClientAuthenticationMethod.CLIENT_SECRET_BASIC, List.of()),
				requestFactory(Duration.ofSeconds(5)), this.clock);
		CognitoTokenException ex = catchThrowableOfType(CognitoTokenException.class, client::fetchToken);
		assertThat(ex.getKind()).isEqualTo(Kind.CONNECTION_FAILURE);
		assertThat(ex.getMessage()).startsWith("Cognito token endpoint " + endpoint + " could not be reached: ");
	}

	@Test
	void neitherSecretNorTokenAppearsInMessagesLogsOrToString(CapturedOutput output) {
		TokenEndpointClient client = client(ClientAuthenticationMethod.CLIENT_SECRET_POST, List.of());
		assertThat(client.toString()).doesNotContain(CLIENT_SECRET).doesNotContain(CLIENT_ID).contains("1exa...");
		for (ResponseDefinitionBuilder response : List.of(
				aResponse().withStatus(400).withBody("{\"error\":\"invalid_client\"}"),
				aResponse().withStatus(200).withBody("{\"access_token\":\"" + TOKEN + "\"}"),
				aResponse().withStatus(200).withBody("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":0}"),
				aResponse().withStatus(200).withBody("{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"x\"}"),
				aResponse().withStatus(500).withBody(CLIENT_SECRET))) {
			stubToken(response);
			CognitoTokenException ex = catchThrowableOfType(CognitoTokenException.class, client::fetchToken);
			assertThat(ex.getMessage()).doesNotContain(CLIENT_SECRET).doesNotContain(TOKEN);
		}
		stubToken(okJson(tokenJson(3600)));
		assertThat(client.fetchToken().toString()).doesNotContain(TOKEN);
		assertThat(output).doesNotContain(CLIENT_SECRET).doesNotContain(TOKEN);
	}

	private CognitoTokenException fetchFailure() {
		CognitoTokenException ex = catchThrowableOfType(CognitoTokenException.class, () -> client().fetchToken());
		assertThat(ex).as("token request should have failed").isNotNull();
		assertThat(ex.getMessage()).doesNotContain(CLIENT_SECRET);
		return ex;
	}

	/**
	 * Decode the form body of the one token request, as a server would: split on
	 * {@code &} and {@code =}, then percent-decode as UTF-8.
	 */
	private static Map<String, String> sentFormFields() {
		List<LoggedRequest> requests = cognito.findAll(postRequestedFor(urlEqualTo("/oauth2/token")));
		assertThat(requests).hasSize(1);
		String body = requests.get(0).getBodyAsString();
		Map<String, String> fields = new LinkedHashMap<>();
		for (String field : body.split("&", -1)) {
			String[] nameAndValue = field.split("=", 2);
			assertThat(nameAndValue).as("form field %s", nameAndValue[0]).hasSize(2);
			String previous = fields.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
					URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
			assertThat(previous).as("repeated form field %s", nameAndValue[0]).isNull();
		}
		return fields;
	}

	private static Map<String, String> sentClientMetadata() {
		String json = sentFormFields().get("aws_client_metadata");
		assertThat(json).as("aws_client_metadata").isNotNull();
		return JsonMapper.builder().build().readValue(json, new TypeReference<Map<String, String>>() {
		});
	}

	private static void stubToken(ResponseDefinitionBuilder response) {
		cognito.resetAll();
		cognito.stubFor(post("/oauth2/token").willReturn(response));
	}

	private static String tokenJson(long expiresIn) {
		return "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}";
	}

	private static URI endpoint() {
		return URI.create(cognito.baseUrl() + "/oauth2/token");
	}

	private TokenEndpointClient client() {
		return client(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, List.of("orders/read"));
	}

	private TokenEndpointClient client(Duration readTimeout) {
		return new TokenEndpointClient(
				registration(endpoint(), ClientAuthenticationMethod.CLIENT_SECRET_BASIC, List.of("orders/read")),
				requestFactory(readTimeout), this.clock);
	}

	private TokenEndpointClient client(ClientAuthenticationMethod method, List<String> scopes) {
		return new TokenEndpointClient(registration(endpoint(), method, scopes), requestFactory(Duration.ofSeconds(5)),
				this.clock);
	}

	private TokenEndpointClient client(ClientAuthenticationMethod method, List<String> scopes,
			Map<String, String> clientMetadata) {
		return new TokenEndpointClient(registration(endpoint(), method, scopes).withClientMetadata(clientMetadata),
				requestFactory(Duration.ofSeconds(5)), this.clock);
	}

	private static CognitoClientRegistration registration(URI endpoint, ClientAuthenticationMethod method,
			List<String> scopes) {
		return new CognitoClientRegistration(CLIENT_ID, CLIENT_SECRET, endpoint, scopes, method);
	}

	private static org.springframework.http.client.ClientHttpRequestFactory requestFactory(Duration readTimeout) {
		return ClientHttpRequestFactoryBuilder.detect()
			.build(HttpClientSettings.defaults().withTimeouts(Duration.ofSeconds(2), readTimeout));
	}

}
