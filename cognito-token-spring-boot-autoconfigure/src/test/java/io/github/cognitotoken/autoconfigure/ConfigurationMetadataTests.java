package io.github.cognitotoken.autoconfigure;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the configuration processor generated IDE metadata for every property.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasMetadataWithADescription() throws Exception {
		JsonNode metadata;
		try (InputStream input = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(input).as("generated metadata").isNotNull();
			metadata = JsonMapper.builder().build().readTree(input);
		}
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			names.add(property.get("name").stringValue());
			assertThat(property.get("description")).as(property.get("name").stringValue()).isNotNull();
			assertThat(property.get("description").stringValue()).doesNotStartWith("The ").doesNotStartWith("A ");
		}
		assertThat(names).containsExactlyInAnyOrder("cognito.client.enabled", "cognito.client.client-id",
				"cognito.client.client-secret", "cognito.client.token-endpoint", "cognito.client.scope",
				"cognito.client.client-metadata", "cognito.client.client-authentication-method",
				"cognito.client.connect-timeout", "cognito.client.read-timeout", "cognito.client.clock-skew",
				"cognito.client.fail-fast", "cognito.client.target-hosts", "cognito.client.base-url",
				"cognito.client.refresh-ahead", "cognito.client.retry-on-unauthorized",
				"cognito.client.forced-renewal-interval", "cognito.client.retry.initial-delay",
				"cognito.client.retry.max-delay", "cognito.client.retry.multiplier",
				"cognito.client.retry.terminal-delay", "cognito.client.cache.type", "cognito.client.cache.key-prefix",
				"cognito.client.cache.lock-ttl", "cognito.client.cache.lock-wait", "cognito.client.cache.poll-interval",
				"cognito.client.cache.timeout", "cognito.client.http-service-groups", "cognito.client.feign-clients",
				"cognito.clients", "cognito.client.previous-client-secret", "cognito.client.domain",
				"cognito.client.region", "cognito.client.fips", "cognito.client.budget.max-requests",
				"cognito.client.budget.period");
		Map<String, String> defaults = Map.of("cognito.client.connect-timeout", "5s", "cognito.client.read-timeout",
				"10s", "cognito.client.clock-skew", "60s", "cognito.client.refresh-ahead", "5m",
				"cognito.client.forced-renewal-interval", "30s", "cognito.client.retry.initial-delay", "1s",
				"cognito.client.retry.max-delay", "30s", "cognito.client.retry.terminal-delay", "5m",
				"cognito.client.budget.period", "1h");
		for (JsonNode property : metadata.get("properties")) {
			String expected = defaults.get(property.get("name").stringValue());
			if (expected != null) {
				assertThat(property.get("defaultValue").asString()).isEqualTo(expected);
			}
		}
	}

}
