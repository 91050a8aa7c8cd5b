package io.github.cognitotoken.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenException.Kind;
import io.github.cognitotoken.CognitoTokenFetcher;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Requests tokens from the Cognito token endpoint with the client-credentials grant.
 * <p>
 * Sends {@code POST} with {@code application/x-www-form-urlencoded}
 * {@code grant_type=client_credentials}, the scopes when there are any, and the client
 * credentials as the registration says ({@code client_secret_basic} or
 * {@code client_secret_post}). Every failure becomes a {@link CognitoTokenException} that
 * names its cause. It uses its own {@link ClientHttpRequestFactory}, never an
 * application's intercepted client, so the token request cannot carry a bearer token.
 * <p>
 * Each request is observed as {@value #OBSERVATION_NAME} through an
 * {@link ObservationRegistry}, with the low-cardinality key values {@code outcome}
 * ({@code success} or {@code failure}) and {@code error.type} (the
 * {@link CognitoTokenException#getErrorTag() error tag} such as {@code invalid_client},
 * {@code http_503} or {@code timeout}; {@code none} on success). With Spring Boot's
 * default meter observation handler this yields a timer of the same name.
 *
 * @author cognito-token contributors
 */
public class TokenEndpointClient implements CognitoTokenFetcher {

	/**
	 * Largest token endpoint response body that is read, in bytes.
	 */
	public static final int MAX_RESPONSE_SIZE = 64 * 1024;

	/**
	 * Name of the observation of each token request.
	 */
	public static final String OBSERVATION_NAME = "cognito.token.requests";

	/**
	 * Longest accepted {@code expires_in}; Cognito's longest access token lifetime is one
	 * day.
	 */
	static final Duration MAX_EXPIRES_IN = Duration.ofDays(366);

	private static final Log logger = LogFactory.getLog(TokenEndpointClient.class);

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final CognitoClientRegistration registration;

	private final ClientHttpRequestFactory requestFactory;

	private final Clock clock;

	private final byte[] requestBody;

	private final @Nullable String basicAuthorization;

	private final ObservationRegistry observationRegistry;

	/**
	 * Create a new client.
	 * @param registration the app client and token endpoint
	 * @param requestFactory the factory of HTTP requests, with the wanted timeouts
	 * @param clock the clock that dates received tokens
	 */
	public TokenEndpointClient(CognitoClientRegistration registration, ClientHttpRequestFactory requestFactory,
			Clock clock) {
		this(registration, requestFactory, clock, ObservationRegistry.NOOP);
	}

	/**
	 * Create a new client that observes its token requests.
	 * @param registration the app client and token endpoint
	 * @param requestFactory the factory of HTTP requests, with the wanted timeouts
	 * @param clock the clock that dates received tokens
	 * @param observationRegistry the registry of the {@value #OBSERVATION_NAME}
	 * observations
	 */
	public TokenEndpointClient(CognitoClientRegistration registration, ClientHttpRequestFactory requestFactory,
			Clock clock, ObservationRegistry observationRegistry) {
		Assert.notNull(registration, "'registration' must not be null");
		Assert.notNull(requestFactory, "'requestFactory' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.registration = registration;
		this.requestFactory = requestFactory;
		this.clock = clock;
		this.observationRegistry = observationRegistry;
		this.requestBody = formBody(registration);
		this.basicAuthorization = (registration
			.getAuthenticationMethod() == ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
					? basicAuthorization(registration) : null;
	}

	private static byte[] formBody(CognitoClientRegistration registration) {
		StringBuilder body = new StringBuilder("grant_type=client_credentials");
		if (!registration.getScopes().isEmpty()) {
			appendParameter(body, "scope", String.join(" ", registration.getScopes()));
		}
		if (registration.getAuthenticationMethod() == ClientAuthenticationMethod.CLIENT_SECRET_POST) {
			appendParameter(body, "client_id", registration.getClientId());
			appendParameter(body, "client_secret", registration.getClientSecret());
		}
		return body.toString().getBytes(StandardCharsets.US_ASCII);
	}

	private static void appendParameter(StringBuilder body, String name, String value) {
		body.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
	}

	private static String basicAuthorization(CognitoClientRegistration registration) {
		// RFC 6749 2.3.1: form-encode the id and secret before Base64
		String credentials = URLEncoder.encode(registration.getClientId(), StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(registration.getClientSecret(), StandardCharsets.UTF_8);
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Return the registration this client requests tokens for.
	 * @return the registration
	 */
	public CognitoClientRegistration getRegistration() {
		return this.registration;
	}

	@Override
	public CognitoAccessToken fetchToken() {
		Observation observation = Observation.createNotStarted(OBSERVATION_NAME, this.observationRegistry)
			.contextualName("cognito token request")
			.highCardinalityKeyValue("server.address", String.valueOf(this.registration.getTokenEndpoint().getHost()))
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			CognitoAccessToken token = requestToken();
			observation.lowCardinalityKeyValue("outcome", "success").lowCardinalityKeyValue("error.type", "none");
			return token;
		}
		catch (RuntimeException ex) {
			String errorType = (ex instanceof CognitoTokenException failure) ? failure.getErrorTag()
					: Kind.UNEXPECTED.tag();
			observation.lowCardinalityKeyValue("outcome", "failure").lowCardinalityKeyValue("error.type", errorType);
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private CognitoAccessToken requestToken() {
		URI endpoint = this.registration.getTokenEndpoint();
		long start = System.nanoTime();
		try {
			ClientHttpRequest request = this.requestFactory.createRequest(endpoint, HttpMethod.POST);
			HttpHeaders headers = request.getHeaders();
			headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
			headers.setAccept(List.of(MediaType.APPLICATION_JSON));
			if (this.basicAuthorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, this.basicAuthorization);
			}
			headers.setContentLength(this.requestBody.length);
			request.getBody().write(this.requestBody);
			try (ClientHttpResponse response = request.execute()) {
				Instant receivedAt = this.clock.instant();
				int status = response.getStatusCode().value();
				byte[] body = readBody(response, status);
				if (logger.isDebugEnabled()) {
					logger.debug("Token request for client " + this.registration.getClientIdPrefix() + " to " + endpoint
							+ " answered HTTP " + status + " in "
							+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
				}
				return handleResponse(status, response.getHeaders(), body, receivedAt);
			}
		}
		catch (IOException ex) {
			throw transportFailure(ex, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	private byte[] readBody(ClientHttpResponse response, int status) throws IOException {
		try (InputStream body = response.getBody()) {
			byte[] bytes = body.readNBytes(MAX_RESPONSE_SIZE + 1);
			if (bytes.length > MAX_RESPONSE_SIZE && status != 200) {
				// an error page: its status says what went wrong, its size does not
				// matter
				return Arrays.copyOf(bytes, MAX_RESPONSE_SIZE);
			}
			if (bytes.length > MAX_RESPONSE_SIZE) {
				throw failure(
						Kind.INVALID_RESPONSE, "answered HTTP " + status + " with a body larger than "
								+ (MAX_RESPONSE_SIZE / 1024) + " KiB, which is not a token response",
						null, status, true, null);
			}
			return bytes;
		}
	}

	private CognitoAccessToken handleResponse(int status, HttpHeaders headers, byte[] body, Instant receivedAt) {
		if (status == 200) {
			return parseToken(headers, body, receivedAt);
		}
		JsonNode json = (status == 400 || status == 401) ? readJson(body) : null;
		JsonNode error = (json != null) ? json.get("error") : null;
		if (error != null && error.isString() && StringUtils.hasText(error.stringValue())) {
			String code = error.stringValue();
			JsonNode description = json.get("error_description");
			StringBuilder message = new StringBuilder("rejected the token request with '").append(code)
				.append("' (HTTP ")
				.append(status)
				.append(")");
			if (description != null && description.isString() && StringUtils.hasText(description.stringValue())) {
				message.append(": ").append(printable(description.stringValue()));
			}
			String hint = OAuth2ErrorHints.hint(code);
			if (hint != null) {
				message.append(". ").append(hint);
			}
			throw failure(Kind.OAUTH2_ERROR, message.toString(), code, status, false, null);
		}
		StringBuilder message = new StringBuilder("answered HTTP ").append(status)
			.append(" without an OAuth2 error (")
			.append(describe(headers, body))
			.append(")");
		if (status == 404 || status == 405) {
			message.append(". Check the token endpoint URL: Cognito's is https://<domain>/oauth2/token");
		}
		boolean retryable = status == 408 || status == 429 || status >= 500;
		throw failure(Kind.HTTP_ERROR, message.toString(), null, status, retryable, retryAfter(headers, receivedAt));
	}

	private CognitoAccessToken parseToken(HttpHeaders headers, byte[] body, Instant receivedAt) {
		JsonNode json = readJson(body);
		if (json == null || !json.isObject()) {
			throw failure(Kind.INVALID_RESPONSE,
					"answered HTTP 200 with a body that is not a JSON object (" + describe(headers, body) + ")", null,
					200, true, null);
		}
		JsonNode accessToken = json.get("access_token");
		if (accessToken == null || !accessToken.isString() || !StringUtils.hasText(accessToken.stringValue())) {
			throw invalidToken("has no access_token");
		}
		JsonNode tokenType = json.get("token_type");
		if (tokenType != null && !tokenType.isNull() && !"bearer".equalsIgnoreCase(tokenType.asString())) {
			throw invalidToken("has token_type '" + printable(tokenType.asString()) + "' instead of 'Bearer'");
		}
		String value = accessToken.stringValue();
		return new CognitoAccessToken(value, receivedAt, expiresAt(json.get("expires_in"), value, receivedAt));
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
		return failure(Kind.INVALID_RESPONSE, "answered HTTP 200 but the token response " + problem, null, 200, false,
				null);
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

	private static String describe(HttpHeaders headers, byte[] body) {
		if (body.length == 0) {
			return "empty body";
		}
		MediaType contentType = headers.getContentType();
		return ((contentType != null) ? contentType.toString() : "no content type") + ", " + body.length + " bytes";
	}

	private @Nullable Duration retryAfter(HttpHeaders headers, Instant now) {
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

	private CognitoTokenException transportFailure(IOException ex, Duration elapsed) {
		if (isTimeout(ex)) {
			return failure(Kind.TIMEOUT, "did not answer in time (gave up after " + elapsed.toMillis() + " ms): " + ex,
					null, null, true, null, ex);
		}
		return failure(Kind.CONNECTION_FAILURE, "could not be reached: " + ex, null, null, true, null, ex);
	}

	private static boolean isTimeout(Throwable ex) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof java.net.SocketTimeoutException
					|| candidate instanceof java.net.http.HttpTimeoutException
					|| candidate instanceof java.util.concurrent.TimeoutException
					|| candidate.getClass().getSimpleName().contains("Timeout")) {
				return true;
			}
		}
		return false;
	}

	private CognitoTokenException failure(Kind kind, String problem, @Nullable String errorCode,
			@Nullable Integer status, boolean retryable, @Nullable Duration retryAfter) {
		return failure(kind, problem, errorCode, status, retryable, retryAfter, null);
	}

	private CognitoTokenException failure(Kind kind, String problem, @Nullable String errorCode,
			@Nullable Integer status, boolean retryable, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		String message = "Cognito token endpoint " + this.registration.getTokenEndpoint() + " " + problem + " [client "
				+ this.registration.getClientIdPrefix() + "]";
		return new CognitoTokenException(kind, message, errorCode, status, retryable, retryAfter, cause);
	}

	private static String printable(String text) {
		String cleaned = text.replaceAll("[\\p{Cntrl}]", " ");
		return (cleaned.length() > 200) ? cleaned.substring(0, 200) + "..." : cleaned;
	}

	@Override
	public String toString() {
		return "TokenEndpointClient[" + this.registration + "]";
	}

}
