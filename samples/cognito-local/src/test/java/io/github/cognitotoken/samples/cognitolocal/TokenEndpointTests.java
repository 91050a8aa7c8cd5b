package io.github.cognitotoken.samples.cognitolocal;

import java.time.Duration;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.cognitotoken.samples.cognitolocal.TestHttpClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@code POST /oauth2/token}, {@code /.well-known/jwks.json} and
 * {@code /admin/token-requests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenEndpointTests extends AbstractIntegrationTests {

	@Test
	void clientSecretBasicGetsACognitoShapedTokenResponse() throws Exception {
		Response response = this.http.postTokenForm(
				(headers) -> headers.set("Authorization", TestHttpClient.basic(CLIENT_ID, CLIENT_SECRET)), "grant_type",
				"client_credentials", "scope", "orders/read");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.headers().getContentType()).isNotNull()
			.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue());
		assertThat(response.headers().getCacheControl()).isEqualTo("no-store");
		Map<String, Object> body = response.json();
		assertThat(body).containsOnlyKeys("access_token", "expires_in", "token_type");
		assertThat(body).containsEntry("expires_in", 120).containsEntry("token_type", "Bearer");
		assertCognitoAccessToken((String) body.get("access_token"), CLIENT_ID, "orders/read");
	}

	@Test
	void clientSecretPostGetsATokenWithAllAllowedScopesWhenNoScopeIsRequested() throws Exception {
		Response response = this.http.postTokenForm((headers) -> {
		}, "grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET);
		assertThat(response.status()).isEqualTo(200);
		assertCognitoAccessToken((String) response.json().get("access_token"), CLIENT_ID, "orders/read orders/write");
	}

	@Test
	void clientSecretBasicDecodesUrlEncodedClientIdAndSecret() throws Exception {
		String clientId = "special:client/ü";
		Response response = this.http.postTokenForm(
				(headers) -> headers.set("Authorization", TestHttpClient.basic(clientId, "p@ss:w+rd&= %")),
				"grant_type", "client_credentials");
		assertThat(response.status()).isEqualTo(200);
		assertCognitoAccessToken((String) response.json().get("access_token"), clientId, "orders/read");
	}

	@Test
	void requestedScopesAreGrantedInTheOrderRequested() throws Exception {
		String token = accessToken("orders/write", "orders/read");
		assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("scope"))
			.isEqualTo("orders/write orders/read");
	}

	@Test
	void clientMetadataIsCopiedIntoTheClientMetadataClaim(CapturedOutput output) throws Exception {
		// escaped and raw non-ASCII characters, as a JSON writer may send either
		String metadata = "{\"tenant\":\"acme-tenant-value\",\"city\":\"Z\\u00FCrich\",\"note\":\"say \\\"hi\\\" \\\\o/\","
				+ "\"lang\":\"\u65e5\u672c\"}";
		Response response = this.http.postTokenForm(
				(headers) -> headers.set("Authorization", TestHttpClient.basic(CLIENT_ID, CLIENT_SECRET)), "grant_type",
				"client_credentials", "scope", "orders/read", "aws_client_metadata", metadata);
		assertThat(response.status()).isEqualTo(200);
		String token = (String) response.json().get("access_token");
		JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
		assertThat(claims.getJSONObjectClaim("client_metadata")).isEqualTo(Map.of("tenant", "acme-tenant-value", "city",
				"Z\u00fcrich", "note", "say \"hi\" \\o/", "lang", "\u65e5\u672c"));
		assertThat(claims.getClaims().keySet()).containsExactlyInAnyOrder("sub", "token_use", "scope", "auth_time",
				"iss", "exp", "iat", "version", "jti", "client_id", "client_metadata");
		assertThat(claims.getStringClaim("client_id")).isEqualTo(CLIENT_ID);
		// the resource server accepts the token with the extra claim
		assertThat(this.http.get("/api/orders", token).status()).isEqualTo(200);
		assertThat(output).contains("client metadata keys [tenant, city, note, lang]")
			.doesNotContain("acme-tenant-value");
	}

	@Test
	void clientMetadataWorksWithClientSecretPost() throws Exception {
		Response response = this.http.postTokenForm((headers) -> {
		}, "grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
				"aws_client_metadata", "{\"tenant\":\"acme\"}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(SignedJWT.parse((String) response.json().get("access_token"))
			.getJWTClaimsSet()
			.getJSONObjectClaim("client_metadata")).isEqualTo(Map.of("tenant", "acme"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "{", "not json", "null", "[]", "[{\"a\":\"b\"}]", "\"tenant\"", "42", "{\"a\":1}",
			"{\"a\":true}", "{\"a\":null}", "{\"a\":{\"b\":\"c\"}}", "{\"a\":[\"b\"]}", "{\"a\":\"b\",\"a\":\"c\"}",
			"{\"a\":\"b\"} {}", "{\"a\":\"b\"}x", "{a:\"b\"}", "{'a':'b'}" })
	void clientMetadataThatIsNotAJsonObjectOfStringsIsRejectedWithInvalidRequest(String metadata) {
		Response response = this.http.postTokenForm(
				(headers) -> headers.set("Authorization", TestHttpClient.basic(CLIENT_ID, CLIENT_SECRET)), "grant_type",
				"client_credentials", "aws_client_metadata", metadata);
		assertError(response, "invalid_request");
	}

	@Test
	void repeatedClientMetadataIsRejectedWithInvalidRequest() {
		Response response = this.http.postTokenForm(
				(headers) -> headers.set("Authorization", TestHttpClient.basic(CLIENT_ID, CLIENT_SECRET)), "grant_type",
				"client_credentials", "aws_client_metadata", "{\"a\":\"b\"}", "aws_client_metadata", "{\"a\":\"c\"}");
		assertError(response, "invalid_request");
	}

	@Test
	void emptyClientMetadataObjectAddsNoClaim() throws Exception {
		Response response = this.http.postTokenForm(
				(headers) -> headers.set("Authorization", TestHttpClient.basic(CLIENT_ID, CLIENT_SECRET)), "grant_type",
				"client_credentials", "aws_client_metadata", "{}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(SignedJWT.parse((String) response.json().get("access_token")).getJWTClaimsSet().getClaims())
			.doesNotContainKey("client_metadata");
	}

	@Test
	void wrongSecretIsRejectedWithInvalidClient() {
		Response response = this.http.postTokenForm(
				(headers) -> headers.set("Authorization", TestHttpClient.basic(CLIENT_ID, "wrong-secret")),
				"grant_type", "client_credentials");
		assertError(response, "invalid_client");
	}

	@Test
	void unknownClientIsRejectedWithInvalidClient() {
		Response response = this.http.postTokenForm((headers) -> {
		}, "grant_type", "client_credentials", "client_id", "unknown-client", "client_secret", CLIENT_SECRET);
		assertError(response, "invalid_client");
	}

	@Test
	void requestWithoutClientCredentialsIsRejectedWithInvalidClient() {
		Response response = this.http.postTokenForm((headers) -> {
		}, "grant_type", "client_credentials", "client_id", CLIENT_ID);
		assertError(response, "invalid_client");
	}

	@Test
	void scopeTheClientMayNotHaveIsRejectedWithInvalidScope() {
		Response response = this.http.postTokenForm(
				(headers) -> headers.set("Authorization", TestHttpClient.basic(CLIENT_ID, CLIENT_SECRET)), "grant_type",
				"client_credentials", "scope", "orders/read orders/delete");
		assertError(response, "invalid_scope");
	}

	@Test
	void otherGrantTypeIsRejectedWithUnsupportedGrantType() {
		Response response = this.http.postTokenForm(
				(headers) -> headers.set("Authorization", TestHttpClient.basic(CLIENT_ID, CLIENT_SECRET)), "grant_type",
				"password", "username", "alice", "password", "x");
		assertError(response, "unsupported_grant_type");
	}

	@Test
	void missingGrantTypeIsRejectedWithInvalidRequest() {
		Response response = this.http.postTokenForm(
				(headers) -> headers.set("Authorization", TestHttpClient.basic(CLIENT_ID, CLIENT_SECRET)), "scope",
				"orders/read");
		assertError(response, "invalid_request");
	}

	@Test
	void repeatedParameterIsRejectedWithInvalidRequest() {
		Response response = this.http.postTokenForm(
				(headers) -> headers.set("Authorization", TestHttpClient.basic(CLIENT_ID, CLIENT_SECRET)), "grant_type",
				"client_credentials", "scope", "orders/read", "scope", "orders/write");
		assertError(response, "invalid_request");
	}

	@Test
	void clientWithoutClientCredentialsPermissionIsRejectedWithUnauthorizedClient() {
		Response response = this.http.postTokenForm(
				(headers) -> headers.set("Authorization",
						TestHttpClient.basic("no-client-credentials", "other-secret")),
				"grant_type", "client_credentials");
		assertError(response, "unauthorized_client");
	}

	@Test
	void requestThatIsNotAFormIsRejectedWith405() {
		Response response = this.http.post("/oauth2/token", MediaType.APPLICATION_JSON,
				(headers) -> headers.set("Authorization", TestHttpClient.basic(CLIENT_ID, CLIENT_SECRET)),
				"{\"grant_type\":\"client_credentials\"}");
		assertThat(response.status()).isEqualTo(405);
	}

	@Test
	void counterCountsIssuedAndFailedTokenRequests() {
		Map<String, Object> before = counts();
		accessToken();
		accessToken("orders/read");
		wrongSecretIsRejectedWithInvalidClient();
		requestThatIsNotAFormIsRejectedWith405();
		Map<String, Object> after = counts();
		assertThat(after).containsOnlyKeys("issued", "failed", "issuedByClient");
		assertThat(((Number) after.get("issued")).longValue() - ((Number) before.get("issued")).longValue())
			.isEqualTo(2);
		assertThat(issuedTo(after, "demo-client") - issuedTo(before, "demo-client")).isEqualTo(2);
		assertThat(((Number) after.get("failed")).longValue() - ((Number) before.get("failed")).longValue())
			.isEqualTo(2);
	}

	@Test
	void counterCanBeReset() {
		accessToken();
		assertThat(this.http.delete("/admin/token-requests")).isEqualTo(204);
		assertThat(counts()).containsEntry("issued", 0)
			.containsEntry("failed", 0)
			.containsEntry("issuedByClient", Map.of());
	}

	@SuppressWarnings("unchecked")
	private static long issuedTo(Map<String, Object> counts, String clientId) {
		Object issued = ((Map<String, Object>) counts.get("issuedByClient")).get(clientId);
		return (issued != null) ? ((Number) issued).longValue() : 0;
	}

	private void assertError(Response response, String error) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json()).isEqualTo(Map.of("error", error));
	}

	private void assertCognitoAccessToken(String token, String clientId, String scope) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(jwt.getHeader().getType()).isNull();
		Response jwksResponse = this.http.get("/.well-known/jwks.json", null);
		assertThat(jwksResponse.status()).isEqualTo(200);
		JWKSet jwks = JWKSet.parse(jwksResponse.body());
		assertThat(jwks.getKeys()).hasSize(1);
		JWK jwk = jwks.getKeys().get(0);
		assertThat(jwk.isPrivate()).isFalse();
		assertThat(jwt.getHeader().getKeyID()).isNotBlank().isEqualTo(jwk.getKeyID());
		assertThat(jwt.verify(new RSASSAVerifier(jwk.toRSAKey()))).as("signature verifies with JWKS key").isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getClaims().keySet()).containsExactlyInAnyOrder("sub", "token_use", "scope", "auth_time",
				"iss", "exp", "iat", "version", "jti", "client_id");
		assertThat(claims.getClaims()).doesNotContainKey("aud");
		assertThat(claims.getIssuer()).isEqualTo(ISSUER);
		assertThat(claims.getSubject()).isEqualTo(clientId);
		assertThat(claims.getStringClaim("client_id")).isEqualTo(clientId);
		assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
		assertThat(claims.getClaim("scope")).isInstanceOf(String.class).isEqualTo(scope);
		assertThat(claims.getLongClaim("version")).isEqualTo(2);
		long now = this.clock.instant().getEpochSecond();
		assertThat(claims.getIssueTime().toInstant().getEpochSecond()).isEqualTo(now);
		assertThat(claims.getLongClaim("auth_time")).isEqualTo(now);
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isEqualTo(Duration.ofMinutes(2));
		assertThat(claims.getJWTID()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
	}

}
