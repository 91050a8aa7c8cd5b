package io.github.cognitotoken.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A token endpoint that cannot be reached fails startup ({@code fail-fast}) with a
 * message that says why, on each HTTP client Spring Boot can pick: an unknown host, a
 * refused port and a failed TLS handshake each read differently, and the advice names the
 * properties the user set ({@code domain} and {@code region}, or {@code token-endpoint}).
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenEndpointConnectionFailureTests {

	private static final String SECRET = "connection-failure-secret-never-shown";

	@RegisterExtension
	static WireMockExtension tls = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().dynamicHttpsPort())
		.build();

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "http-components", "jetty", "reactor", "simple" })
	void unknownHostSaysTheNameDidNotResolve(String factory, CapturedOutput output) {
		failsToStart(factory, "cognito.client.token-endpoint=https://token-endpoint.invalid/oauth2/token");
		assertThat(output)
			.contains("Cognito token endpoint https://token-endpoint.invalid/oauth2/token could not be "
					+ "reached: the host name token-endpoint.invalid could not be resolved (unknown host")
			.contains("Check cognito.client.token-endpoint and cognito.client.connect-timeout")
			.doesNotContain(SECRET);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "http-components", "jetty", "reactor", "simple" })
	void refusedPortSaysTheConnectionWasRefused(String factory, CapturedOutput output) throws IOException {
		int port = freePort();
		failsToStart(factory, "cognito.client.token-endpoint=http://localhost:" + port + "/oauth2/token");
		assertThat(output).contains("could not be reached: the connection to localhost:" + port + " ")
			.containsPattern("the connection to localhost:" + port + " (was refused|could not be made \\(refused)")
			.doesNotContain("could not be resolved")
			.doesNotContain(SECRET);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "http-components", "jetty", "reactor", "simple" })
	void untrustedCertificateSaysTheTlsHandshakeFailed(String factory, CapturedOutput output) {
		tls.stubFor(
				post("/oauth2/token").willReturn(okJson("{\"access_token\":\"never-issued\",\"expires_in\":3600}")));
		int port = tls.getRuntimeInfo().getHttpsPort();
		failsToStart(factory, "cognito.client.token-endpoint=https://localhost:" + port + "/oauth2/token");
		assertThat(output).contains("could not be reached: the TLS handshake with localhost:" + port + " failed (")
			.contains("check the endpoint's certificate and the trust store")
			.doesNotContain(SECRET);
	}

	@Test
	void domainAndRegionAreNamedWhenTheyMakeTheEndpoint(CapturedOutput output) {
		failsToStart("jdk", "cognito.client.domain=tokentest-nowhere-domain", "cognito.client.region=eu-west-1");
		assertThat(output)
			.contains("the host name tokentest-nowhere-domain.auth.eu-west-1"
					+ ".amazoncognito.com could not be resolved")
			.contains("Check cognito.client.domain and cognito.client.region (which make the token endpoint) and "
					+ "cognito.client.connect-timeout")
			.doesNotContain("cognito.client.token-endpoint")
			.doesNotContain(SECRET);
	}

	@Test
	void namedClientInheritingTheDomainIsAdvisedToCheckTheDomain(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
				.properties("cognito.client.domain=tokentest-nowhere-domain", "cognito.client.region=eu-west-1",
						"cognito.clients.billing.client-id=billing-client",
						"cognito.clients.billing.client-secret=" + SECRET, "cognito.client.fail-fast=true")
				.run()
				.close());
		assertThat(output).contains("Check cognito.clients.billing.domain and cognito.clients.billing.region");
	}

	private static void failsToStart(String factory, String... properties) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
				.properties("cognito.client.client-id=connection-client", "cognito.client.client-secret=" + SECRET,
						"cognito.client.scope=orders/read", "cognito.client.fail-fast=true",
						"spring.http.clients.imperative.factory=" + factory)
				.properties(properties)
				.run()
				.close());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
