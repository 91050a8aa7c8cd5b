package io.github.cognitotoken.autoconfigure;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.CognitoTokenManagers;
import io.github.cognitotoken.cache.SharedTokenKey;
import io.github.cognitotoken.endpoint.ClientAuthenticationMethod;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests of {@code cognito.client.client-metadata}: how it binds, what the token request
 * sends, how it is validated and that it is part of the shared cache key.
 */
@ExtendWith(OutputCaptureExtension.class)
class CognitoClientMetadataTests {

	private static final String SECRET = "metadata-secret-never-logged";

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void stubTokenEndpoint() {
		cognito.stubFor(post("/oauth2/token")
			.willReturn(okJson("{\"access_token\":\"at-1\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ImperativeHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, CognitoTokenAutoConfiguration.class))
			.withPropertyValues("cognito.client.client-id=metadata-client", "cognito.client.client-secret=" + SECRET,
					"cognito.client.token-endpoint=" + cognito.baseUrl() + "/oauth2/token",
					"cognito.client.scope=orders/read", "cognito.client.fail-fast=true");
	}

	@ParameterizedTest
	@EnumSource(ClientAuthenticationMethod.class)
	void tokenRequestCarriesTheConfiguredClientMetadata(ClientAuthenticationMethod method) {
		this.contextRunner
			.withPropertyValues("cognito.client.client-authentication-method=" + method.getValue(),
					"cognito.client.client-metadata.tenant=acme", "cognito.client.client-metadata.[tenant_id]=acme-42",
					"cognito.client.client-metadata.Region=eu-west-1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				LoggedRequest request = tokenRequest();
				Map<String, String> fields = formFields(request.getBodyAsString());
				assertThat(fields).containsEntry("grant_type", "client_credentials")
					.containsEntry("scope", "orders/read")
					.containsEntry("aws_client_metadata",
							"{\"Region\":\"eu-west-1\",\"tenant\":\"acme\",\"tenant_id\":\"acme-42\"}");
				assertThat(json(fields.get("aws_client_metadata")))
					.isEqualTo(Map.of("tenant", "acme", "tenant_id", "acme-42", "Region", "eu-west-1"));
				if (method == ClientAuthenticationMethod.CLIENT_SECRET_BASIC) {
					assertThat(request.getHeader("Authorization")).startsWith("Basic ");
					assertThat(fields).containsOnlyKeys("grant_type", "scope", "aws_client_metadata");
				}
				else {
					assertThat(request.containsHeader("Authorization")).isFalse();
					assertThat(fields).containsOnlyKeys("grant_type", "scope", "aws_client_metadata", "client_id",
							"client_secret");
				}
			});
	}

	@Test
	void withoutClientMetadataTheTokenRequestHasNoAwsClientMetadata() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TokenEndpointClient.class).getRegistration().getClientMetadata()).isEmpty();
			assertThat(tokenRequest().getBodyAsString()).isEqualTo("grant_type=client_credentials&scope=orders%2Fread");
		});
	}

	@Test
	void yamlKeysKeepTheirCaseAndBracketedKeysKeepEveryCharacterAndNoValueIsLogged(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.config.location=classpath:client-metadata.yml",
					"--cognito.client.token-endpoint=" + cognito.baseUrl() + "/oauth2/token",
					"--cognito.client.fail-fast=true", "--logging.level.io.github.cognitotoken=trace")) {
			Map<String, String> expected = Map.of("tenant", "acme", "Region", "eu-west-1", "tenant_id", "acme-42",
					"app.version", "1.2.3", "note", "say \"hi\" from Z\u00fcrich");
			assertThat(context.getBean(TokenEndpointClient.class).getRegistration().getClientMetadata())
				.isEqualTo(expected);
			assertThat(json(formFields(tokenRequest().getBodyAsString()).get("aws_client_metadata")))
				.isEqualTo(expected);
			assertThat(context.getBean(CognitoTokenManager.class).getToken()).isEqualTo("at-1");
		}
		assertThat(output).contains("Token request for client meta... to")
			.contains("Obtained the first Cognito access token")
			.doesNotContain("acme")
			.doesNotContain("eu-west-1")
			.doesNotContain("1.2.3")
			.doesNotContain("Z\u00fcrich")
			.doesNotContain(SECRET);
	}

	@Test
	void clientMetadataOfAtMost4096CharactersAsJsonIsAccepted() {
		// {"blob":"<value>"} is 11 characters plus the value
		this.contextRunner.withPropertyValues("cognito.client.client-metadata.blob=" + "x".repeat(4096 - 11))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void clientMetadataLargerThan4096CharactersAsJsonStopsStartupWithoutShowingTheValues() {
		this.contextRunner
			.withPropertyValues("cognito.client.client-metadata.blob=" + "x".repeat(4096 - 11 + 1),
					"cognito.client.client-metadata.tenant=acme")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).isEqualTo("Invalid Cognito client configuration: "
						+ "'cognito.client.client-metadata' is 4113 characters as JSON, above the maximum of 4096 "
						+ "(largest entry: 'blob')");
				assertThat(analysis.getAction()).contains("at most 4096 characters as JSON")
					.contains("sent with every token request");
				assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("xxxxxxxx")
					.doesNotContain("acme")
					.doesNotContain(SECRET);
				assertThat(cognito.findAll(postRequestedFor(urlEqualTo("/oauth2/token")))).isEmpty();
			});
	}

	@Test
	void blankClientMetadataKeyStopsStartup() {
		this.contextRunner.withPropertyValues("cognito.client.client-metadata.[ ]=acme").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).isEqualTo(
					"Invalid Cognito client configuration: 'cognito.client.client-metadata' has an empty or blank key");
			assertThat(analysis.getAction()).contains("cognito.client.client-metadata.tenant=acme")
				.contains("cognito.client.client-metadata.[tenant_id]=acme");
		});
	}

	@Test
	void emptyClientMetadataKeyOrMissingValueIsNamed() {
		CognitoClientProperties emptyKey = properties();
		emptyKey.getClientMetadata().put("", "acme");
		assertThatExceptionOfType(InvalidCognitoPropertyException.class).isThrownBy(emptyKey::afterPropertiesSet)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("cognito.client.client-metadata"))
			.withMessageContaining("has an empty or blank key");
		CognitoClientProperties missingValue = properties();
		missingValue.getClientMetadata().put("tenant", null);
		assertThatExceptionOfType(InvalidCognitoPropertyException.class).isThrownBy(missingValue::afterPropertiesSet)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("cognito.client.client-metadata.tenant"))
			.withMessage("Invalid Cognito client configuration: 'cognito.client.client-metadata.tenant' has no value");
	}

	@Test
	void clientsThatDifferOnlyInClientMetadataHaveDifferentSharedTokenKeys() {
		CognitoClientProperties acme = properties();
		acme.getClientMetadata().put("tenant", "acme");
		CognitoClientProperties other = properties();
		other.getClientMetadata().put("tenant", "other");
		CognitoClientProperties none = properties();
		SharedTokenKey acmeKey = new CognitoClientPropertiesMapper(acme).asSharedTokenKey();
		assertThat(new CognitoClientPropertiesMapper(other).asSharedTokenKey()).isNotEqualTo(acmeKey);
		assertThat(new CognitoClientPropertiesMapper(none).asSharedTokenKey()).isNotEqualTo(acmeKey);
		CognitoClientRegistration registration = new CognitoClientPropertiesMapper(acme).asClientRegistration();
		assertThat(acmeKey).isEqualTo(SharedTokenKey.of("cognito-token:", registration.getTokenEndpoint().toString(),
				registration.getClientId(), registration.getScopes(), registration.getClientMetadata()));
	}

	@Test
	void sharedTokenKeyDoesNotDependOnTheOrderOfTheClientMetadata() {
		CognitoClientProperties forward = properties();
		forward.getClientMetadata().put("tenant", "acme");
		forward.getClientMetadata().put("env", "prod");
		CognitoClientProperties backward = properties();
		backward.getClientMetadata().put("env", "prod");
		backward.getClientMetadata().put("tenant", "acme");
		assertThat(new CognitoClientPropertiesMapper(forward).asSharedTokenKey())
			.isEqualTo(new CognitoClientPropertiesMapper(backward).asSharedTokenKey());
	}

	@Test
	void namedClientSendsItsOwnClientMetadataAndNeverInheritsTheDefaultClients() {
		this.contextRunner
			.withPropertyValues("cognito.client.client-metadata.tenant=default-tenant",
					"cognito.clients.billing.client-id=billing-client",
					"cognito.clients.billing.client-secret=billing-secret",
					"cognito.clients.billing.client-metadata.tenant=billing-tenant",
					"cognito.clients.reports.client-id=reports-client",
					"cognito.clients.reports.client-secret=reports-secret")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CognitoTokenManagers.class).names()).containsExactly("default", "billing",
						"reports");
				Map<String, Map<String, String>> sent = new LinkedHashMap<>();
				for (LoggedRequest request : cognito.findAll(postRequestedFor(urlEqualTo("/oauth2/token")))) {
					String clientId = new String(
							Base64.getDecoder().decode(request.getHeader("Authorization").substring("Basic ".length())),
							StandardCharsets.UTF_8)
						.split(":")[0];
					String metadata = formFields(request.getBodyAsString()).get("aws_client_metadata");
					sent.put(clientId, (metadata != null) ? json(metadata) : Map.of());
				}
				assertThat(sent).containsOnly(entry("metadata-client", Map.of("tenant", "default-tenant")),
						entry("billing-client", Map.of("tenant", "billing-tenant")), entry("reports-client", Map.of()));
			});
	}

	@Test
	void namedClientsClientMetadataProblemNamesItsProperty() {
		this.contextRunner
			.withPropertyValues("cognito.clients.billing.client-id=billing-client",
					"cognito.clients.billing.client-secret=billing-secret",
					"cognito.clients.billing.client-metadata.[ ]=acme")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).isEqualTo("Invalid Cognito client configuration: "
						+ "'cognito.clients.billing.client-metadata' has an empty or blank key");
				assertThat(analysis.getAction()).contains("cognito.clients.billing.client-metadata.tenant=acme");
			});
	}

	@Test
	void defaultClientMetadataWithoutADefaultClientStopsStartup() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ImperativeHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, CognitoTokenAutoConfiguration.class))
			.withPropertyValues("cognito.client.token-endpoint=" + cognito.baseUrl() + "/oauth2/token",
					"cognito.client.client-metadata.tenant=acme", "cognito.clients.billing.client-id=billing-client",
					"cognito.clients.billing.client-secret=billing-secret")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).isEqualTo("Invalid Cognito client configuration: "
						+ "'cognito.client.client-metadata' is set, but cognito.client.client-id is not: named clients "
						+ "do not inherit client metadata");
				assertThat(analysis.getAction()).contains("cognito.clients.<name>.client-metadata");
			});
	}

	private static CognitoClientProperties properties() {
		CognitoClientProperties properties = new CognitoClientProperties();
		properties.setClientId("metadata-client");
		properties.setClientSecret(SECRET);
		properties.setTokenEndpoint("https://example.auth.eu-west-1.amazoncognito.com/oauth2/token");
		properties.setScope(List.of("orders/read"));
		return properties;
	}

	private static LoggedRequest tokenRequest() {
		List<LoggedRequest> requests = cognito.findAll(postRequestedFor(urlEqualTo("/oauth2/token")));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	/**
	 * Decode a form body as a server would: split on {@code &} and {@code =}, then
	 * percent-decode as UTF-8.
	 */
	private static Map<String, String> formFields(String body) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String field : body.split("&", -1)) {
			String[] nameAndValue = field.split("=", 2);
			assertThat(nameAndValue).as("form field %s", nameAndValue[0]).hasSize(2);
			String previous = fields.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
					URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
			assertThat(previous).as("repeated form field %s", nameAndValue[0]).isNull();
		}
		return fields;
	}

	private static Map<String, String> json(String json) {
		assertThat(json).as("aws_client_metadata").isNotNull();
		return JsonMapper.builder().build().readValue(json, new TypeReference<Map<String, String>>() {
		});
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidCognitoPropertyFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
