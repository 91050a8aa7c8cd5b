package io.github.cognitotoken.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that Actuator's {@code /env} and {@code /configprops} never show the client
 * secret.
 */
class ActuatorSanitizingTests {

	private static final String SECRET = "actuator-secret-never-shown";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
				EnvironmentEndpointAutoConfiguration.class,
				ConfigurationPropertiesReportEndpointAutoConfiguration.class, CognitoTokenAutoConfiguration.class))
		.withPropertyValues("cognito.client.client-id=actuator-client", "cognito.client.client-secret=" + SECRET,
				"cognito.client.token-endpoint=http://localhost:1/oauth2/token", "cognito.client.scope=orders/read",
				"management.endpoints.web.exposure.include=env,configprops");

	@Test
	void bootHidesEveryValueByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(envJson(context)).doesNotContain(SECRET).doesNotContain("actuator-client");
			assertThat(configPropsJson(context)).doesNotContain(SECRET).doesNotContain("actuator-client");
		});
	}

	@Test
	void secretStaysHiddenWhenValuesAreShown() {
		this.contextRunner
			.withPropertyValues("management.endpoint.env.show-values=always",
					"management.endpoint.configprops.show-values=always")
			.run((context) -> {
				assertThat(envJson(context)).contains("actuator-client").doesNotContain(SECRET).contains("******");
				assertThat(configPropsJson(context)).contains("actuator-client")
					.contains("orders/read")
					.doesNotContain(SECRET);
			});
	}

	@Test
	void secretFromTheEnvironmentVariableStaysHidden() {
		this.contextRunner
			.withPropertyValues("management.endpoint.env.show-values=always",
					"management.endpoint.configprops.show-values=always")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("testEnvironment",
						Map.of("COGNITO_CLIENT_CLIENTSECRET", SECRET + "-env"))))
			.run((context) -> {
				assertThat(envJson(context)).contains("COGNITO_CLIENT_CLIENTSECRET").doesNotContain(SECRET);
				assertThat(configPropsJson(context)).doesNotContain(SECRET);
			});
	}

	@Test
	void clientSecretKeysAreRecognisedInEveryNotation() {
		assertThat(CognitoTokenAutoConfiguration.isClientSecretKey("cognito.client.client-secret")).isTrue();
		assertThat(CognitoTokenAutoConfiguration.isClientSecretKey("clientSecret")).isTrue();
		assertThat(CognitoTokenAutoConfiguration.isClientSecretKey("COGNITO_CLIENT_CLIENTSECRET")).isTrue();
		assertThat(CognitoTokenAutoConfiguration.isClientSecretKey("cognito.client.client-id")).isFalse();
	}

	private static String envJson(AssertableApplicationContext context) {
		return JsonMapper.builder()
			.build()
			.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
	}

	private static String configPropsJson(AssertableApplicationContext context) {
		return JsonMapper.builder()
			.build()
			.writeValueAsString(context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
	}

}
