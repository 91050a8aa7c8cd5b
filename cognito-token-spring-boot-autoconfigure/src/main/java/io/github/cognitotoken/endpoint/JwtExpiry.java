package io.github.cognitotoken.endpoint;

import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@code exp} claim of a JWT access token without verifying it: the token comes
 * straight from the token endpoint over TLS, and the claim only decides when to stop
 * using it when the response has no {@code expires_in}.
 *
 * @author cognito-token contributors
 */
final class JwtExpiry {

	private JwtExpiry() {
	}

	static @Nullable Instant read(String token, JsonMapper jsonMapper) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			return null;
		}
		try {
			JsonNode claims = jsonMapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
			JsonNode exp = (claims != null) ? claims.get("exp") : null;
			return (exp != null && exp.isIntegralNumber() && exp.canConvertToLong())
					? Instant.ofEpochSecond(exp.longValue()) : null;
		}
		catch (IllegalArgumentException | JacksonException | java.time.DateTimeException ex) {
			return null;
		}
	}

}
