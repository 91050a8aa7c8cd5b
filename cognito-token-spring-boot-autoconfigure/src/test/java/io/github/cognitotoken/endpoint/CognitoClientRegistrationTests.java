package io.github.cognitotoken.endpoint;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CognitoClientRegistration}: the token endpoint is checked without
 * Spring Boot too.
 */
class CognitoClientRegistrationTests {

	@ParameterizedTest
	@ValueSource(strings = { "https://example.auth.eu-west-1.amazoncognito.com/oauth2/token?client_secret=hunter2",
			"https://example.auth.eu-west-1.amazoncognito.com/oauth2/token#hunter2",
			"https://client:hunter2@example.auth.eu-west-1.amazoncognito.com/oauth2/token",
			"https://example.auth.eu-west-1.amazoncognito.com", "https://example.auth.eu-west-1.amazoncognito.com/",
			"ftp://example.com/oauth2/token", "mailto:hunter2@example.com", "/oauth2/token" })
	void tokenEndpointThatIsNotJustTheEndpointIsRejectedWithoutEchoingIt(String tokenEndpoint) {
		assertThatIllegalArgumentException().isThrownBy(() -> registration(URI.create(tokenEndpoint)))
			.withMessageStartingWith("'tokenEndpoint' must")
			.withMessageContaining("https://<domain>.auth.<region>.amazoncognito.com/oauth2/token")
			.withMessageNotContaining("hunter2");
	}

	@Test
	void tokenEndpointWithAPathIsAccepted() {
		URI endpoint = URI.create("https://example.auth.eu-west-1.amazoncognito.com/oauth2/token");
		assertThat(registration(endpoint).getTokenEndpoint()).isEqualTo(endpoint);
		assertThat(registration(URI.create("http://localhost:8080/oauth2/token")).getTokenEndpoint().getPort())
			.isEqualTo(8080);
	}

	private static CognitoClientRegistration registration(URI tokenEndpoint) {
		return new CognitoClientRegistration("client-id", "client-secret", tokenEndpoint, List.of("orders/read"),
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
	}

}
