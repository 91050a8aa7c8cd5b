package io.github.cognitotoken;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.endpoint.ClientAuthenticationMethod;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.client.SimpleClientHttpRequestFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that the library's log lines help an operator and never contain the client secret
 * or a token, with the library's loggers at DEBUG, during successful and failed token
 * requests.
 */
@ExtendWith(OutputCaptureExtension.class)
class DiagnosticLoggingTests {

	private static final String CLIENT_ID = "4dm1nclientid0123456789";

	private static final String SECRET = "s3cr3t-never-in-the-log-0123456789";

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsb2ctY2xpZW50In0.c2lnbmF0dXJlLW5ldmVyLWxvZ2dlZA";

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().notifier(new Slf4jNotifier(false)))
		.build();

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	private final MutableClock clock = MutableClock.startingAt("2026-07-01T09:00:00Z");

	@BeforeEach
	void logLibraryAtDebug() {
		this.loggingSystem.setLogLevel("io.github.cognitotoken", LogLevel.DEBUG);
	}

	@AfterEach
	void restoreLogLevel() {
		this.loggingSystem.setLogLevel("io.github.cognitotoken", null);
	}

	@ParameterizedTest
	@EnumSource(ClientAuthenticationMethod.class)
	void successAndFailuresAreLoggedWithoutSecretOrToken(ClientAuthenticationMethod method, CapturedOutput output) {
		CognitoTokenManager manager = manager(method);
		cognito.stubFor(post("/oauth2/token")
			.willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		assertThat(manager.getToken()).isEqualTo(TOKEN);
		manager.invalidate();
		manager.getToken();
		cognito.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(503)));
		manager.invalidate();
		assertThatExceptionOfType(CognitoTokenException.class).isThrownBy(manager::getToken)
			.satisfies((ex) -> assertThat(ex.toString()).doesNotContain(SECRET, TOKEN));
		this.clock.advance(Duration.ofMinutes(1));
		cognito.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(400)
			.withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));
		assertThatExceptionOfType(CognitoTokenException.class).isThrownBy(manager::getToken);
		this.clock.advance(Duration.ofMinutes(10));
		cognito.stubFor(post("/oauth2/token")
			.willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		CognitoAccessToken token = manager.getAccessToken();
		manager.renewRejectedToken(token);
		// what an operator needs is there
		assertThat(output).contains("INFO", "Obtained the first Cognito access token for client 4dm1...")
			.contains("DEBUG", "answered HTTP 200 in", " ms")
			.contains("WARN", "failed (http_503, attempt 1)")
			.contains("ERROR", "failed (invalid_client, attempt 2)")
			.contains("after 2 failed attempts")
			.contains("A resource server rejected the Cognito access token");
		// and nothing secret, at any level
		String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
		assertThat(output.getAll()).doesNotContain(SECRET, TOKEN, basic, CLIENT_ID, TOKEN.substring(0, 40));
	}

	private CognitoTokenManager manager(ClientAuthenticationMethod method) {
		CognitoClientRegistration registration = new CognitoClientRegistration(CLIENT_ID, SECRET,
				URI.create(cognito.baseUrl() + "/oauth2/token"), List.of("orders/read"), method);
		TokenEndpointClient client = new TokenEndpointClient(registration, new SimpleClientHttpRequestFactory(),
				this.clock);
		return CognitoTokenManager.builder(client)
			.clock(this.clock)
			.description("client " + registration.getClientIdPrefix())
			.random(() -> 0.5)
			.build();
	}

}
