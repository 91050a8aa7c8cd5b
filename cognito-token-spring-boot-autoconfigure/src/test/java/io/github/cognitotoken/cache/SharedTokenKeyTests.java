package io.github.cognitotoken.cache;

import java.util.List;

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
	void differentEndpointClientOrScopesGiveDifferentKeys() {
		SharedTokenKey key = SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of("a/read"));
		assertThat(SharedTokenKey.of("p:", "https://other.example.com/oauth2/token", "client-1", List.of("a/read")))
			.isNotEqualTo(key);
		assertThat(SharedTokenKey.of("p:", ENDPOINT, "client-2", List.of("a/read"))).isNotEqualTo(key);
		assertThat(SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of("a/read", "b/write"))).isNotEqualTo(key);
		assertThat(SharedTokenKey.of("p:", ENDPOINT, "client-1", List.of())).isNotEqualTo(key);
		assertThat(SharedTokenKey.of("q:", ENDPOINT, "client-1", List.of("a/read"))).isNotEqualTo(key);
	}

}
