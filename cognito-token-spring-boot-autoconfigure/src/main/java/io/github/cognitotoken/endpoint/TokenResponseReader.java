package io.github.cognitotoken.endpoint;

import java.time.Duration;
import java.time.Instant;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;

/**
 * Turns a token endpoint response (status, headers and a body of at most
 * {@link TokenEndpointClient#MAX_RESPONSE_SIZE} bytes) into a token or a
 * {@link CognitoTokenException} that says what is wrong without echoing a token or a
 * secret.
 * <p>
 * A 200 response must be one JSON object without duplicate keys, whose
 * {@code access_token} is a string of RFC 6750 {@code b64token} characters of at most
 * {@value #MAX_ACCESS_TOKEN_LENGTH} characters: the value goes into an
 * {@code Authorization} header, where a line break would split the header and a space or
 * a control character is refused by some HTTP clients (with the header, token included,
 * in their exception message). {@code token_type} may be absent (RFC 6749 makes it
 * required, and Cognito always sends {@code Bearer}, but some servers omit it and the
 * token is only ever sent as a bearer token); when present it must be the string
 * {@code Bearer}, in any case.
 *
 * @author cognito-token contributors
 */
final class TokenResponseReader {

	/**
	 * Longest accepted access token, in characters. Cognito's JWTs are 1 to 2 KB; the
	 * bound leaves room for large custom claims and keeps a header line within what
	 * servers accept.
	 */
	static final int MAX_ACCESS_TOKEN_LENGTH = 16 * 1024;

	/**
	 * Longest accepted {@code expires_in}; Cognito's longest access token lifetime is one
	 * day.
	 */
	static final Duration MAX_EXPIRES_IN = Duration.ofDays(366);

	/**
	 * Mapper for token responses and JWT claims: a JSON object with two values for a key
	 * is refused rather than read as its last value.
	 */
	static final JsonMapper jsonMapper = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private static final JsonMapper lenientJsonMapper = JsonMapper.builder().build();

	private final CognitoClientRegistration registration;

	TokenResponseReader(CognitoClientRegistration registration) {
		this.registration = registration;
	}

	CognitoAccessToken read(int status, HttpHeaders headers, byte[] body, Instant receivedAt) {
		if (status == 200) {
			return parseToken(headers, body, receivedAt);
		}
		JsonNode json = (status == 400 || status == 401) ? readJson(body) : null;
		JsonNode error = (json != null) ? json.get("error") : null;
		if (json != null && error != null && error.isString() && StringUtils.hasText(error.stringValue())) {
			String code = error.stringValue();
			JsonNode description = json.get("error_description");
			StringBuilder message = new StringBuilder("rejected the token request with '").append(printable(code))
				.append("' (HTTP ")
				.append(status)
				.append(")");
			if (description != null && description.isString() && StringUtils.hasText(description.stringValue())) {
				message.append(": ").append(printable(description.stringValue()));
			}
			String hint = TokenFailureHints.forErrorCode(code).meaning();
			if (hint != null) {
				message.append(". ").append(hint);
			}
			throw CognitoTokenException.oauth2Error(failureMessage(message.toString()), code, status);
		}
		StringBuilder message = new StringBuilder("answered HTTP ").append(status)
			.append(" without an OAuth2 error (")
			.append(describe(headers, body))
			.append(")");
		String hint = TokenFailureHints.forHttpStatus(status).meaning();
		if (hint != null) {
			message.append(". ").append(hint);
		}
		boolean retryable = status == 408 || status == 429 || status >= 500;
		throw CognitoTokenException.httpError(failureMessage(message.toString()), status, retryable,
				retryAfter(headers, receivedAt));
	}

	private CognitoAccessToken parseToken(HttpHeaders headers, byte[] body, Instant receivedAt) {
		JsonNode json = readJson(body);
		if (json == null || !json.isObject()) {
			if (hasDuplicateKeys(body)) {
				throw invalidToken("is a JSON object with a duplicate key");
			}
			throw CognitoTokenException.invalidResponse(failureMessage(
					"answered HTTP 200 with a body that is not a JSON object (" + describe(headers, body) + ")"), 200,
					true);
		}
		String value = accessToken(json.get("access_token"));
		JsonNode tokenType = json.get("token_type");
		if (tokenType != null && !tokenType.isNull()) {
			if (!tokenType.isString()) {
				throw invalidToken("has a token_type that is not a JSON string");
			}
			if (!"bearer".equalsIgnoreCase(tokenType.stringValue())) {
				throw invalidToken("has token_type '" + printable(tokenType.stringValue()) + "' instead of 'Bearer'");
			}
		}
		return new CognitoAccessToken(value, receivedAt, expiresAt(json.get("expires_in"), value, receivedAt));
	}

	private String accessToken(@Nullable JsonNode accessToken) {
		if (accessToken == null || accessToken.isNull()
				|| (accessToken.isString() && accessToken.stringValue().isEmpty())) {
			throw invalidToken("has no access_token");
		}
		if (!accessToken.isString()) {
			throw invalidToken("has an access_token that is not a JSON string");
		}
		String value = accessToken.stringValue();
		if (value.length() > MAX_ACCESS_TOKEN_LENGTH) {
			throw invalidToken("has an access_token of " + value.length() + " characters, more than the "
					+ MAX_ACCESS_TOKEN_LENGTH + " accepted");
		}
		int invalid = firstInvalidB64TokenCharacter(value);
		if (invalid >= 0) {
			throw invalidToken("has an access_token that contains characters not allowed in a bearer token "
					+ "(RFC 6750 b64token): " + describeCharacter(value.charAt(invalid)) + " at position " + invalid
					+ " of " + value.length());
		}
		return value;
	}

	/**
	 * Return the index of the first character that breaks RFC 6750's
	 * {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}, or
	 * {@code -1} when the whole value matches.
	 * @param value a non-empty value
	 * @return the index of the first invalid character, or {@code -1}
	 */
	static int firstInvalidB64TokenCharacter(String value) {
		int i = 0;
		while (i < value.length() && isB64TokenCharacter(value.charAt(i))) {
			i++;
		}
		if (i == 0) {
			return 0;
		}
		while (i < value.length() && value.charAt(i) == '=') {
			i++;
		}
		return (i < value.length()) ? i : -1;
	}

	private static boolean isB64TokenCharacter(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

	private static String describeCharacter(char c) {
		if (c == '\r' || c == '\n') {
			return "a line break";
		}
		if (Character.isISOControl(c)) {
			return "a control character";
		}
		if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
			return "a space";
		}
		if (c == '=') {
			return "'=' before the end";
		}
		return (c < 128) ? "'" + c + "'" : "a non-ASCII character";
	}

	private Instant expiresAt(@Nullable JsonNode expiresIn, String accessToken, Instant receivedAt) {
		if (expiresIn == null || expiresIn.isNull()) {
			Instant exp = JwtExpiry.read(accessToken, jsonMapper);
			if (exp == null) {
				throw invalidToken("has no expires_in and the access token is not a JWT with an exp claim");
			}
			if (!exp.isAfter(receivedAt)) {
				throw invalidToken(
						"has no expires_in and the access token's exp claim (" + exp + ") is not in the future");
			}
			return exp;
		}
		long seconds;
		if (expiresIn.isIntegralNumber() && expiresIn.canConvertToLong()) {
			seconds = expiresIn.longValue();
		}
		else if (expiresIn.isString() && expiresIn.stringValue().matches("-?\\d{1,18}")) {
			seconds = Long.parseLong(expiresIn.stringValue());
		}
		else {
			throw invalidToken("has an expires_in that is not a whole number of seconds");
		}
		if (seconds <= 0) {
			throw invalidToken("has a non-positive expires_in (" + seconds + ")");
		}
		if (seconds > MAX_EXPIRES_IN.toSeconds()) {
			throw invalidToken(
					"has an expires_in of " + seconds + " seconds, more than " + MAX_EXPIRES_IN.toDays() + " days");
		}
		return receivedAt.plusSeconds(seconds);
	}

	private CognitoTokenException invalidToken(String problem) {
		return CognitoTokenException
			.invalidResponse(failureMessage("answered HTTP 200 but the token response " + problem), 200, false);
	}

	private static @Nullable JsonNode readJson(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			return jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static boolean hasDuplicateKeys(byte[] body) {
		if (body.length == 0) {
			return false;
		}
		try {
			// readable without the duplicate check: the duplicate is what failed
			return lenientJsonMapper.readTree(body).isObject();
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	private static String describe(HttpHeaders headers, byte[] body) {
		if (body.length == 0) {
			return "empty body";
		}
		MediaType contentType;
		try {
			contentType = headers.getContentType();
		}
		catch (IllegalArgumentException ex) {
			return "unreadable content type, " + body.length + " bytes";
		}
		return ((contentType != null) ? printable(contentType.toString()) : "no content type") + ", " + body.length
				+ " bytes";
	}

	private static @Nullable Duration retryAfter(HttpHeaders headers, Instant now) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (!StringUtils.hasText(value)) {
			return null;
		}
		value = value.trim();
		if (value.matches("\\d{1,9}")) {
			return Duration.ofSeconds(Long.parseLong(value));
		}
		try {
			long date = headers.getFirstDate(HttpHeaders.RETRY_AFTER);
			return (date < 0) ? null : max(Duration.between(now, Instant.ofEpochMilli(date)), Duration.ZERO);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	/**
	 * Return the message of a failure: the problem, with the token endpoint and the
	 * client id prefix.
	 * @param problem what went wrong, never a secret or a token
	 * @return the message
	 */
	String failureMessage(String problem) {
		return "Cognito token endpoint " + this.registration.getTokenEndpoint() + " " + problem + " [client "
				+ this.registration.getClientIdPrefix() + "]";
	}

	private static String printable(String text) {
		return printable(text, 200);
	}

	/**
	 * Return the text on one line (control and line-break characters as spaces), cut to
	 * at most the given length followed by "...".
	 * @param text the text
	 * @param maxLength the longest text kept
	 * @return the printable text
	 */
	static String printable(String text, int maxLength) {
		String cleaned = text.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]", " ");
		return (cleaned.length() > maxLength) ? cleaned.substring(0, maxLength) + "..." : cleaned;
	}

}
