package io.github.cognitotoken.endpoint;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

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

	@Test
	void registrationHasNoClientMetadataUnlessGiven() {
		CognitoClientRegistration registration = registration(URI.create("https://auth.example.com/oauth2/token"));
		assertThat(registration.getClientMetadata()).isEmpty();
		assertThat(registration.withClientMetadata(Map.of()).getClientMetadata()).isEmpty();
	}

	@Test
	void withClientMetadataKeepsEverythingElseAndSortsTheKeys() {
		CognitoClientRegistration registration = registration(URI.create("https://auth.example.com/oauth2/token"));
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("tenant", "acme");
		metadata.put("env", "prod");
		CognitoClientRegistration withMetadata = registration.withClientMetadata(metadata);
		metadata.put("later", "change");
		assertThat(withMetadata.getClientMetadata()).containsExactly(entry("env", "prod"), entry("tenant", "acme"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> withMetadata.getClientMetadata().put("x", "y"));
		assertThat(withMetadata.getClientId()).isEqualTo(registration.getClientId());
		assertThat(withMetadata.getClientSecret()).isEqualTo(registration.getClientSecret());
		assertThat(withMetadata.getTokenEndpoint()).isEqualTo(registration.getTokenEndpoint());
		assertThat(withMetadata.getScopes()).isEqualTo(registration.getScopes());
		assertThat(withMetadata.getAuthenticationMethod()).isEqualTo(registration.getAuthenticationMethod());
		assertThat(registration.getClientMetadata()).isEmpty();
	}

	@Test
	void toStringShowsTheKeysOfTheClientMetadataButNotTheValues() {
		CognitoClientRegistration registration = registration(URI.create("https://auth.example.com/oauth2/token"))
			.withClientMetadata(Map.of("tenant", "acme-secret-tenant"));
		assertThat(registration.toString()).contains("clientMetadataKeys=[tenant]")
			.doesNotContain("acme-secret-tenant")
			.doesNotContain("client-secret");
		assertThat(registration(URI.create("https://auth.example.com/oauth2/token")).toString())
			.doesNotContain("clientMetadata");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t" })
	void emptyOrBlankClientMetadataKeyIsRejected(String key) {
		CognitoClientRegistration registration = registration(URI.create("https://auth.example.com/oauth2/token"));
		assertThatIllegalArgumentException().isThrownBy(() -> registration.withClientMetadata(Map.of(key, "v")))
			.withMessage("'clientMetadata' must not contain empty or blank keys");
	}

	@Test
	void nullClientMetadataValueIsRejectedNamingTheKey() {
		CognitoClientRegistration registration = registration(URI.create("https://auth.example.com/oauth2/token"));
		Map<String, String> metadata = new HashMap<>();
		metadata.put("tenant", null);
		assertThatIllegalArgumentException().isThrownBy(() -> registration.withClientMetadata(metadata))
			.withMessage("'clientMetadata' must not contain null values (key 'tenant')");
	}

	@Test
	void clientMetadataJsonIsLimitedTo4096Characters() {
		CognitoClientRegistration registration = registration(URI.create("https://auth.example.com/oauth2/token"));
		// {"k":"<value>"} is 8 characters plus the value
		String largest = "v".repeat(4096 - 8);
		assertThat(CognitoClientRegistration.clientMetadataJson(Map.of("k", largest))).hasSize(4096);
		assertThat(registration.withClientMetadata(Map.of("k", largest)).getClientMetadata()).containsKey("k");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> registration.withClientMetadata(Map.of("k", largest + "v")))
			.withMessage("'clientMetadata' must be at most 4096 characters as JSON (4097)");
		// a non-ASCII character is sent as a 6-character escape
		assertThatIllegalArgumentException()
			.isThrownBy(() -> registration.withClientMetadata(Map.of("k", "v".repeat(4096 - 8 - 5) + "\u00fc")))
			.withMessageContaining("(4097)");
	}

	@Test
	void clientMetadataJsonEscapesWhatJsonRequiresAndEveryNonAsciiCharacter() {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("b\"key\\", "\b\f\n\r\t\u0000 \u00e9\u2028\ud83d\ude00");
		metadata.put("a", "plain");
		assertThat(CognitoClientRegistration.clientMetadataJson(metadata))
			.isEqualTo("{\"b\\\"key\\\\\":\"\\b\\f\\n\\r\\t\\u0000 \\u00E9\\u2028\\uD83D\\uDE00\",\"a\":\"plain\"}");
	}

	private static CognitoClientRegistration registration(URI tokenEndpoint) {
		return new CognitoClientRegistration("client-id", "client-secret", tokenEndpoint, List.of("orders/read"),
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
	}

}
