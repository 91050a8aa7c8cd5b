package io.github.cognitotoken.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.endpoint.ClientAuthenticationMethod;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.StallingTokenEndpoint;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.github.cognitotoken.http.CognitoBearerTokenInterceptor;
import io.github.cognitotoken.http.TargetHostMatcher;
import io.github.cognitotoken.http.reactive.CognitoBearerTokenExchangeFilterFunction;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which third-party loggers print the client secret, the Basic credentials or the token
 * when they are at TRACE, measured for a token request with each client authentication
 * method and an API call that carries the token, on every HTTP client Spring Boot
 * supports, and for a WebClient with and without {@code log-request-details}. The events
 * are collected in memory (the loggers do not write to the console) and only the names of
 * the loggers that printed something secret are kept: the test asserts the exact list
 * that the documentation states, so it fails when a client starts or stops printing
 * secrets.
 * <p>
 * Not measured here: the JDK {@code HttpClient}'s own log, which only the system property
 * {@code jdk.httpclient.HttpClient.log} turns on, read once per JVM.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThirdPartyLoggingTests {

	private static final String CLIENT_ID = "logclient0123456789abcdef";

	// unreserved characters only: form encoding leaves them as they are
	private static final String SECRET = "LogSecret0123456789abcdefGHIJKLmnop";

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsb2djbGllbnQifQ.LoggedTokenSignature0123456789";

	private static final String BASIC = Base64.getEncoder()
		.encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));

	static final List<String> LOGGERS = List.of("org.apache.hc", "org.eclipse.jetty", "reactor.netty", "io.netty",
			"org.springframework.web", "org.springframework.http", "sun.net.www.protocol.http.HttpURLConnection");

	private static final Map<String, ClientHttpRequestFactoryBuilder<?>> CLIENTS = Map.of("jdk",
			ClientHttpRequestFactoryBuilder.jdk(), "http-components", ClientHttpRequestFactoryBuilder.httpComponents(),
			"jetty", ClientHttpRequestFactoryBuilder.jetty(), "reactor", ClientHttpRequestFactoryBuilder.reactor(),
			"simple", ClientHttpRequestFactoryBuilder.simple());

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	private final List<java.util.logging.Logger> julLoggers = new ArrayList<>();

	private boolean bridgeInstalled;

	@BeforeEach
	void collectThirdPartyLoggersAtTrace() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		this.events.setContext(context);
		this.events.start();
		for (String name : LOGGERS) {
			Logger logger = context.getLogger(name);
			logger.setLevel(Level.TRACE);
			logger.setAdditive(false);
			logger.addAppender(this.events);
		}
		// HttpURLConnection logs through java.util.logging
		if (!SLF4JBridgeHandler.isInstalled()) {
			SLF4JBridgeHandler.install();
			this.bridgeInstalled = true;
		}
		java.util.logging.Logger jul = java.util.logging.Logger
			.getLogger("sun.net.www.protocol.http.HttpURLConnection");
		jul.setLevel(java.util.logging.Level.ALL);
		this.julLoggers.add(jul);
	}

	@AfterEach
	void restoreLoggers() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		for (String name : LOGGERS) {
			Logger logger = context.getLogger(name);
			logger.detachAppender(this.events);
			logger.setAdditive(true);
			logger.setLevel(null);
		}
		this.events.stop();
		this.julLoggers.forEach((jul) -> jul.setLevel(null));
		if (this.bridgeInstalled) {
			SLF4JBridgeHandler.uninstall();
		}
	}

	@Test
	void loggersThatPrintSecretsAtTraceAreTheDocumentedOnes(CapturedOutput output) throws Exception {
		Map<String, Set<String>> findings = new TreeMap<>();
		for (Map.Entry<String, ClientHttpRequestFactoryBuilder<?>> client : CLIENTS.entrySet()) {
			for (ClientAuthenticationMethod method : ClientAuthenticationMethod.values()) {
				try (StallingTokenEndpoint server = StallingTokenEndpoint.answering(TOKEN)) {
					CognitoTokenManager manager = manager(client.getValue(), method, server);
					this.events.list.clear();
					assertThat(manager.getToken()).isEqualTo(TOKEN);
					record(findings, client.getKey() + " token request, " + method.getValue());
					if (method == ClientAuthenticationMethod.CLIENT_SECRET_BASIC) {
						RestClient restClient = RestClient.builder()
							.requestFactory(client.getValue().build(settings()))
							.requestInterceptor(
									new CognitoBearerTokenInterceptor(manager, TargetHostMatcher.anyHost(), false))
							.build();
						this.events.list.clear();
						assertThat(restClient.get().uri(api(server)).retrieve().body(String.class)).isEqualTo("ok");
						record(findings, client.getKey() + " API call");
					}
				}
			}
		}
		for (boolean details : List.of(false, true)) {
			try (StallingTokenEndpoint server = StallingTokenEndpoint.answering(TOKEN)) {
				CognitoTokenManager manager = manager(ClientHttpRequestFactoryBuilder.jdk(),
						ClientAuthenticationMethod.CLIENT_SECRET_BASIC, server);
				manager.getToken();
				WebClient webClient = WebClient.builder()
					.clientConnector(new ReactorClientHttpConnector())
					.exchangeStrategies(ExchangeStrategies.builder()
						.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(details))
						.build())
					.filter(new CognitoBearerTokenExchangeFilterFunction(manager))
					.build();
				this.events.list.clear();
				assertThat(webClient.get().uri(api(server)).retrieve().bodyToMono(String.class).block())
					.isEqualTo("ok");
				record(findings, "WebClient API call, log-request-details=" + details);
			}
		}
		String apacheHeaders = "org.apache.hc.client5.http.headers at DEBUG";
		String apacheWire = "org.apache.hc.client5.http.wire at DEBUG";
		String jettySender = "org.eclipse.jetty.client.transport.HttpSender at DEBUG";
		String jettyGenerator = "org.eclipse.jetty.http.HttpGenerator at DEBUG";
		String urlConnection = "sun.net.www.protocol.http.HttpURLConnection at DEBUG";
		// reactor (wiretap is off) and jdk print nothing; no logger prints the form body
		// of client_secret_post
		assertThat(findings).isEqualTo(Map.of(
				// token request
				"http-components token request, client_secret_basic",
				Set.of(apacheHeaders + " (Basic credentials)", apacheWire + " (token)"),
				"http-components token request, client_secret_post", Set.of(apacheWire + " (token)"),
				"jetty token request, client_secret_basic",
				Set.of(jettySender + " (Basic credentials)", jettyGenerator + " (Basic credentials)"),
				"simple token request, client_secret_basic", Set.of(urlConnection + " (Basic credentials)"),
				// API call with Authorization: Bearer
				"http-components API call", Set.of(apacheHeaders + " (token)"), "jetty API call",
				Set.of(jettySender + " (token)", jettyGenerator + " (token)"), "simple API call",
				Set.of(urlConnection + " (token)"), "WebClient API call, log-request-details=true",
				Set.of("org.springframework.web.reactive.function.client.ExchangeFunctions at TRACE (token)")));
		assertThat(output.getAll()).doesNotContain(SECRET, BASIC, TOKEN);
	}

	private void record(Map<String, Set<String>> findings, String scenario) {
		Set<String> found = new TreeSet<>();
		for (ILoggingEvent event : List.copyOf(this.events.list)) {
			String text = event.getFormattedMessage() + ((event.getThrowableProxy() != null)
					? ThrowableProxyUtil.asString(event.getThrowableProxy()) : "");
			String logger = event.getLoggerName() + " at " + event.getLevel();
			if (text.contains(SECRET)) {
				found.add(logger + " (client secret)");
			}
			if (text.contains(BASIC)) {
				found.add(logger + " (Basic credentials)");
			}
			if (text.contains(TOKEN)) {
				found.add(logger + " (token)");
			}
		}
		if (!found.isEmpty()) {
			findings.put(scenario, found);
		}
	}

	private static CognitoTokenManager manager(ClientHttpRequestFactoryBuilder<?> builder,
			ClientAuthenticationMethod method, StallingTokenEndpoint server) {
		Duration deadline = Duration.ofSeconds(20);
		CognitoClientRegistration registration = new CognitoClientRegistration(CLIENT_ID, SECRET, server.endpoint(),
				List.of(), method);
		TokenEndpointClient client = new TokenEndpointClient(registration,
				CognitoClientFactory.tokenRequestFactory(builder, settings(), deadline), Clock.systemUTC(),
				ObservationRegistry.NOOP, deadline);
		return CognitoTokenManager.builder(client).build();
	}

	private static HttpClientSettings settings() {
		return HttpClientSettings.defaults()
			.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10))
			.withRedirects(HttpRedirects.DONT_FOLLOW);
	}

	private static String api(StallingTokenEndpoint server) {
		return server.endpoint().resolve("/api/orders").toString();
	}

}
