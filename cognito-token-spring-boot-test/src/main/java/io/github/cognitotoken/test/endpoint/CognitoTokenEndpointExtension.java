package io.github.cognitotoken.test.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.cognitotoken.test.CognitoTestToken;
import io.github.cognitotoken.test.CognitoTestTokenIssuer;
import io.github.cognitotoken.test.endpoint.TokenEndpointHandler.RegisteredClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * JUnit 5 extension that runs a local token endpoint shaped like Amazon Cognito's, on a
 * free loopback port (WireMock), for tests that exercise the real token requests:
 * <ul>
 * <li>{@code POST /oauth2/token} authenticates the client ({@code client_secret_basic} or
 * {@code client_secret_post}) and answers {@code {"access_token":...,"expires_in":...,
 * "token_type":"Bearer"}} with an RS256-signed JWT carrying Cognito's claims, or
 * Cognito's OAuth2 errors ({@code invalid_client}, {@code invalid_scope},
 * {@code unsupported_grant_type}, {@code invalid_request}; 405 for a body that is not a
 * form);</li>
 * <li>{@code GET /.well-known/jwks.json} serves the key that verifies the tokens, and
 * {@code GET /.well-known/openid-configuration} names it, so a resource server can
 * validate them;</li>
 * <li>scripted answers ({@link #answerNext}, {@link #answerAlways}) make it throttle (429
 * with {@code Retry-After}), fail (5xx, OAuth2 errors, connection resets) or answer
 * slowly;</li>
 * <li>every request is recorded ({@link #tokenRequests()}): the client id, how it
 * authenticated, the form fields without the secret, the requested scopes, the parsed
 * {@code aws_client_metadata}, the answer and the token.</li>
 * </ul>
 * Register it on a static field to share one endpoint per test class (it starts before
 * the Spring application context, so the first token request finds it), or on an instance
 * field for one per test:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static CognitoTokenEndpointExtension cognito = CognitoTokenEndpointExtension.create()
 *     .client("orders-client", "orders-secret", "orders/read");
 *
 * &#64;DynamicPropertySource
 * static void cognitoProperties(DynamicPropertyRegistry registry) {
 *     registry.add("cognito.client.token-endpoint", cognito::tokenEndpoint);
 * }
 * </pre>
 *
 * Scripted answers that were not used are discarded after each test. Recorded requests
 * are kept until {@link #reset()}: the application context, which outlives a test, may
 * have made them.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class CognitoTokenEndpointExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	/**
	 * The path of the token endpoint, as Cognito's.
	 */
	public static final String TOKEN_PATH = "/oauth2/token";

	/**
	 * The path of the JWK set, as Cognito's (relative to the issuer).
	 */
	public static final String JWKS_PATH = "/.well-known/jwks.json";

	private static final String OPENID_CONFIGURATION_PATH = "/.well-known/openid-configuration";

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final Map<String, RegisteredClient> clients = new LinkedHashMap<>();

	private Duration lifetime = Duration.ofHours(1);

	private Clock clock = Clock.systemUTC();

	private @Nullable String issuer;

	private @Nullable CognitoTestTokenIssuer key;

	private @Nullable WireMockServer server;

	private @Nullable TokenEndpointHandler handler;

	private boolean perTest;

	private volatile @Nullable Class<?> startedFor;

	private CognitoTokenEndpointExtension() {
	}

	/**
	 * Create an endpoint that accepts any client id with any secret and grants the scopes
	 * it asks for; {@link #client(String, String, String...)} restricts it.
	 * @return the extension, not started
	 */
	public static CognitoTokenEndpointExtension create() {
		return new CognitoTokenEndpointExtension();
	}

	/**
	 * Register an app client. Once one is registered, only registered clients get tokens:
	 * an unknown client id or a wrong secret gets {@code invalid_client}.
	 * @param clientId the client id
	 * @param clientSecret the client secret
	 * @param scopes the custom scopes enabled on the client: a request for another gets
	 * {@code invalid_scope}, and a request without a scope gets all of them. None: any
	 * scope is granted.
	 * @return this extension
	 */
	public CognitoTokenEndpointExtension client(String clientId, String clientSecret, String... scopes) {
		Assert.hasText(clientId, "'clientId' must not be empty");
		Assert.hasText(clientSecret, "'clientSecret' must not be empty");
		Assert.noNullElements(scopes, "'scopes' must not contain null elements");
		assertNotStarted();
		this.clients.put(clientId, new RegisteredClient(clientSecret, new LinkedHashSet<>(List.of(scopes))));
		return this;
	}

	/**
	 * Set the lifetime of the tokens: {@code expires_in}, and {@code exp} minus
	 * {@code iat}. Cognito's are from 5 minutes to 1 day, 1 hour by default, as here.
	 * @param lifetime the lifetime, at least one second
	 * @return this extension
	 */
	public CognitoTokenEndpointExtension tokenLifetime(Duration lifetime) {
		Assert.notNull(lifetime, "'lifetime' must not be null");
		Assert.isTrue(lifetime.toSeconds() >= 1, "'lifetime' must be at least 1 second");
		assertNotStarted();
		this.lifetime = lifetime;
		return this;
	}

	/**
	 * Set the {@code iss} claim of the tokens. By default it is {@link #baseUrl()}, so
	 * that {@code <issuer>/.well-known/jwks.json} is the JWK set and a resource server
	 * can use the base URL as its issuer URI.
	 * @param issuer the issuer
	 * @return this extension
	 */
	public CognitoTokenEndpointExtension issuer(String issuer) {
		Assert.hasText(issuer, "'issuer' must not be empty");
		assertNotStarted();
		this.issuer = issuer;
		return this;
	}

	/**
	 * Set the clock that dates the tokens ({@code iat}, {@code exp}).
	 * @param clock the clock
	 * @return this extension
	 */
	public CognitoTokenEndpointExtension clock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		assertNotStarted();
		this.clock = clock;
		return this;
	}

	private void assertNotStarted() {
		Assert.state(this.server == null, "Configure the token endpoint before it starts");
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (!isRunning()) {
			start();
			this.startedFor = context.getRequiredTestClass();
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.server == null) {
			this.perTest = true;
			start();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.perTest) {
			stop();
		}
		else if (this.handler != null) {
			this.handler.clearAnswers();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		// a @Nested class inherits the extension: only the class that started it stops it
		Class<?> startedFor = this.startedFor;
		if (startedFor == null || startedFor == context.getRequiredTestClass()) {
			this.startedFor = null;
			stop();
		}
	}

	/**
	 * Start the endpoint on a free loopback port. The extension calls this itself.
	 */
	public synchronized void start() {
		if (this.server != null) {
			return;
		}
		if (this.key == null) {
			this.key = CognitoTestTokenIssuer.create();
		}
		TokenEndpointHandler handler = new TokenEndpointHandler(this.clients, this.lifetime, this.clock);
		WireMockServer server = new WireMockServer(WireMockConfiguration.options()
			.dynamicPort()
			.bindAddress("127.0.0.1")
			.jettyAcceptors(1)
			.notifier(new Slf4jNotifier(false))
			.extensions(handler));
		server.start();
		// the default issuer is the base URL, known once the port is
		String baseUrl = "http://localhost:" + server.port();
		CognitoTestTokenIssuer tokenIssuer = this.key.withIssuer((this.issuer != null) ? this.issuer : baseUrl);
		handler.tokenIssuer(tokenIssuer);
		server.stubFor(WireMock.post(WireMock.urlPathEqualTo(TOKEN_PATH))
			.willReturn(WireMock.aResponse().withTransformers(TokenEndpointHandler.NAME)));
		server.stubFor(WireMock.get(WireMock.urlPathEqualTo(JWKS_PATH))
			.willReturn(WireMock.okForContentType("application/json", tokenIssuer.getJwkSetJson())));
		server.stubFor(WireMock.get(WireMock.urlPathEqualTo(OPENID_CONFIGURATION_PATH))
			.willReturn(WireMock.okForContentType("application/json", openIdConfiguration(tokenIssuer, baseUrl))));
		this.handler = handler;
		this.server = server;
	}

	private static String openIdConfiguration(CognitoTestTokenIssuer tokenIssuer, String baseUrl) {
		Map<String, Object> configuration = new LinkedHashMap<>();
		configuration.put("issuer", tokenIssuer.getIssuer());
		configuration.put("jwks_uri", baseUrl + JWKS_PATH);
		configuration.put("token_endpoint", baseUrl + TOKEN_PATH);
		configuration.put("grant_types_supported", List.of("client_credentials"));
		configuration.put("token_endpoint_auth_methods_supported",
				List.of("client_secret_basic", "client_secret_post"));
		configuration.put("response_types_supported", List.of("token"));
		configuration.put("subject_types_supported", List.of("public"));
		configuration.put("id_token_signing_alg_values_supported", List.of("RS256"));
		return jsonMapper.writeValueAsString(configuration);
	}

	/**
	 * Stop the endpoint. The extension calls this itself.
	 */
	public synchronized void stop() {
		WireMockServer server = this.server;
		this.server = null;
		this.handler = null;
		if (server != null) {
			server.stop();
		}
	}

	/**
	 * Return whether the endpoint is running.
	 * @return whether it is running
	 */
	public synchronized boolean isRunning() {
		return this.server != null;
	}

	private synchronized WireMockServer server() {
		Assert.state(this.server != null, "The token endpoint is not running: register the extension with "
				+ "@RegisterExtension, on a static field to use it from @DynamicPropertySource, or call start()");
		return this.server;
	}

	private synchronized TokenEndpointHandler handler() {
		server();
		return Objects.requireNonNull(this.handler);
	}

	/**
	 * Return the base URL, {@code http://localhost:<port>}.
	 * @return the base URL
	 */
	public String baseUrl() {
		return "http://localhost:" + server().port();
	}

	/**
	 * Return the URL of the token endpoint, for {@code cognito.client.token-endpoint}.
	 * @return {@code http://localhost:<port>/oauth2/token}
	 */
	public String tokenEndpoint() {
		return baseUrl() + TOKEN_PATH;
	}

	/**
	 * Return the URL of the JWK set, for
	 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} or
	 * {@code NimbusJwtDecoder.withJwkSetUri(...)}.
	 * @return {@code http://localhost:<port>/.well-known/jwks.json}
	 */
	public String jwkSetUri() {
		return baseUrl() + JWKS_PATH;
	}

	/**
	 * Return the {@code iss} claim of the tokens.
	 * @return the issuer
	 */
	public String issuer() {
		return handler().tokenIssuer().getIssuer();
	}

	/**
	 * Return what signs the tokens, for its public key.
	 * @return the token issuer
	 */
	public CognitoTestTokenIssuer tokenIssuer() {
		return handler().tokenIssuer();
	}

	/**
	 * Answer the next token requests, of any client, with the given answers in order;
	 * later requests get tokens again. Answers for a client
	 * ({@link #answerNext(String, TokenEndpointAnswer...)}) are used first.
	 * @param answers the answers
	 */
	public void answerNext(TokenEndpointAnswer... answers) {
		Assert.noNullElements(answers, "'answers' must not contain null elements");
		handler().answerNext(null, Arrays.asList(answers));
	}

	/**
	 * Answer the next token requests of one client with the given answers in order.
	 * @param clientId the client id
	 * @param answers the answers
	 */
	public void answerNext(String clientId, TokenEndpointAnswer... answers) {
		Assert.hasText(clientId, "'clientId' must not be empty");
		Assert.noNullElements(answers, "'answers' must not contain null elements");
		handler().answerNext(clientId, Arrays.asList(answers));
	}

	/**
	 * Answer every token request with the given answer once the scripted next answers are
	 * used up, until the end of the test or {@link #reset()}.
	 * @param answer the answer
	 */
	public void answerAlways(TokenEndpointAnswer answer) {
		Assert.notNull(answer, "'answer' must not be null");
		handler().answerAlways(answer);
	}

	/**
	 * Return every token request received since the endpoint started or since
	 * {@link #reset()}, oldest first.
	 * @return the requests
	 */
	public List<TokenRequest> tokenRequests() {
		return handler().requests();
	}

	/**
	 * Return the token requests of one client.
	 * @param clientId the client id
	 * @return the requests, oldest first
	 */
	public List<TokenRequest> tokenRequests(String clientId) {
		return tokenRequests().stream().filter((request) -> clientId.equals(request.getClientId())).toList();
	}

	/**
	 * Return how many token requests one client made.
	 * @param clientId the client id
	 * @return the number of requests, answered or not
	 */
	public int tokenRequestCount(String clientId) {
		return tokenRequests(clientId).size();
	}

	/**
	 * Return how many token requests all clients made.
	 * @return the number of requests
	 */
	public int tokenRequestCount() {
		return tokenRequests().size();
	}

	/**
	 * Return the tokens issued to one client.
	 * @param clientId the client id
	 * @return the tokens, oldest first
	 */
	public List<CognitoTestToken> issuedTokens(String clientId) {
		return tokenRequests(clientId).stream().map(TokenRequest::getToken).filter(Objects::nonNull).toList();
	}

	/**
	 * Return the last token request.
	 * @return the request
	 * @throws IllegalStateException if there was none
	 */
	public TokenRequest lastTokenRequest() {
		List<TokenRequest> requests = tokenRequests();
		Assert.state(!requests.isEmpty(), "The token endpoint has received no token request");
		return requests.get(requests.size() - 1);
	}

	/**
	 * Forget the recorded requests and the scripted answers.
	 */
	public void reset() {
		TokenEndpointHandler handler = handler();
		handler.clearAnswers();
		handler.clearRequests();
	}

	@Override
	public String toString() {
		WireMockServer server = this.server;
		return "CognitoTokenEndpointExtension["
				+ ((server != null) ? "http://localhost:" + server.port() + TOKEN_PATH : "not running") + "]";
	}

}
