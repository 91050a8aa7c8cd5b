package io.github.cognitotoken.autoconfigure;

import java.net.URI;
import java.util.List;

import io.github.cognitotoken.cache.SharedTokenKey;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.http.TargetHostMatcher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CognitoClientPropertiesMapper}: every consumer sees the same
 * normalised values.
 */
class CognitoClientPropertiesMapperTests {

	private static final String ENDPOINT = "https://example.auth.eu-west-1.amazoncognito.com/oauth2/token";

	@Test
	void registrationHasTheSplitTrimmedAndDistinctScopesAndTheTrimmedEndpoint() {
		CognitoClientRegistration registration = mapper().asClientRegistration();
		assertThat(registration.getClientId()).isEqualTo("mapper-client");
		assertThat(registration.getClientSecret()).isEqualTo("mapper-secret");
		assertThat(registration.getTokenEndpoint()).isEqualTo(URI.create(ENDPOINT));
		assertThat(registration.getScopes()).containsExactly("orders/read", "orders/write");
	}

	@Test
	void descriptionNamesTheClientByPrefixAndTheNormalisedScopes() {
		assertThat(mapper().asDescription()).isEqualTo("client mapp... (scope orders/read orders/write)");
	}

	@Test
	void descriptionOmitsEmptyScopes() {
		CognitoClientProperties properties = properties();
		properties.setScope(List.of(" "));
		assertThat(new CognitoClientPropertiesMapper(properties).asDescription()).isEqualTo("client mapp...");
	}

	@Test
	void sharedTokenKeyIsBuiltFromTheValuesOfTheTokenRequest() {
		CognitoClientRegistration registration = mapper().asClientRegistration();
		SharedTokenKey expected = SharedTokenKey.of("cognito-token:", registration.getTokenEndpoint().toString(),
				registration.getClientId(), registration.getScopes());
		assertThat(mapper().asSharedTokenKey()).isEqualTo(expected);
	}

	@Test
	void sharedTokenKeyDoesNotDependOnHowTheSameScopesAreWritten() {
		CognitoClientProperties properties = properties();
		properties.setScope(List.of("orders/write", "orders/read"));
		properties.setTokenEndpoint(ENDPOINT);
		assertThat(new CognitoClientPropertiesMapper(properties).asSharedTokenKey())
			.isEqualTo(mapper().asSharedTokenKey());
	}

	@Test
	void targetHostsDefaultToTheTrimmedBaseUrlsHost() {
		CognitoClientProperties properties = properties();
		properties.setBaseUrl("  https://api.example.com  ");
		CognitoClientPropertiesMapper mapper = new CognitoClientPropertiesMapper(properties);
		assertThat(mapper.baseUrl()).isEqualTo("https://api.example.com");
		assertThat(mapper.restrictsTargetHosts()).isTrue();
		TargetHostMatcher matcher = mapper.asTargetHostMatcher();
		assertThat(matcher.matches(URI.create("https://api.example.com/orders"))).isTrue();
		assertThat(matcher.matches(URI.create("https://other.example.com/orders"))).isFalse();
	}

	@Test
	void targetHostsWinOverTheBaseUrl() {
		CognitoClientProperties properties = properties();
		properties.setBaseUrl("https://api.example.com");
		properties.setTargetHosts(List.of("orders.example.com"));
		TargetHostMatcher matcher = new CognitoClientPropertiesMapper(properties).asTargetHostMatcher();
		assertThat(matcher.matches(URI.create("https://orders.example.com/orders"))).isTrue();
		assertThat(matcher.matches(URI.create("https://api.example.com/orders"))).isFalse();
	}

	@Test
	void withoutTargetHostsOrBaseUrlEveryHostReceivesTheToken() {
		CognitoClientPropertiesMapper mapper = mapper();
		assertThat(mapper.restrictsTargetHosts()).isFalse();
		assertThat(mapper.baseUrl()).isNull();
		assertThat(mapper.asTargetHostMatcher().matches(URI.create("https://anywhere.example.org/x"))).isTrue();
	}

	private CognitoClientPropertiesMapper mapper() {
		return new CognitoClientPropertiesMapper(properties());
	}

	private CognitoClientProperties properties() {
		CognitoClientProperties properties = new CognitoClientProperties();
		properties.setClientId("mapper-client");
		properties.setClientSecret("mapper-secret");
		properties.setTokenEndpoint("  " + ENDPOINT + " ");
		properties.setScope(List.of(" orders/read  orders/write", "orders/read"));
		properties.afterPropertiesSet();
		return properties;
	}

}
