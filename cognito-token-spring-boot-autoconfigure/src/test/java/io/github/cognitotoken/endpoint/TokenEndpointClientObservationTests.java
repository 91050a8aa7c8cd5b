package io.github.cognitotoken.endpoint;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoTokenException;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.client.SimpleClientHttpRequestFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the {@code cognito.token.requests} observation of {@link TokenEndpointClient}
 * against a WireMock token endpoint.
 */
class TokenEndpointClientObservationTests {

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	@Test
	void successfulRequestIsObservedWithOutcomeSuccess() {
		cognito.stubFor(post("/oauth2/token")
			.willReturn(okJson("{\"access_token\":\"observed-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		client().fetchToken();
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("cognito.token.requests", 1)
			.hasObservationWithNameEqualTo("cognito.token.requests")
			.that()
			.hasBeenStarted()
			.hasBeenStopped()
			.hasContextualNameEqualTo("cognito token request")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasHighCardinalityKeyValue("server.address", "localhost")
			.doesNotHaveError();
	}

	@Test
	void oauth2ErrorIsObservedWithItsCode() {
		cognito.stubFor(post("/oauth2/token")
			.willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_client\"}")));
		assertThatExceptionOfType(CognitoTokenException.class).isThrownBy(client()::fetchToken);
		assertThat(this.registry).hasObservationWithNameEqualTo("cognito.token.requests")
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "failure")
			.hasLowCardinalityKeyValue("error.type", "invalid_client")
			.hasError();
	}

	@Test
	void transportFailureIsObservedWithItsKind() {
		cognito.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(503)));
		assertThatExceptionOfType(CognitoTokenException.class).isThrownBy(client()::fetchToken);
		assertThat(this.registry).hasObservationWithNameEqualTo("cognito.token.requests")
			.that()
			.hasLowCardinalityKeyValue("outcome", "failure")
			.hasLowCardinalityKeyValue("error.type", "http_503");
	}

	@Test
	void observationNeverCarriesTheSecretOrTheToken() {
		cognito.stubFor(post("/oauth2/token")
			.willReturn(okJson("{\"access_token\":\"observed-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
		client().fetchToken();
		assertThat(this.registry).hasObservationWithNameEqualTo("cognito.token.requests")
			.that()
			.satisfies((context) -> org.assertj.core.api.Assertions.assertThat(context.getAllKeyValues())
				.extracting(KeyValue::getValue)
				.noneMatch((value) -> value.contains("observed-token") || value.contains("observed-secret")));
	}

	private TokenEndpointClient client() {
		CognitoClientRegistration registration = new CognitoClientRegistration("observed-client", "observed-secret",
				URI.create(cognito.baseUrl() + "/oauth2/token"), List.of(),
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		return new TokenEndpointClient(registration, new SimpleClientHttpRequestFactory(), Clock.systemUTC(),
				this.registry);
	}

}
