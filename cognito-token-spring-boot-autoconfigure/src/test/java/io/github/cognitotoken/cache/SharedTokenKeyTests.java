package io.github.cognitotoken.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SharedTokenKey}.
 */
class SharedTokenKeyTests {

	private static final String ENDPOINT = "https://auth.example.com/oauth2/token";

	@Test
	void keyIsThePrefixAndTheSha256OfEndpointClientAndSortedScopes() {
		SharedTokenKey key = SharedTokenKey.of("cognito-token:", ENDPOINT, "client-1", List.of("orders/read"));
		assertThat(key.value()).matches("cognito-token:[0-9a-f]{64}");
		assertThat(key.value()).doesNotContain("client-1").doesNotContain("orders");
		assertThat(key.lockKey()).isEqualTo(key.value() + ":lock");
	}

	@Test
	void scopeOrderDuplicatesAndWhiteSpaceDoNotChangeTheKey() {
		SharedTokenKey key = SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of("b/write", "a/read"));
		assertThat(SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of("a/read b/write", "a/read"))).isEqualTo(key);
		assertThat(SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of(" a/read  b/write "))).isEqualTo(key);
	}

	@Test
	void differentClientMetadataGivesDifferentKeys() {
		SharedTokenKey key = SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of("a/read"), Map.of("tenant", "acme"));
		assertThat(SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of("a/read"), Map.of("tenant", "other")))
			.isNotEqualTo(key);
		assertThat(SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of("a/read"), Map.of("tenant2", "acme")))
			.isNotEqualTo(key);
		assertThat(SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of("a/read"),
				Map.of("tenant", "acme", "env", "prod")))
			.isNotEqualTo(key);
		assertThat(SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of("a/read"))).isNotEqualTo(key);
		assertThat(key.value()).doesNotContain("tenant").doesNotContain("acme");
	}

	@Test
	void clientMetadataEntriesCannotBeShiftedIntoOneAnother() {
		List<String> scopes = List.of("a/read");
		assertThat(SharedTokenKey.of("p:", ENDPOINT, "c", scopes, Map.of("ab", "c")))
			.isNotEqualTo(SharedTokenKey.of("p:", ENDPOINT, "c", scopes, Map.of("a", "bc")));
		assertThat(SharedTokenKey.of("p:", ENDPOINT, "c", scopes, Map.of("a", "1:b", "c", "d")))
			.isNotEqualTo(SharedTokenKey.of("p:", ENDPOINT, "c", scopes, Map.of("a", "", "b", "1:cd")));
		assertThat(SharedTokenKey.of("p:", ENDPOINT, "c", scopes, Map.of("a", "")))
			.isNotEqualTo(SharedTokenKey.of("p:", ENDPOINT, "c", scopes));
	}

	@Test
	void clientMetadataOrderDoesNotChangeTheKey() {
		Map<String, String> forward = new LinkedHashMap<>();
		forward.put("tenant", "acme");
		forward.put("env", "prod");
		forward.put("region", "eu");
		Map<String, String> backward = new LinkedHashMap<>();
		backward.put("region", "eu");
		backward.put("env", "prod");
		backward.put("tenant", "acme");
		assertThat(SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of("a/read"), forward))
			.isEqualTo(SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of("a/read"), backward))
			.isEqualTo(SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of("a/read"), new HashMap<>(forward)));
	}

	@Test
	void keyWithoutClientMetadataIsTheKeyOfEarlierVersions() {
		// the SHA-256 of "endpoint=<endpoint>\nclient_id=client-1\nscope=a/read", so a
		// fleet that upgrades keeps sharing its entry
		SharedTokenKey key = SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of("a/read"), Map.of());
		assertThat(key).isEqualTo(SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of("a/read")));
		assertThat(key.value())
			.isEqualTo("p:" + sha256Hex("endpoint=" + ENDPOINT + "\nclient_id=client-1\nscope=a/read"));
	}

	@Test
	void differentEndpointClientOrScopesGiveDifferentKeys() {
		SharedTokenKey key = SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of("a/read"));
		assertThat(SharedTokenKey.of("p:", "https://other.example.com/oauth2/token", "client-1", List.of("a/read")))
			.isNotEqualTo(key);
		assertThat(SharedTokenKey.of("p:", ENDPOINT, "client-2", List.of("a/read"))).isNotEqualTo(key);
		assertThat(SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of("a/read", "b/write"))).isNotEqualTo(key);
		assertThat(SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of())).isNotEqualTo(key);
		assertThat(SharedTokenKey.of("q:", ENDPOINT, "client-1", List.of("a/read"))).isNotEqualTo(key);
	}

	private static String sha256Hex(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
