package io.github.cognitotoken.test;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CognitoTestTokenIssuer} and {@link CognitoTestToken}.
 */
class CognitoTestTokenIssuerTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.750Z");

	private static final CognitoTestTokenIssuer issuer = CognitoTestTokenIssuer.create();

	@Test
	void tokenHasCognitosClaimsInCognitosOrderAndNoAudience() {
		CognitoTestToken token = issuer.issue("1example23456789", List.of("orders/read", "orders/write"), NOW,
				Duration.ofHours(1));
		assertThat(token.getClaims().keySet()).containsExactly("sub", "token_use", "scope", "auth_time", "iss", "exp",
				"iat", "version", "jti", "client_id");
		assertThat(token.getClaims()).containsEntry("sub", "1example23456789")
			.containsEntry("client_id", "1example23456789")
			.containsEntry("token_use", "access")
			.containsEntry("scope", "orders/read orders/write")
			.containsEntry("iss", CognitoTestTokenIssuer.DEFAULT_ISSUER)
			.containsEntry("version", 2)
			.containsEntry("iat", 1772359200)
			.containsEntry("auth_time", 1772359200)
			.containsEntry("exp", 1772359200 + 3600)
			.doesNotContainKey("aud");
		assertThat(token.getHeader()).containsExactly(Map.entry("kid", issuer.getKeyId()), Map.entry("alg", "RS256"));
		assertThat(token.getClientId()).isEqualTo("1example23456789");
		assertThat(token.getScopes()).containsExactly("orders/read", "orders/write");
		assertThat(token.getIssuedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
		assertThat(token.getExpiresAt()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
	}

	@Test
	void tokenWithoutScopesHasNoScopeClaim() {
		CognitoTestToken token = issuer.issue("client", List.of(), NOW, Duration.ofMinutes(5));
		assertThat(token.getClaims()).doesNotContainKey("scope");
		assertThat(token.getScopes()).isEmpty();
	}

	@Test
	void everyTokenHasItsOwnId() {
		CognitoTestToken first = issuer.issue("client", List.of(), NOW, Duration.ofMinutes(5));
		CognitoTestToken second = issuer.issue("client", List.of(), NOW, Duration.ofMinutes(5));
		assertThat(first.getJwtId()).isNotEqualTo(second.getJwtId());
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void springSecuritysDecoderValidatesTheTokenWithThePublicKey() {
		CognitoTestToken token = issuer.issue("client", List.of("orders/read"), Instant.now(), Duration.ofMinutes(5));
		Jwt jwt = NimbusJwtDecoder.withPublicKey(issuer.getPublicKey()).build().decode(token.getValue());
		assertThat(jwt.getClaimAsString("client_id")).isEqualTo("client");
		assertThat(jwt.getClaimAsString("scope")).isEqualTo("orders/read");
	}

	@Test
	void jwkSetHasThePublicKeyUnderTheTokensKeyId() throws Exception {
		JwkSet jwkSet = JsonMapper.builder().build().readValue(issuer.getJwkSetJson(), JwkSet.class);
		assertThat(jwkSet.keys()).hasSize(1);
		Map<String, String> key = jwkSet.keys().get(0);
		assertThat(key).containsEntry("kty", "RSA")
			.containsEntry("alg", "RS256")
			.containsEntry("use", "sig")
			.containsEntry("kid", issuer.getKeyId())
			.containsEntry("e", "AQAB")
			.doesNotContainKeys("d", "p", "q");
		byte[] modulus = Base64.getUrlDecoder().decode(key.get("n"));
		assertThat(new BigInteger(1, modulus)).isEqualTo(issuer.getPublicKey().getModulus());
	}

	@Test
	void verifyAcceptsOwnTokensAndRejectsOthersAndTamperedOnes() {
		CognitoTestToken token = issuer.issue("client", List.of("a"), NOW, Duration.ofMinutes(5));
		assertThat(issuer.verify(token.getValue())).isEqualTo(token);
		assertThat(issuer.withIssuer("https://elsewhere").verify(token.getValue())).isEqualTo(token);
		CognitoTestToken foreign = CognitoTestTokenIssuer.create()
			.issue("client", List.of("a"), NOW, Duration.ofMinutes(5));
		assertThatIllegalArgumentException().isThrownBy(() -> issuer.verify(foreign.getValue()))
			.withMessageContaining("not signed by this issuer's key");
		String[] parts = token.getValue().split("\\.", -1);
		CognitoTestToken other = issuer.issue("other", List.of("a"), NOW, Duration.ofMinutes(5));
		String tampered = parts[0] + "." + other.getValue().split("\\.", -1)[1] + "." + parts[2];
		assertThatIllegalArgumentException().isThrownBy(() -> issuer.verify(tampered))
			.withMessageContaining("signature does not verify");
	}

	@Test
	void withIssuerKeepsTheKeyAndChangesTheIssClaim() {
		CognitoTestTokenIssuer other = issuer.withIssuer("http://localhost:8080");
		assertThat(other.getKeyId()).isEqualTo(issuer.getKeyId());
		assertThat(other.issue("client", List.of(), NOW, Duration.ofMinutes(5)).getIssuer())
			.isEqualTo("http://localhost:8080");
	}

	@Test
	void lifetimeShorterThanOneSecondIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> issuer.issue("client", List.of(), NOW, Duration.ofMillis(999)))
			.withMessage("'lifetime' must be at least 1 second");
	}

	@Test
	void decodeReadsAnAuthorizationHeaderAndRejectsWhatIsNotABearerJwt() {
		CognitoTestToken token = issuer.issue("client", List.of(), NOW, Duration.ofMinutes(5));
		assertThat(CognitoTestToken.fromAuthorizationHeader("Bearer " + token.getValue())).isEqualTo(token);
		assertThat(token.getAuthorizationHeaderValue()).isEqualTo("Bearer " + token.getValue());
		assertThatIllegalArgumentException().isThrownBy(() -> CognitoTestToken.fromAuthorizationHeader(null))
			.withMessage("The Authorization header must be 'Bearer <token>'");
		assertThatIllegalArgumentException().isThrownBy(() -> CognitoTestToken.decode("not-a-jwt"))
			.withMessage("'jwt' must have three dot-separated parts");
		assertThatIllegalArgumentException().isThrownBy(() -> CognitoTestToken.decode("a.b.c"))
			.withMessage("The JWT's header are not base64url-encoded JSON");
	}

	@Test
	void toStringShowsNeitherTheTokenNorTheWholeClientId() {
		CognitoTestToken token = issuer.issue("1example23456789", List.of("orders/read"), NOW, Duration.ofMinutes(5));
		assertThat(token.toString()).doesNotContain(token.getValue())
			.doesNotContain(token.getValue().split("\\.", -1)[2])
			.doesNotContain("1example23456789")
			.contains("clientId=1exa...")
			.contains("value=(hidden)");
	}

	record JwkSet(List<Map<String, String>> keys) {

	}

}
