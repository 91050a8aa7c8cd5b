package io.github.cognitotoken.samples.cognitolocal;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import io.github.cognitotoken.samples.cognitolocal.TestHttpClient.Response;
import io.github.cognitotoken.samples.cognitolocal.token.SigningKey;
import io.github.cognitotoken.samples.cognitolocal.token.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the protected {@code GET /api/orders}.
 */
class OrdersApiTests extends AbstractIntegrationTests {

	@Autowired
	SigningKey signingKey;

	@Test
	void validTokenWithOrdersReadScopeGetsTheOrders() {
		Response response = this.http.get("/api/orders", accessToken("orders/read"));
		assertThat(response.status()).isEqualTo(200);
		List<?> orders = new tools.jackson.databind.json.JsonMapper().readValue(response.body(), List.class);
		assertThat(orders).hasSize(3)
			.first()
			.isEqualTo(Map.of("id", "order-1001", "item", "coffee beans", "quantity", 2, "status", "SHIPPED"));
	}

	@Test
	void requestWithoutTokenIsRejectedWith401() {
		Response response = this.http.get("/api/orders", null);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.headers().getFirst("WWW-Authenticate")).startsWith("Bearer");
	}

	@Test
	void tokenWithoutOrdersReadScopeIsRejectedWith403() {
		Response response = this.http.get("/api/orders", accessToken("orders/write"));
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.headers().getFirst("WWW-Authenticate")).contains("insufficient_scope");
	}

	@Test
	void expiredTokenIsRejectedWith401() {
		String token = accessToken("orders/read");
		assertThat(this.http.get("/api/orders", token).status()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.http.get("/api/orders", token).status()).as("valid up to and including exp").isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(1));
		Response response = this.http.get("/api/orders", token);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.headers().getFirst("WWW-Authenticate")).contains("invalid_token");
	}

	@Test
	void tokenSignedByAnotherKeyIsRejectedWith401() throws Exception {
		String token = TestTokens.signWithForeignKey(this.signingKey, claims().build());
		assertThat(this.http.get("/api/orders", token).status()).isEqualTo(401);
	}

	@Test
	void tokenFromAnotherIssuerIsRejectedWith401() throws Exception {
		String token = TestTokens.signWith(this.signingKey,
				claims().issuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_other").build());
		assertThat(this.http.get("/api/orders", token).status()).isEqualTo(401);
	}

	@Test
	void idTokenIsRejectedWith401() throws Exception {
		String token = TestTokens.signWith(this.signingKey, claims().claim("token_use", "id").build());
		assertThat(this.http.get("/api/orders", token).status()).isEqualTo(401);
	}

	@Test
	void tokenWithoutExpiryIsRejectedWith401() throws Exception {
		String token = TestTokens.signWith(this.signingKey, claims().expirationTime(null).build());
		assertThat(this.http.get("/api/orders", token).status()).isEqualTo(401);
	}

	@Test
	void tokenSignedWithOwnKeyAndValidClaimsIsAccepted() throws Exception {
		String token = TestTokens.signWith(this.signingKey, claims().build());
		assertThat(this.http.get("/api/orders", token).status()).isEqualTo(200);
	}

	private JWTClaimsSet.Builder claims() {
		Instant now = this.clock.instant();
		return new JWTClaimsSet.Builder().subject(CLIENT_ID)
			.claim("token_use", "access")
			.claim("scope", "orders/read")
			.claim("auth_time", now.getEpochSecond())
			.issuer(ISSUER)
			.expirationTime(Date.from(now.plusSeconds(60)))
			.issueTime(Date.from(now))
			.claim("version", 2)
			.jwtID(UUID.randomUUID().toString())
			.claim("client_id", CLIENT_ID);
	}

}
