package io.github.cognitotoken.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConditionalOnCognitoClient}.
 */
class ConditionalOnCognitoClientTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(CognitoClientConfiguration.class);

	@Test
	void matchesWhenAClientIdIsSet() {
		this.contextRunner.withPropertyValues("cognito.client.client-id=condition-client")
			.run((context) -> assertThat(context).hasBean("marker"));
	}

	@Test
	void matchesWhenAClientIdIsSetAndEnabledIsTrue() {
		this.contextRunner
			.withPropertyValues("cognito.client.client-id=condition-client", "cognito.client.enabled=true")
			.run((context) -> assertThat(context).hasBean("marker"));
	}

	@Test
	void doesNotMatchWithoutAClientId() {
		this.contextRunner.withPropertyValues("cognito.client.token-endpoint=https://example.com/oauth2/token")
			.run((context) -> assertThat(context).doesNotHaveBean("marker"));
	}

	@Test
	void doesNotMatchWhenDisabled() {
		this.contextRunner
			.withPropertyValues("cognito.client.client-id=condition-client", "cognito.client.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("marker"));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnCognitoClient
	static class CognitoClientConfiguration {

		@Bean
		String marker() {
			return "marker";
		}

	}

}
