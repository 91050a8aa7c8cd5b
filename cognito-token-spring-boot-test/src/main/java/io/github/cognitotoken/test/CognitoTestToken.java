package io.github.cognitotoken.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * A decoded Cognito access token, for assertions in tests: the token that a stub or a
 * local token endpoint issued, or the one an {@code Authorization} header carried.
 * Decoding does not verify the signature: use {@link CognitoTestTokenIssuer#verify}.
 * {@link #toString()} never shows the token value.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class CognitoTestToken {

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
	};

	private static final String BEARER = "Bearer ";

	private final String value;

	private final Map<String, Object> header;

	private final Map<String, Object> claims;

	private CognitoTestToken(String value, Map<String, Object> header, Map<String, Object> claims) {
		this.value = value;
		this.header = Collections.unmodifiableMap(header);
		this.claims = Collections.unmodifiableMap(claims);
	}

	/**
	 * Decode a compact JWT without verifying its signature.
	 * @param jwt the token
	 * @return the decoded token
	 * @throws IllegalArgumentException if it is not a JWT with a JSON header and claims
	 */
	public static CognitoTestToken decode(String jwt) {
		Assert.hasText(jwt, "'jwt' must not be empty");
		String[] parts = jwt.split("\\.", -1);
		Assert.isTrue(parts.length == 3, "'jwt' must have three dot-separated parts");
		return new CognitoTestToken(jwt, json(parts[0], "header"), json(parts[1], "claims"));
	}

	/**
	 * Decode the token of an {@code Authorization: Bearer <token>} header value without
	 * verifying its signature.
	 * @param authorizationHeader the header value
	 * @return the decoded token
	 * @throws IllegalArgumentException if the value is not {@code Bearer} followed by a
	 * JWT
	 */
	public static CognitoTestToken fromAuthorizationHeader(@Nullable String authorizationHeader) {
		Assert.isTrue(authorizationHeader != null && authorizationHeader.startsWith(BEARER),
				"The Authorization header must be 'Bearer <token>'");
		return decode(authorizationHeader.substring(BEARER.length()));
	}

	private static Map<String, Object> json(String part, String name) {
		try {
			byte[] bytes = Base64.getUrlDecoder().decode(part);
			return jsonMapper.readValue(new String(bytes, StandardCharsets.UTF_8), JSON_OBJECT);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw new IllegalArgumentException("The JWT's " + name + " are not base64url-encoded JSON");
		}
	}

	/**
	 * Return the compact JWT. Never log it outside tests.
	 * @return the token value
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * Return the value of an {@code Authorization} header that carries the token.
	 * @return {@code Bearer <token>}
	 */
	public String getAuthorizationHeaderValue() {
		return BEARER + this.value;
	}

	/**
	 * Return the JOSE header.
	 * @return the header, unmodifiable
	 */
	public Map<String, Object> getHeader() {
		return this.header;
	}

	/**
	 * Return every claim, as JSON types (strings, numbers, booleans, lists, maps).
	 * @return the claims, unmodifiable, in the token's order
	 */
	public Map<String, Object> getClaims() {
		return this.claims;
	}

	/**
	 * Return the {@code kid} header.
	 * @return the key id, or {@code null}
	 */
	public @Nullable String getKeyId() {
		return stringOrNull(this.header.get("kid"));
	}

	/**
	 * Return the {@code client_id} claim.
	 * @return the app client id, or {@code null}
	 */
	public @Nullable String getClientId() {
		return stringOrNull(this.claims.get("client_id"));
	}

	/**
	 * Return the {@code sub} claim (the client id in a client-credentials token).
	 * @return the subject, or {@code null}
	 */
	public @Nullable String getSubject() {
		return stringOrNull(this.claims.get("sub"));
	}

	/**
	 * Return the scopes of the space-separated {@code scope} claim.
	 * @return the scopes, empty when there is no such claim
	 */
	public List<String> getScopes() {
		String scope = stringOrNull(this.claims.get("scope"));
		return (scope != null && !scope.isBlank()) ? List.of(scope.trim().split("\\s+", -1)) : List.of();
	}

	/**
	 * Return the {@code token_use} claim ({@code access} for an access token).
	 * @return the token use, or {@code null}
	 */
	public @Nullable String getTokenUse() {
		return stringOrNull(this.claims.get("token_use"));
	}

	/**
	 * Return the {@code iss} claim.
	 * @return the issuer, or {@code null}
	 */
	public @Nullable String getIssuer() {
		return stringOrNull(this.claims.get("iss"));
	}

	/**
	 * Return the {@code jti} claim, unique per token.
	 * @return the token id, or {@code null}
	 */
	public @Nullable String getJwtId() {
		return stringOrNull(this.claims.get("jti"));
	}

	/**
	 * Return the {@code iat} claim.
	 * @return when the token was issued, or {@code null}
	 */
	public @Nullable Instant getIssuedAt() {
		return instant("iat");
	}

	/**
	 * Return the {@code exp} claim.
	 * @return when the token expires, or {@code null}
	 */
	public @Nullable Instant getExpiresAt() {
		return instant("exp");
	}

	private @Nullable Instant instant(String claim) {
		return (this.claims.get(claim) instanceof Number seconds) ? Instant.ofEpochSecond(seconds.longValue()) : null;
	}

	private static @Nullable String stringOrNull(@Nullable Object value) {
		return (value instanceof String string) ? string : null;
	}

	@Override
	public String toString() {
		String clientId = getClientId();
		return "CognitoTestToken[clientId="
				+ ((clientId != null) ? CognitoClientRegistration.clientIdPrefix(clientId) : "(none)") + ", scopes="
				+ getScopes() + ", expiresAt=" + getExpiresAt() + ", value=(hidden)]";
	}

	/**
	 * Two tokens are equal when their values are.
	 */
	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof CognitoTestToken token) && this.value.equals(token.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

}
