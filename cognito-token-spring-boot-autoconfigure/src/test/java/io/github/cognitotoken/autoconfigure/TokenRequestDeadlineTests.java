package io.github.cognitotoken.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenException.Kind;
import io.github.cognitotoken.endpoint.ClientAuthenticationMethod;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.StallingTokenEndpoint;
import io.github.cognitotoken.endpoint.StallingTokenEndpoint.Behaviour;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.JettyClientHttpRequestFactory;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A token request has a deadline, connect timeout plus read timeout, on every HTTP client
 * Spring Boot supports, selected explicitly: a token endpoint that trickles its headers
 * or its body, or streams an endless body, fails the request with {@link Kind#TIMEOUT}
 * and sees the connection closed; one that sends 100 MB fails it with
 * {@link Kind#INVALID_RESPONSE} and does not have to send them.
 */
// a request that hangs fails the test instead of the build
@Timeout(value = 120, threadMode = ThreadMode.SEPARATE_THREAD)
class TokenRequestDeadlineTests {

	private static final String SECRET = "deadline-secret-never-shown";

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

	// one byte or chunk every 250 ms never lets a 2 s read timeout fire
	private static final Duration TRICKLE_INTERVAL = Duration.ofMillis(250);

	private static final Duration GENEROUS = Duration.ofSeconds(60);

	static Stream<Arguments> clients() {
		return Stream.of(client("jdk", ClientHttpRequestFactoryBuilder.jdk(), JdkClientHttpRequestFactory.class),
				client("http-components", ClientHttpRequestFactoryBuilder.httpComponents(),
						HttpComponentsClientHttpRequestFactory.class),
				client("jetty", ClientHttpRequestFactoryBuilder.jetty(), JettyClientHttpRequestFactory.class),
				client("reactor", ClientHttpRequestFactoryBuilder.reactor(), ReactorClientHttpRequestFactory.class),
				client("simple", ClientHttpRequestFactoryBuilder.simple(), SimpleClientHttpRequestFactory.class));
	}

	static Stream<Arguments> clientsAndStalls() {
		return clients().flatMap(
				(client) -> Stream.of(Behaviour.TRICKLE_HEADERS, Behaviour.TRICKLE_BODY, Behaviour.ENDLESS_CHUNKED_BODY)
					.map((behaviour) -> Arguments.of(client.get()[0], client.get()[1], behaviour)));
	}

	private static Arguments client(String name, ClientHttpRequestFactoryBuilder<?> builder,
			Class<? extends ClientHttpRequestFactory> type) {
		return Arguments.of(Named.of(name, builder), type);
	}

	@ParameterizedTest(name = "{0} {2}")
	@MethodSource("clientsAndStalls")
	void stalledResponseFailsAsATimeoutAndTheConnectionIsClosed(ClientHttpRequestFactoryBuilder<?> builder,
			Class<? extends ClientHttpRequestFactory> type, Behaviour behaviour) throws Exception {
		try (StallingTokenEndpoint server = new StallingTokenEndpoint(behaviour, TRICKLE_INTERVAL)) {
			TokenEndpointClient client = client(builder, type, server);
			CognitoTokenException ex = catchThrowableOfType(CognitoTokenException.class, client::fetchToken);
			assertThat(ex).as("the token request should fail").isNotNull();
			assertThat(ex.getKind()).as(ex.getMessage()).isEqualTo(Kind.TIMEOUT);
			assertThat(ex.isRetryable()).isTrue();
			assertThat(ex.getMessage()).startsWith("Cognito token endpoint " + server.endpoint() + " did not answer")
				.doesNotContain(SECRET);
			assertThat(server.awaitClientClose(GENEROUS)).as("the client closed the connection").isTrue();
			assertThat(Thread.currentThread().isInterrupted()).as("no interrupt left on the caller").isFalse();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clients")
	void hugeBodyIsAbortedNotRead(ClientHttpRequestFactoryBuilder<?> builder,
			Class<? extends ClientHttpRequestFactory> type) throws Exception {
		try (StallingTokenEndpoint server = new StallingTokenEndpoint(Behaviour.HUGE_BODY, TRICKLE_INTERVAL)) {
			TokenEndpointClient client = client(builder, type, server);
			CognitoTokenException ex = catchThrowableOfType(CognitoTokenException.class, client::fetchToken);
			assertThat(ex).as("the token request should fail").isNotNull();
			assertThat(ex.getKind()).as(ex.getMessage()).isEqualTo(Kind.INVALID_RESPONSE);
			assertThat(ex.getMessage()).contains("answered HTTP 200 with a body larger than 64 KiB");
			assertThat(server.awaitClientClose(GENEROUS)).as("the client closed the connection").isTrue();
			assertThat(server.bodyBytesSent()).as("body bytes the server had to send")
				.isLessThan(StallingTokenEndpoint.HUGE_BODY_SIZE / 4);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "http-components", "simple" })
	void failFastStartupFailsAtTheDeadlineWithAMessageThatSaysWhatToFix(String factory) throws Exception {
		try (StallingTokenEndpoint server = new StallingTokenEndpoint(Behaviour.TRICKLE_HEADERS, TRICKLE_INTERVAL)) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(ImperativeHttpClientAutoConfiguration.class,
						CognitoTokenAutoConfiguration.class))
				.withPropertyValues("spring.http.clients.imperative.factory=" + factory,
						"cognito.client.client-id=deadline-client", "cognito.client.client-secret=" + SECRET,
						"cognito.client.token-endpoint=" + server.endpoint(), "cognito.client.fail-fast=true",
						"cognito.client.connect-timeout=2s", "cognito.client.read-timeout=2s")
				.run((context) -> {
					assertThat(context).hasFailed();
					Throwable failure = context.getStartupFailure();
					CognitoTokenException cause = findCause(failure, CognitoTokenException.class);
					assertThat(cause).isNotNull();
					assertThat(cause.getKind()).isEqualTo(Kind.TIMEOUT);
					assertThat(cause.getMessage()).isEqualTo("Cognito token endpoint " + server.endpoint()
							+ " did not answer in time: the token request was aborted at its deadline of 4000 ms "
							+ "(connect timeout + read timeout) [client dead...]");
					FailureAnalysis analysis = new CognitoTokenFailureAnalyzer(null).analyze(failure);
					assertThat(analysis.getDescription())
						.startsWith("Could not obtain an access token from Amazon Cognito: Cognito token endpoint "
								+ server.endpoint() + " did not answer in time")
						.doesNotContain(SECRET);
					assertThat(analysis.getAction()).contains("cognito.client.connect-timeout")
						.contains("cognito.client.read-timeout")
						.contains("cognito.client.fail-fast=false");
				});
			assertThat(server.awaitClientClose(GENEROUS)).as("the client closed the connection").isTrue();
		}
	}

	private static <T extends Throwable> @Nullable T findCause(@Nullable Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		return null;
	}

	private static TokenEndpointClient client(ClientHttpRequestFactoryBuilder<?> builder,
			Class<? extends ClientHttpRequestFactory> type, StallingTokenEndpoint server) {
		CognitoClientProperties properties = new CognitoClientProperties();
		properties.setConnectTimeout(CONNECT_TIMEOUT);
		properties.setReadTimeout(READ_TIMEOUT);
		Duration deadline = CognitoClientFactory.tokenRequestDeadline(properties);
		assertThat(deadline).isEqualTo(Duration.ofSeconds(4));
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(CONNECT_TIMEOUT, READ_TIMEOUT)
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		ClientHttpRequestFactory requestFactory = CognitoClientFactory.tokenRequestFactory(builder, settings, deadline);
		assertThat(requestFactory).isInstanceOf(type);
		CognitoClientRegistration registration = new CognitoClientRegistration("deadline-client", SECRET,
				server.endpoint(), List.of(), ClientAuthenticationMethod.CLIENT_SECRET_POST);
		return new TokenEndpointClient(registration, requestFactory, Clock.systemUTC(), ObservationRegistry.NOOP,
				deadline);
	}

}
