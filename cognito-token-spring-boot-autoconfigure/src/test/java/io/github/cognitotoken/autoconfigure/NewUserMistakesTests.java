package io.github.cognitotoken.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.CognitoTokenManagers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a new user meets when a property is missing, misspelt or left as an unresolved
 * placeholder: startup fails with a message that names the property, sends nothing to the
 * token endpoint, and never shows a secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class NewUserMistakesTests {

	private static final String SECRET = "new-user-secret-never-shown";

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void unsetSecretVariableStopsStartupNamingThePropertyAndTheVariable(CapturedOutput output) {
		failsToStart(UsesTheTokenManager.class, "cognito.client.client-id=new-user-client",
				"cognito.client.client-secret=${COGNITO_TEST_UNSET_SECRET_VARIABLE}", tokenEndpoint(),
				"cognito.client.scope=orders/read");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("'cognito.client.client-secret' contains the placeholder ${COGNITO_TEST_UNSET_SECRET_VARIABLE}, "
					+ "which nothing resolves (the value is not shown)")
			.contains("Export the environment variable COGNITO_TEST_UNSET_SECRET_VARIABLE");
		cognito.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void partOfASecretAroundAPlaceholderIsNeverShown(CapturedOutput output) {
		failsToStart(UsesTheTokenManager.class, "cognito.client.client-id=new-user-client",
				"cognito.client.client-secret=" + SECRET + "${COGNITO_TEST_UNSET_SUFFIX}", tokenEndpoint());
		assertThat(output)
			.contains("'cognito.client.client-secret' contains the placeholder ${COGNITO_TEST_UNSET_SUFFIX}")
			.doesNotContain(SECRET);
	}

	@Test
	void unresolvedClientIdScopeAndEndpointAreRefusedToo(CapturedOutput output) {
		failsToStart(UsesTheTokenManager.class, "cognito.client.client-id=${COGNITO_TEST_UNSET_ID}",
				"cognito.client.client-secret=" + SECRET, tokenEndpoint());
		assertThat(output).contains("'cognito.client.client-id' contains the placeholder ${COGNITO_TEST_UNSET_ID}");
		failsToStart(UsesTheTokenManager.class, "cognito.client.client-id=new-user-client",
				"cognito.client.client-secret=" + SECRET, tokenEndpoint(),
				"cognito.client.scope=orders/read,${COGNITO_TEST_UNSET_SCOPE:}x${OTHER}");
		assertThat(output).contains("'cognito.client.scope' contains the placeholder ${OTHER}");
		failsToStart(UsesTheTokenManager.class, "cognito.client.client-id=new-user-client",
				"cognito.client.client-secret=" + SECRET,
				"cognito.client.token-endpoint=${COGNITO_TEST_UNSET_ENDPOINT}");
		assertThat(output)
			.contains("'cognito.client.token-endpoint' contains the placeholder ${COGNITO_TEST_UNSET_ENDPOINT}")
			.doesNotContain(SECRET);
		cognito.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void namedClientPlaceholderNamesTheNamedClientsProperty(CapturedOutput output) {
		failsToStart(UsesTheTokenManagers.class, "cognito.clients.billing.client-id=billing-client",
				"cognito.clients.billing.client-secret=${COGNITO_TEST_UNSET_BILLING_SECRET}",
				"cognito.clients.billing.token-endpoint=" + cognito.baseUrl() + "/oauth2/token");
		assertThat(output).contains(
				"'cognito.clients.billing.client-secret' contains the placeholder ${COGNITO_TEST_UNSET_BILLING_SECRET}");
	}

	@Test
	void missingClientIdIsNamedWhenARestClientIsMissing(CapturedOutput output) {
		failsToStart(UsesARestClient.class, "cognito.client.client-secret=" + SECRET, tokenEndpoint(),
				"cognito.client.scope=orders/read");
		assertThat(output)
			.contains("required a bean of type 'org.springframework.web.client.RestClient' that could "
					+ "not be found.\n\nThe Cognito token starter is switched off: cognito.client.client-id is not set "
					+ "(nor any cognito.clients.<name>.client-id), although these cognito properties are: "
					+ "cognito.client.client-secret, cognito.client.scope, cognito.client.token-endpoint.")
			.contains("Set cognito.client.client-id to the id of the Cognito app client")
			.doesNotContain(SECRET);
	}

	@Test
	void misspeltClientIdAndPrefixAreSuggested(CapturedOutput output) {
		failsToStart(UsesTheTokenManager.class, "cognito.client.id=new-user-client",
				"cognito.clinet.client-secret=" + SECRET, tokenEndpoint());
		assertThat(output).contains("cognito.client.id is set: did you mean cognito.client.client-id?")
			.contains("cognito.clinet.* is not read by the starter: did you mean cognito.client.*?")
			.contains("required a bean of type 'io.github.cognitotoken.CognitoTokenManager'")
			.doesNotContain(SECRET);
	}

	@Test
	void missingRestClientWithoutCognitoPropertiesKeepsSpringBootsMessage(CapturedOutput output) {
		failsToStart(UsesARestClient.class);
		assertThat(output).contains("required a bean of type 'org.springframework.web.client.RestClient'")
			.doesNotContain("Cognito token starter");
	}

	private static String tokenEndpoint() {
		return "cognito.client.token-endpoint=" + cognito.baseUrl() + "/oauth2/token";
	}

	private static void failsToStart(Class<?> component, String... properties) {
		assertThatException().isThrownBy(
				() -> new SpringApplicationBuilder(TestApplication.class, component).web(WebApplicationType.NONE)
					.properties(properties)
					.run()
					.close());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

	@Component
	static class UsesARestClient {

		UsesARestClient(RestClient orders) {
		}

	}

	@Component
	static class UsesTheTokenManagers {

		UsesTheTokenManagers(CognitoTokenManagers managers) {
		}

	}

	@Component
	static class UsesTheTokenManager {

		UsesTheTokenManager(CognitoTokenManager manager) {
		}

	}

}
