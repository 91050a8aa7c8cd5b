package io.github.cognitotoken.endpoint;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.SSLException;

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
 * <p>
 * The client secret is asked for before each token request, from a
 * {@link #setClientSecretProvider(CognitoClientSecretProvider) secret provider} when one
 * is set and from the registration otherwise, so that a rotated secret is used by the
 * next request. While a rotation is under way (a previous client secret is known), the
 * client secret is sent first, and from the first time Cognito rejected it and accepted
 * the previous one, the one that worked is sent until the secrets change again; when
 * Cognito rejects the secret sent with {@code invalid_client},
 * {@link #switchCredentials(CognitoTokenException)} makes the next fetch, which the
 * {@link io.github.cognitotoken.CognitoTokenManager} sends at once, use the other one.
 * Which secret Cognito accepted is logged at INFO when it changes, never its value.
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

	private final String formParameters;

	private final ObservationRegistry observationRegistry;

	private final RequestDeadline deadline;

	private final TokenResponseReader reader;

	private @Nullable CognitoTokenRequestObservationConvention observationConvention;

	private volatile String clientName = CognitoTokenManagers.DEFAULT;

	private volatile @Nullable CognitoClientSecretProvider secretProvider;

	private final LongAdder issuedTokens = new LongAdder();

	private final Object secretMonitor = new Object();

	// Guarded by secretMonitor: the secrets and the secret of the last request, the
	// secret to send when it is still one of the current secrets, and the last one that
	// worked
	private @Nullable CognitoClientSecrets lastSecrets;

	private @Nullable String lastSentSecret;

	private @Nullable String preferredSecret;

	private @Nullable String lastAcceptedSecret;

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
		StringBuilder parameters = new StringBuilder("grant_type=client_credentials");
		if (!registration.getScopes().isEmpty()) {
			appendParameter(parameters, "scope", String.join(" ", registration.getScopes()));
		}
		if (!registration.getClientMetadata().isEmpty()) {
			appendParameter(parameters, "aws_client_metadata", registration.getClientMetadataJson());
		}
		this.formParameters = parameters.toString();
	}

	private byte[] formBody(String clientSecret) {
		if (this.registration.getAuthenticationMethod() != ClientAuthenticationMethod.CLIENT_SECRET_POST) {
			return this.formParameters.getBytes(StandardCharsets.US_ASCII);
		}
		StringBuilder body = new StringBuilder(this.formParameters);
		appendParameter(body, "client_id", this.registration.getClientId());
		appendParameter(body, "client_secret", clientSecret);
		return body.toString().getBytes(StandardCharsets.US_ASCII);
	}

	private static void appendParameter(StringBuilder body, String name, String value) {
		body.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
	}

	private @Nullable String basicAuthorization(String clientSecret) {
		if (this.registration.getAuthenticationMethod() != ClientAuthenticationMethod.CLIENT_SECRET_BASIC) {
			return null;
		}
		// RFC 6749 2.3.1: form-encode the id and secret before Base64
		String credentials = URLEncoder.encode(this.registration.getClientId(), StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
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
	 * Set where the client secret comes from before each token request, before the first
	 * one.
	 * @param secretProvider the provider, or {@code null} for the registration's secrets
	 * @since 0.1.0
	 */
	public void setClientSecretProvider(@Nullable CognitoClientSecretProvider secretProvider) {
		this.secretProvider = secretProvider;
	}

	/**
	 * Set the name of the client, which the secret provider receives and observations
	 * carry as their {@code client} key value, before the first token request.
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
	 * @since 0.1.0
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * Return how many tokens the token endpoint issued to this client since it was
	 * created: the successful token responses, which is what Cognito bills.
	 * @return the number of successful token responses
	 * @since 0.1.0
	 */
	public long getIssuedTokenCount() {
		return this.issuedTokens.sum();
	}

	/**
	 * Switch to the other client secret when Cognito rejected the one just sent with
	 * {@code invalid_client} and a previous client secret is known, so that the next
	 * fetch sends the other one.
	 * @param failure the failure of the last fetch
	 * @return whether the next fetch sends another secret
	 */
	@Override
	public boolean switchCredentials(CognitoTokenException failure) {
		if (!"invalid_client".equals(failure.getErrorCode())) {
			return false;
		}
		String rejected;
		String other;
		CognitoClientSecrets secrets;
		synchronized (this.secretMonitor) {
			secrets = this.lastSecrets;
			rejected = this.lastSentSecret;
			if (secrets == null || rejected == null) {
				return false;
			}
			other = rejected.equals(secrets.getClientSecret()) ? secrets.getPreviousClientSecret()
					: secrets.getClientSecret();
			if (other == null) {
				return false;
			}
			this.preferredSecret = other;
		}
		logger.info("The Cognito token endpoint rejected the " + role(rejected, secrets) + " of client '"
				+ this.clientName + "' (" + this.registration.getClientIdPrefix() + ") with invalid_client: trying the "
				+ role(other, secrets) + " at once");
		return true;
	}

	private static String role(String secret, CognitoClientSecrets secrets) {
		return secret.equals(secrets.getPreviousClientSecret()) ? "previous client secret (previous-client-secret)"
				: "client secret (client-secret)";
	}

	@Override
	public CognitoAccessToken fetchToken() {
		CognitoClientSecrets secrets = currentSecrets();
		String secret;
		synchronized (this.secretMonitor) {
			if (!secrets.isSameAs(this.lastSecrets)) {
				// new secrets, such as a rotation rolled out: send the client secret
				// first
				this.preferredSecret = null;
			}
			String preferred = this.preferredSecret;
			secret = (preferred != null && (preferred.equals(secrets.getClientSecret())
					|| preferred.equals(secrets.getPreviousClientSecret()))) ? preferred : secrets.getClientSecret();
			this.lastSecrets = secrets;
			this.lastSentSecret = secret;
		}
		CognitoAccessToken token = observedRequest(secret);
		this.issuedTokens.increment();
		accepted(secret, secrets);
		return token;
	}

	private CognitoClientSecrets currentSecrets() {
		CognitoClientSecretProvider provider = this.secretProvider;
		if (provider == null) {
			return this.registration.getSecrets();
		}
		CognitoClientSecrets secrets;
		try {
			secrets = provider.getSecrets(this.clientName);
		}
		catch (RuntimeException ex) {
			throw CognitoTokenException.unexpected("The client secret provider of client '" + this.clientName + "' ("
					+ this.registration.getClientIdPrefix() + ") failed with " + ex.getClass().getName(), ex);
		}
		if (secrets == null) {
			throw CognitoTokenException.unexpected(
					"The client secret provider of client '" + this.clientName + "' ("
							+ this.registration.getClientIdPrefix() + ") returned no secret",
					new IllegalStateException("No client secret"));
		}
		return secrets;
	}

	private void accepted(String secret, CognitoClientSecrets secrets) {
		boolean changed;
		synchronized (this.secretMonitor) {
			String last = this.lastAcceptedSecret;
			changed = (last != null) ? !last.equals(secret) : secret.equals(secrets.getPreviousClientSecret());
			this.lastAcceptedSecret = secret;
			this.preferredSecret = secret;
		}
		if (changed) {
			logger.info("The Cognito token endpoint accepted the " + role(secret, secrets) + " of client '"
					+ this.clientName + "' (" + this.registration.getClientIdPrefix() + "); it is sent from now on");
		}
	}

	private CognitoAccessToken observedRequest(String clientSecret) {
		CognitoTokenRequestObservationContext context = new CognitoTokenRequestObservationContext(this.registration,
				this.clientName);
		Observation observation = Observation
			.createNotStarted(this.observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> context,
					this.observationRegistry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			CognitoAccessToken token = requestToken(clientSecret);
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

	private CognitoAccessToken requestToken(String clientSecret) {
		URI endpoint = this.registration.getTokenEndpoint();
		byte[] requestBody = formBody(clientSecret);
		String basicAuthorization = basicAuthorization(clientSecret);
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
					if (basicAuthorization != null) {
						requestHeaders.set(HttpHeaders.AUTHORIZATION, basicAuthorization);
					}
					requestHeaders.setContentLength(requestBody.length);
					request.getBody().write(requestBody);
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
		return CognitoTokenException
			.connectionFailure(
					this.reader.failureMessage("could not be reached: "
							+ connectionProblem(ex, this.registration.getTokenEndpoint()) + " (" + causes(ex) + ")"),
					ex);
	}

	/**
	 * Say in words what kept the request from reaching the token endpoint: HTTP clients
	 * wrap the same few failures differently (the JDK client's {@code ConnectException}
	 * has no message; the reason is in its cause).
	 * @param ex the failure
	 * @param endpoint the token endpoint
	 * @return the problem
	 */
	static String connectionProblem(Throwable ex, URI endpoint) {
		String host = endpoint.getHost();
		int port = (endpoint.getPort() != -1) ? endpoint.getPort() : ("https".equals(endpoint.getScheme()) ? 443 : 80);
		boolean connect = false;
		int depth = 0;
		for (Throwable candidate = ex; candidate != null && depth < 32; candidate = candidate.getCause(), depth++) {
			String type = candidate.getClass().getName();
			if (candidate instanceof UnknownHostException
					|| type.equals("java.nio.channels.UnresolvedAddressException")) {
				return "the host name " + host + " could not be resolved (unknown host: check the name and DNS)";
			}
			if (candidate instanceof SSLException) {
				return "the TLS handshake with " + host + ":" + port + " failed (" + printableMessage(candidate)
						+ "): check the endpoint's certificate and the trust store";
			}
			if (candidate instanceof NoRouteToHostException) {
				return "no route to " + host + ":" + port + " (a firewall or the network is in the way)";
			}
			connect |= candidate instanceof ConnectException;
			String message = candidate.getMessage();
			if (message != null && message.toLowerCase(Locale.ROOT).contains("refused")) {
				return "the connection to " + host + ":" + port
						+ " was refused (nothing listens on that port, or the host is wrong)";
			}
		}
		return connect
				? "the connection to " + host + ":" + port
						+ " could not be made (refused, or nothing answers on that port)"
				: "the exchange with " + host + ":" + port + " failed";
	}

	/**
	 * The failure's chain of types and messages, at most a few, each shortened.
	 */
	private static String causes(Throwable ex) {
		StringBuilder chain = new StringBuilder();
		int depth = 0;
		for (Throwable candidate = ex; candidate != null && depth < 4; candidate = candidate.getCause(), depth++) {
			if (depth > 0) {
				chain.append(", caused by ");
			}
			chain.append(candidate.getClass().getName());
			if (candidate.getMessage() != null) {
				chain.append(": ").append(printableMessage(candidate));
			}
		}
		return chain.toString();
	}

	private static String printableMessage(Throwable ex) {
		return TokenResponseReader.printable(String.valueOf(ex.getMessage()), 160);
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
