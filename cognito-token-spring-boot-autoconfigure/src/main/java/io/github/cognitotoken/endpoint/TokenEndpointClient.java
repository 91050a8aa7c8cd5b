package io.github.cognitotoken.endpoint;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenException.Kind;
import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.CognitoTokenManagers;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;

/**
 * Requests tokens from the Cognito token endpoint with the client-credentials grant.
 * <p>
 * Sends {@code POST} with {@code application/x-www-form-urlencoded}
 * {@code grant_type=client_credentials}, the scopes when there are any, the
 * {@link CognitoClientRegistration#getClientMetadata() client metadata} as the JSON
 * object of {@code aws_client_metadata} when there is any, and the client credentials as
 * the registration says ({@code client_secret_basic} or {@code client_secret_post}).
 * Every failure becomes a {@link CognitoTokenException} that names its cause. It uses its
 * own {@link ClientHttpRequestFactory}, never an application's intercepted client, so the
 * token request cannot carry a bearer token.
 * <p>
 * Every request has a deadline ({@link #DEFAULT_DEADLINE} unless one is given; the
 * auto-configuration uses {@code connect-timeout + read-timeout}) that covers the whole
 * exchange, from connecting to the last byte of the body: the read timeout of most
 * clients applies to each read, so a server that sends one byte a second would otherwise
 * hold the request forever. Past the deadline the connection is aborted (closed, not just
 * abandoned; see {@code RequestAbort} for how, per HTTP client) and the request fails
 * with {@link Kind#TIMEOUT}. A body larger than {@link #MAX_RESPONSE_SIZE} is aborted
 * too, never read to its end.
 * <p>
 * A successful response must be one JSON object, without duplicate keys, whose
 * {@code access_token} is a string of at most 16 KiB made of RFC 6750 {@code b64token}
 * characters ({@code A-Z a-z 0-9 - . _ ~ + /}, then optional {@code =}), since it is sent
 * in an {@code Authorization} header. A missing {@code token_type} is accepted (RFC 6749
 * requires it, Cognito always sends {@code Bearer}, some servers omit it); a present one
 * must be the string {@code Bearer}, in any case. Anything else fails with
 * {@link Kind#INVALID_RESPONSE}, not retryable, with a message that says what is wrong
 * without the value.
 * <p>
 * Each request is observed as {@value #OBSERVATION_NAME} through an
 * {@link ObservationRegistry}, with a {@link CognitoTokenRequestObservationContext} and
 * the key values of a {@link CognitoTokenRequestObservationConvention}: by default
 * ({@link DefaultCognitoTokenRequestObservationConvention}) the low-cardinality
 * {@code outcome} ({@code success} or {@code failure}) and {@code error.type} (the
 * {@link CognitoTokenException#getErrorTag() error tag} such as {@code invalid_client},
 * {@code http_503} or {@code timeout}; {@code none} on success). With Spring Boot's
 * default meter observation handler this yields a timer of the same name.
 *
 * @author cognito-token contributors
 * @since 0.1.0
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
	 * Default deadline of a token request: the sum of the default connect timeout (5
	 * seconds) and read timeout (10 seconds).
	 */
	public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(15);

	/**
	 * Longest accepted {@code expires_in}; Cognito's longest access token lifetime is one
	 * day.
	 */
	static final Duration MAX_EXPIRES_IN = TokenResponseReader.MAX_EXPIRES_IN;

	// Timeouts of the HTTP clients Spring supports, by type: a class name that merely
	// contains "Timeout" proves nothing
	private static final Set<String> TIMEOUT_TYPES = Set.of("java.net.SocketTimeoutException",
			"java.net.http.HttpTimeoutException", "java.util.concurrent.TimeoutException",
			"org.apache.hc.client5.http.ConnectTimeoutException", "io.netty.channel.ConnectTimeoutException",
			"io.netty.handler.timeout.TimeoutException");

	private static final Log logger = LogFactory.getLog(TokenEndpointClient.class);

	private static final CognitoTokenRequestObservationConvention DEFAULT_OBSERVATION_CONVENTION = new DefaultCognitoTokenRequestObservationConvention();

	private final CognitoClientRegistration registration;

	private final ClientHttpRequestFactory requestFactory;

	private final Clock clock;

	private final byte[] requestBody;

	private final @Nullable String basicAuthorization;

	private final ObservationRegistry observationRegistry;

	private final RequestDeadline deadline;

	private final TokenResponseReader reader;

	private @Nullable CognitoTokenRequestObservationConvention observationConvention;

	private String clientName = CognitoTokenManagers.DEFAULT;

	/**
	 * Create a new client with the {@link #DEFAULT_DEADLINE default deadline}.
	 * @param registration the app client and token endpoint
	 * @param requestFactory the factory of HTTP requests, with the wanted timeouts
	 * @param clock the clock that dates received tokens
	 */
	public TokenEndpointClient(CognitoClientRegistration registration, ClientHttpRequestFactory requestFactory,
			Clock clock) {
		this(registration, requestFactory, clock, ObservationRegistry.NOOP);
	}

	/**
	 * Create a new client that observes its token requests, with the
	 * {@link #DEFAULT_DEADLINE default deadline}.
	 * @param registration the app client and token endpoint
	 * @param requestFactory the factory of HTTP requests, with the wanted timeouts
	 * @param clock the clock that dates received tokens
	 * @param observationRegistry the registry of the {@value #OBSERVATION_NAME}
	 * observations
	 */
	public TokenEndpointClient(CognitoClientRegistration registration, ClientHttpRequestFactory requestFactory,
			Clock clock, ObservationRegistry observationRegistry) {
		this(registration, requestFactory, clock, observationRegistry, DEFAULT_DEADLINE);
	}

	/**
	 * Create a new client that observes its token requests and aborts each one that has
	 * not completed within the given deadline.
	 * @param registration the app client and token endpoint
	 * @param requestFactory the factory of HTTP requests, with the wanted timeouts
	 * @param clock the clock that dates received tokens
	 * @param observationRegistry the registry of the {@value #OBSERVATION_NAME}
	 * observations
	 * @param deadline the longest time a token request may take, from connecting to the
	 * end of the response body; usually the connect timeout plus the read timeout
	 * @since 0.1.0
	 */
	public TokenEndpointClient(CognitoClientRegistration registration, ClientHttpRequestFactory requestFactory,
			Clock clock, ObservationRegistry observationRegistry, Duration deadline) {
		Assert.notNull(registration, "'registration' must not be null");
		Assert.notNull(requestFactory, "'requestFactory' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		Assert.isTrue(deadline != null && deadline.toMillis() > 0, "'deadline' must be positive");
		this.registration = registration;
		this.requestFactory = requestFactory;
		this.clock = clock;
		this.observationRegistry = observationRegistry;
		this.deadline = new RequestDeadline(deadline);
		this.reader = new TokenResponseReader(registration);
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
		if (!registration.getClientMetadata().isEmpty()) {
			appendParameter(body, "aws_client_metadata", registration.getClientMetadataJson());
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

	/**
	 * Return the longest time a token request may take before it is aborted.
	 * @return the deadline of a token request
	 */
	public Duration getDeadline() {
		return this.deadline.getDeadline();
	}

	/**
	 * Set the convention that names the {@value #OBSERVATION_NAME} observations and gives
	 * their key values, before the first token request.
	 * @param observationConvention the convention, or {@code null} for the registry's
	 * global convention or else {@link DefaultCognitoTokenRequestObservationConvention}
	 * @since 0.1.0
	 */
	public void setObservationConvention(@Nullable CognitoTokenRequestObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * Set the name of the client, which observations carry as their {@code client} key
	 * value, before the first token request.
	 * @param clientName the client name, {@code default} unless set
	 * @since 0.1.0
	 */
	public void setClientName(String clientName) {
		Assert.hasText(clientName, "'clientName' must not be empty");
		this.clientName = clientName;
	}

	/**
	 * Return the name of the client.
	 * @return the client name
	 */
	public String getClientName() {
		return this.clientName;
	}

	@Override
	public CognitoAccessToken fetchToken() {
		CognitoTokenRequestObservationContext context = new CognitoTokenRequestObservationContext(this.registration,
				this.clientName);
		Observation observation = Observation
			.createNotStarted(this.observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> context,
					this.observationRegistry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			CognitoAccessToken token = requestToken();
			context.setOutcome(CognitoTokenRequestObservationContext.Outcome.SUCCESS);
			return token;
		}
		catch (RuntimeException ex) {
			context.setOutcome(CognitoTokenRequestObservationContext.Outcome.FAILURE);
			if (ex instanceof CognitoTokenException failure) {
				context.setTokenException(failure);
			}
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
		int status;
		HttpHeaders headers;
		byte[] body;
		Instant receivedAt;
		try {
			ClientHttpRequest request = this.requestFactory.createRequest(endpoint, HttpMethod.POST);
			try (RequestDeadline.Exchange exchange = this.deadline.start(request)) {
				try {
					HttpHeaders requestHeaders = request.getHeaders();
					requestHeaders.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
					requestHeaders.setAccept(List.of(MediaType.APPLICATION_JSON));
					if (this.basicAuthorization != null) {
						requestHeaders.set(HttpHeaders.AUTHORIZATION, this.basicAuthorization);
					}
					requestHeaders.setContentLength(this.requestBody.length);
					request.getBody().write(this.requestBody);
					ClientHttpResponse response = request.execute();
					receivedAt = this.clock.instant();
					try {
						status = response.getStatusCode().value();
						headers = HttpHeaders.copyOf(response.getHeaders());
					}
					catch (IOException | RuntimeException ex) {
						// the body was not read: the deadline still bounds this close
						response.close();
						throw ex;
					}
					body = exchange.readBody(response, MAX_RESPONSE_SIZE);
				}
				catch (IOException | RuntimeException ex) {
					if (exchange.hasExpired()) {
						throw deadlinePassed(ex);
					}
					throw ex;
				}
			}
		}
		catch (IOException ex) {
			throw transportFailure(ex, Duration.ofNanos(System.nanoTime() - start));
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Token request for client " + this.registration.getClientIdPrefix() + " to " + endpoint
					+ " answered HTTP " + status + " in " + Duration.ofNanos(System.nanoTime() - start).toMillis()
					+ " ms");
		}
		if (body.length > MAX_RESPONSE_SIZE) {
			if (status == 200) {
				throw CognitoTokenException
					.invalidResponse(
							this.reader.failureMessage("answered HTTP 200 with a body larger than "
									+ (MAX_RESPONSE_SIZE / 1024) + " KiB, which is not a token response"),
							status, true);
			}
			// an error page: its status says what went wrong, its size does not matter
			body = Arrays.copyOf(body, MAX_RESPONSE_SIZE);
		}
		return this.reader.read(status, headers, body, receivedAt);
	}

	private CognitoTokenException deadlinePassed(Exception ex) {
		return CognitoTokenException.timeout(this.reader
			.failureMessage("did not answer in time: the token request was " + "aborted at its deadline of "
					+ this.deadline.getDeadline().toMillis() + " ms (connect timeout + read timeout)"),
				ex);
	}

	private CognitoTokenException transportFailure(IOException ex, Duration elapsed) {
		if (isTimeout(ex)) {
			return CognitoTokenException.timeout(this.reader
				.failureMessage("did not answer in time (gave up after " + elapsed.toMillis() + " ms): " + ex), ex);
		}
		return CognitoTokenException.connectionFailure(this.reader.failureMessage("could not be reached: " + ex), ex);
	}

	/**
	 * Return whether the failure, or one of its causes, is a timeout of one of the HTTP
	 * clients Spring supports, judged by its type (or a supertype).
	 * @param ex the failure
	 * @return whether it is a timeout
	 */
	static boolean isTimeout(Throwable ex) {
		int depth = 0;
		for (Throwable candidate = ex; candidate != null && depth < 32; candidate = candidate.getCause(), depth++) {
			for (Class<?> type = candidate.getClass(); type != null; type = type.getSuperclass()) {
				if (TIMEOUT_TYPES.contains(type.getName())) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return "TokenEndpointClient[" + this.registration + "]";
	}

}
