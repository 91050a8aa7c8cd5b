package io.github.cognitotoken.samples.cognitolocal;

import java.util.Map;

import io.github.cognitotoken.samples.cognitolocal.TestHttpClient.Response;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the stand-in on a random port with a {@link MutableClock} and three clients: the
 * demo client, a client whose id and secret need URL-encoding, and a client without
 * client-credentials permission.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"cognito-local.clients[0].client-id=demo-client", "cognito-local.clients[0].client-secret=demo-secret",
		"cognito-local.clients[0].scopes=orders/read,orders/write",
		"cognito-local.clients[1].client-id=special:client/ü", "cognito-local.clients[1].client-secret=p@ss:w+rd&= %",
		"cognito-local.clients[1].scopes=orders/read", "cognito-local.clients[2].client-id=no-client-credentials",
		"cognito-local.clients[2].client-secret=other-secret", "cognito-local.clients[2].scopes=orders/read",
		"cognito-local.clients[2].client-credentials-enabled=false" })
@Import(TestClockConfiguration.class)
abstract class AbstractIntegrationTests {

	static final String CLIENT_ID = "demo-client";

	static final String CLIENT_SECRET = "demo-secret";

	static final String ISSUER = "https://cognito-idp.local.amazonaws.com/local_pool";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	TestHttpClient http;

	@BeforeEach
	void createHttpClient() {
		this.http = new TestHttpClient(this.port);
	}

	String accessToken(String... scope) {
		String[] form = (scope.length == 0) ? new String[] { "grant_type", "client_credentials" }
				: new String[] { "grant_type", "client_credentials", "scope", String.join(" ", scope) };
		Response response = this.http.postTokenForm(
				(headers) -> headers.set("Authorization", TestHttpClient.basic(CLIENT_ID, CLIENT_SECRET)), form);
		assertThat(response.status()).as("token response status").isEqualTo(200);
		return (String) response.json().get("access_token");
	}

	Map<String, Object> counts() {
		Response response = this.http.get("/admin/token-requests", null);
		assertThat(response.status()).isEqualTo(200);
		return response.json();
	}

}
