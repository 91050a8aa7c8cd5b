package io.github.cognitotoken.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.cognitotoken.CognitoTokenManager;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the auto-configuration processed ahead of time, as
 * {@code spring-boot-maven-plugin:process-aot} processes an application: the generated
 * code is compiled and the application context started from it with
 * {@code spring.aot.enabled=true}.
 */
class CognitoTokenAutoConfigurationAotTests {

	private static final String TOKEN_RESPONSE = "{\"access_token\":\"at-aot\",\"expires_in\":3600,\"token_type\":\"Bearer\"}";

	@Test
	@CompileWithForkedClassLoader
	void processedAheadOfTimeItFetchesTheTokenWithTheRunTimePropertiesAndTheRestClientSendsIt() {
		WireMockServer server = startServer();
		try {
			String[] buildTime = clientProperties(server, "/build-time", "build-secret", "build/scope");
			buildTime[0] = "cognito.client.client-id=build-time-client";
			String[] runTime = clientProperties(server, "", "demo-secret", "orders/read");
			processAndRun(buildTime, runTime, (context) -> {
				RestClient restClient = context.getBean(RestClient.class);
				restClient.get().uri("/orders").retrieve().toBodilessEntity();
				String basic = Base64.getEncoder()
					.encodeToString("demo-client:demo-secret".getBytes(StandardCharsets.UTF_8));
				server.verify(1, postRequestedFor(urlPathMatching(".*/oauth2/token")));
				server.verify(1,
						postRequestedFor(urlEqualTo("/oauth2/token"))
							.withHeader("Authorization", equalTo("Basic " + basic))
							.withRequestBody(equalTo("grant_type=client_credentials&scope=orders%2Fread")));
				server.verify(1,
						getRequestedFor(urlEqualTo("/orders")).withHeader("Authorization", equalTo("Bearer at-aot")));
			});
			// processing sent nothing, and the build-time values were not used
			server.verify(0, anyRequestedFor(urlPathMatching("/build-time.*")));
		}
		finally {
			server.stop();
		}
	}

	@Test
	@CompileWithForkedClassLoader
	void processedWithAClientItStaysActiveWhenDisabledAtRunTime() {
		WireMockServer server = startServer();
		try {
			String[] client = clientProperties(server, "", "demo-secret", "orders/read");
			String[] disabled = Stream.concat(Stream.of(client), Stream.of("cognito.client.enabled=false"))
				.toArray(String[]::new);
			processAndRun(client, disabled,
					(context) -> assertThat(context.getBeanNamesForType(CognitoTokenManager.class)).hasSize(1));
		}
		finally {
			server.stop();
		}
	}

	@Test
	@CompileWithForkedClassLoader
	void processedWithoutAClientItStaysInactiveWhenOneIsSetAtRunTime() {
		WireMockServer server = startServer();
		try {
			String[] client = clientProperties(server, "", "demo-secret", "orders/read");
			processAndRun(new String[0], client, (context) -> {
				assertThat(context.getBeanNamesForType(CognitoTokenManager.class)).isEmpty();
				assertThat(context.getBeanNamesForType(CognitoClientProperties.class)).isEmpty();
			});
			server.verify(0, anyRequestedFor(urlPathMatching(".*")));
		}
		finally {
			server.stop();
		}
	}

	@Test
	void aheadOfTimeProcessingContributesTheHintsTheLibraryNeeds() throws ClassNotFoundException {
		try (AnnotationConfigApplicationContext processed = new AnnotationConfigApplicationContext()) {
			TestPropertyValues.of(clientProperties("http://localhost:9", "demo-secret", "orders/read"))
				.applyTo(processed);
			processed.register(AutoConfigured.class);
			TestGenerationContext generationContext = new TestGenerationContext(AotTestTarget.class);
			new ApplicationContextAotGenerator().processAheadOfTime(processed, generationContext);
			RuntimeHints hints = generationContext.getRuntimeHints();
			// contributed through META-INF/spring/aot.factories
			assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/cognito-token/public_suffix_list.dat"))
				.accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection()
				.onFieldAccess("org.springframework.http.client.SimpleClientHttpRequest", "connection")).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection()
				.onFieldAccess("org.springframework.http.client.HttpComponentsClientHttpRequest", "httpRequest"))
				.accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(org.springframework.data.redis.connection.RedisConnectionFactory.class)).accepts(hints);
			// binding cognito.client.*: Spring Boot's hints for @ConfigurationProperties
			// beans
			assertThat(RuntimeHintsPredicates.reflection()
				.onMethodInvocation(CognitoClientProperties.class, "setClientId")).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection()
				.onMethodInvocation(CognitoClientProperties.Retry.class, "setInitialDelay")).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection()
				.onMethodInvocation(CognitoClientProperties.Cache.class, "setType")).accepts(hints);
		}
	}

	private static WireMockServer startServer() {
		WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
		server.start();
		server.stubFor(post(urlPathMatching(".*/oauth2/token")).willReturn(okJson(TOKEN_RESPONSE)));
		server.stubFor(get(urlPathMatching(".*/orders")).willReturn(ok()));
		return server;
	}

	private static String[] clientProperties(WireMockServer server, String pathPrefix, String secret, String scope) {
		return clientProperties(server.baseUrl() + pathPrefix, secret, scope);
	}

	private static String[] clientProperties(String baseUrl, String secret, String scope) {
		return new String[] { "cognito.client.client-id=demo-client", "cognito.client.client-secret=" + secret,
				"cognito.client.token-endpoint=" + baseUrl + "/oauth2/token", "cognito.client.base-url=" + baseUrl,
				"cognito.client.scope=" + scope };
	}

	/**
	 * Process a context with the build-time properties, compile the generated code, and
	 * start a new context from it with the run-time properties and
	 * {@code spring.aot.enabled=true}. The generated classes are named after the
	 * configuration classes: one processing per test.
	 */
	@SuppressWarnings("unchecked")
	private static void processAndRun(String[] buildTimeProperties, String[] runTimeProperties,
			Consumer<GenericApplicationContext> action) {
		TestGenerationContext generationContext = new TestGenerationContext(AotTestTarget.class);
		ClassName initializerName;
		try (AnnotationConfigApplicationContext processed = new AnnotationConfigApplicationContext()) {
			TestPropertyValues.of(buildTimeProperties).applyTo(processed);
			processed.register(AutoConfigured.class);
			initializerName = new ApplicationContextAotGenerator().processAheadOfTime(processed, generationContext);
		}
		generationContext.writeGeneratedContent();
		TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
			try (GenericApplicationContext context = new GenericApplicationContext()) {
				TestPropertyValues.of(runTimeProperties).applyTo(context);
				ApplicationContextInitializer<GenericApplicationContext> initializer = compiled
					.getInstance(ApplicationContextInitializer.class, initializerName.toString());
				initializer.initialize(context);
				TestPropertyValues.of(AotDetector.AOT_ENABLED + "=true").applyToSystemProperties(context::refresh);
				action.accept(context);
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
			CognitoTokenAutoConfiguration.class })
	static class AutoConfigured {

	}

	static class AotTestTarget {

	}

}
