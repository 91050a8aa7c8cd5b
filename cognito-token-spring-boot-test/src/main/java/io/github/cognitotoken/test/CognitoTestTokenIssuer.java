package io.github.cognitotoken.test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Issues access tokens shaped like the ones Amazon Cognito issues to machine-to-machine
 * (client-credentials) app clients, and publishes the key that verifies them.
 * <p>
 * Tokens are JWTs signed RS256 with a 2048-bit RSA key pair that is generated when the
 * issuer is created and exists only in memory. The header has {@code kid}; the claims are
 * Cognito's, in Cognito's order: {@code sub} (the client id), {@code token_use}
 * ({@code access}), {@code scope} (space-separated, left out when there are no scopes),
 * {@code auth_time}, {@code iss}, {@code exp}, {@code iat}, {@code version} ({@code 2}),
 * {@code jti} and {@code client_id}. There is no {@code aud} claim, as with Cognito.
 * <p>
 * A resource server under test can validate the tokens with {@link #getPublicKey()} or
 * the JWK set of {@link #getJwkSetJson()}.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class CognitoTestTokenIssuer {

	/**
	 * The {@code iss} claim unless another is given: the form of a Cognito user pool's
	 * issuer, {@code https://cognito-idp.<region>.amazonaws.com/<user pool id>}.
	 */
	public static final String DEFAULT_ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_example";

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final String issuer;

	private final KeyPair keyPair;

	private final String keyId;

	private final String jwkSetJson;

	private CognitoTestTokenIssuer(String issuer, KeyPair keyPair) {
		this.issuer = issuer;
		this.keyPair = keyPair;
		RSAPublicKey publicKey = (RSAPublicKey) keyPair.getPublic();
		String modulus = BASE64URL.encodeToString(unsigned(publicKey.getModulus()));
		String exponent = BASE64URL.encodeToString(unsigned(publicKey.getPublicExponent()));
		this.keyId = thumbprint(modulus, exponent);
		Map<String, Object> jwk = new LinkedHashMap<>();
		jwk.put("alg", "RS256");
		jwk.put("e", exponent);
		jwk.put("kid", this.keyId);
		jwk.put("kty", "RSA");
		jwk.put("n", modulus);
		jwk.put("use", "sig");
		this.jwkSetJson = jsonMapper.writeValueAsString(Map.of("keys", List.of(jwk)));
	}

	/**
	 * Create an issuer with a new key and the {@link #DEFAULT_ISSUER} as {@code iss}.
	 * @return the issuer
	 */
	public static CognitoTestTokenIssuer create() {
		return create(DEFAULT_ISSUER);
	}

	/**
	 * Create an issuer with a new key.
	 * @param issuer the {@code iss} claim of its tokens, for example
	 * {@code https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123}
	 * @return the issuer
	 */
	public static CognitoTestTokenIssuer create(String issuer) {
		Assert.hasText(issuer, "'issuer' must not be empty");
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return new CognitoTestTokenIssuer(issuer, generator.generateKeyPair());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Unable to generate an RSA key pair", ex);
		}
	}

	/**
	 * Return an issuer that signs with the same key but puts another {@code iss} claim in
	 * its tokens.
	 * @param issuer the {@code iss} claim
	 * @return the issuer
	 */
	public CognitoTestTokenIssuer withIssuer(String issuer) {
		Assert.hasText(issuer, "'issuer' must not be empty");
		return new CognitoTestTokenIssuer(issuer, this.keyPair);
	}

	/**
	 * Return the {@code iss} claim of the tokens.
	 * @return the issuer
	 */
	public String getIssuer() {
		return this.issuer;
	}

	/**
	 * Return the id of the signing key: the {@code kid} header of every token, its RFC
	 * 7638 thumbprint.
	 * @return the key id
	 */
	public String getKeyId() {
		return this.keyId;
	}

	/**
	 * Return the public key that verifies the tokens, for example for
	 * {@code NimbusJwtDecoder.withPublicKey(...)}.
	 * @return the public key
	 */
	public RSAPublicKey getPublicKey() {
		return (RSAPublicKey) this.keyPair.getPublic();
	}

	/**
	 * Return the public JWK set, as Cognito serves it at
	 * {@code <issuer>/.well-known/jwks.json}.
	 * @return the JWK set as JSON
	 */
	public String getJwkSetJson() {
		return this.jwkSetJson;
	}

	/**
	 * Issue a signed access token.
	 * @param clientId the app client id: the {@code client_id} and {@code sub} claims
	 * @param scopes the granted scopes: the space-separated scope claim, left out when
	 * empty
	 * @param issuedAt when the token is issued ({@code iat} and {@code auth_time}, in
	 * whole seconds)
	 * @param lifetime how long the token is valid, at least one second ({@code exp} is
	 * {@code iat} plus its whole seconds)
	 * @return the token
	 */
	public CognitoTestToken issue(String clientId, Collection<String> scopes, Instant issuedAt, Duration lifetime) {
		Assert.hasText(clientId, "'clientId' must not be empty");
		Assert.notNull(scopes, "'scopes' must not be null");
		Assert.noNullElements(scopes, "'scopes' must not contain null elements");
		Assert.notNull(issuedAt, "'issuedAt' must not be null");
		Assert.notNull(lifetime, "'lifetime' must not be null");
		Assert.isTrue(lifetime.toSeconds() >= 1, "'lifetime' must be at least 1 second");
		long iat = issuedAt.getEpochSecond();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", clientId);
		claims.put("token_use", "access");
		if (!scopes.isEmpty()) {
			claims.put("scope", String.join(" ", scopes));
		}
		claims.put("auth_time", iat);
		claims.put("iss", this.issuer);
		claims.put("exp", iat + lifetime.toSeconds());
		claims.put("iat", iat);
		claims.put("version", 2);
		claims.put("jti", UUID.randomUUID().toString());
		claims.put("client_id", clientId);
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("kid", this.keyId);
		header.put("alg", "RS256");
		String signingInput = encode(header) + "." + encode(claims);
		String jwt = signingInput + "." + BASE64URL.encodeToString(sign(signingInput));
		return CognitoTestToken.decode(jwt);
	}

	/**
	 * Decode a token and check that this issuer signed it. Its expiry is not checked, so
	 * that tests which move a clock can still read it.
	 * @param jwt the compact JWT
	 * @return the token
	 * @throws IllegalArgumentException if it is not a JWT that this issuer signed
	 */
	public CognitoTestToken verify(String jwt) {
		CognitoTestToken token = CognitoTestToken.decode(jwt);
		Assert.isTrue("RS256".equals(token.getHeader().get("alg")) && this.keyId.equals(token.getKeyId()),
				"The token was not signed by this issuer's key (alg and kid differ)");
		int lastDot = jwt.lastIndexOf('.');
		try {
			Signature verifier = Signature.getInstance("SHA256withRSA");
			verifier.initVerify(this.keyPair.getPublic());
			verifier.update(jwt.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
			Assert.isTrue(verifier.verify(Base64.getUrlDecoder().decode(jwt.substring(lastDot + 1))),
					"The token's signature does not verify with this issuer's key");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("The token's signature could not be verified", ex);
		}
		return token;
	}

	private byte[] sign(String signingInput) {
		try {
			Signature signer = Signature.getInstance("SHA256withRSA");
			signer.initSign(this.keyPair.getPrivate());
			signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signer.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Unable to sign the token", ex);
		}
	}

	private static String encode(Map<String, Object> json) {
		return BASE64URL.encodeToString(jsonMapper.writeValueAsBytes(json));
	}

	private static byte[] unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		return (bytes.length > 1 && bytes[0] == 0) ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
	}

	private static String thumbprint(String modulus, String exponent) {
		// RFC 7638: the required members in lexicographic order, without whitespace
		String canonical = "{\"e\":\"" + exponent + "\",\"kty\":\"RSA\",\"n\":\"" + modulus + "\"}";
		try {
			return BASE64URL.encodeToString(
					MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "CognitoTestTokenIssuer[issuer=" + this.issuer + ", keyId=" + this.keyId + "]";
	}

}
