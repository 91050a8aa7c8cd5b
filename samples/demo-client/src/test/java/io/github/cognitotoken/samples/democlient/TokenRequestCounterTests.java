package io.github.cognitotoken.samples.democlient;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenRequestCounter}; reading a running stand-in's counts is covered
 * by {@link DemoClientAgainstCognitoLocalIT}.
 */
class TokenRequestCounterTests {

	private final TokenRequestCounter counter = new TokenRequestCounter();

	@Test
	void countsAreNotAvailableForATokenEndpointThatIsNotLocal() {
		assertThat(this.counter.read("https://example.auth.eu-west-1.amazoncognito.com/oauth2/token")).isNull();
	}

	@Test
	void countsAreNotAvailableWhenNothingListensOnTheLocalPort() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		assertThat(this.counter.read("http://localhost:" + port + "/oauth2/token")).isNull();
	}

	@Test
	void countsAreNotAvailableForAMalformedTokenEndpoint() {
		assertThat(this.counter.read("not a url")).isNull();
	}

}
