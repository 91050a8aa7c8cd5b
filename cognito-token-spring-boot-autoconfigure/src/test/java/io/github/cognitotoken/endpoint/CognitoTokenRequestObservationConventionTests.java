package io.github.cognitotoken.endpoint;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoTokenException;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.client.SimpleClientHttpRequestFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CognitoTokenRequestObservationContext},
 * {@link DefaultCognitoTokenRequestObservationConvention} and a custom
 * {@link CognitoTokenRequestObservationConvention} on {@link TokenEndpointClient}.
 */
class CognitoTokenRequestObservationConventionTests {

	private static final String SECRET = "convention-secret";

	private static final String TOKEN = "convention-token";

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	@Test
	void contextCarriesTheRegistrationsNonSecretFactsAndTheOutcome() {
		stubToken();
		client(null).fetchToken();
		assertThat(this.registry).hasObservationWithNameEqualTo("cognito.token.requests")
			.that()
			.isInstanceOfSatisfying(CognitoTokenRequestObservationContext.class, (context) -> {
				assertThat(context.getClientIdPrefix()).isEqualTo("conv...");
				assertThat(context.getTokenEndpointHost()).isEqualTo("localhost");
				assertThat(context.getScopes()).containsExactly("orders/read", "orders/write");
				assertThat(context.getOutcome()).isEqualTo(CognitoTokenRequestObservationContext.Outcome.SUCCESS);
				assertThat(context.getTokenException()).isNull();
			});
	}

	@Test
	void contextCarriesTheFailure() {
		cognito.stubFor(post("/oauth2/token")
			.willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_scope\"}")));
		CognitoTokenException failure = org.assertj.core.api.Assertions
			.catchThrowableOfType(CognitoTokenException.class, () -> client(null).fetchToken());
		assertThat(this.registry).hasObservationWithNameEqualTo("cognito.token.requests")
			.that()
			.isInstanceOfSatisfying(CognitoTokenRequestObservationContext.class, (context) -> {
				assertThat(context.getOutcome()).isEqualTo(CognitoTokenRequestObservationContext.Outcome.FAILURE);
				assertThat(context.getTokenException()).isSameAs(failure);
				assertThat(context.getError()).isSameAs(failure);
			});
	}

	@Test
	void customConventionAddsAKeyValueAndKeepsTheDefaultOnes() {
		stubToken();
		client(new ScopeConvention()).fetchToken();
		assertThat(this.registry).hasObservationWithNameEqualTo("cognito.token.requests")
			.that()
			.hasContextualNameEqualTo("cognito token request")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasLowCardinalityKeyValue("scope", "orders/read orders/write")
			.hasHighCardinalityKeyValue("server.address", "localhost");
	}

	@Test
	void customConventionCanRenameTheObservation() {
		stubToken();
		client(new DefaultCognitoTokenRequestObservationConvention() {

			@Override
			public String getName() {
				return "my.token.requests";
			}

		}).fetchToken();
		assertThat(this.registry).hasNumberOfObservationsEqualTo(1)
			.hasNumberOfObservationsWithNameEqualTo("my.token.requests", 1);
	}

	@Test
	void failureWithAnUnexpectedExceptionHasTheUnexpectedErrorType() {
		CognitoTokenRequestObservationContext context = new CognitoTokenRequestObservationContext(registration());
		context.setOutcome(CognitoTokenRequestObservationContext.Outcome.FAILURE);
		context.setError(new IllegalStateException("boom"));
		assertThat(new DefaultCognitoTokenRequestObservationConvention().getLowCardinalityKeyValues(context))
			.containsExactly(KeyValue.of("client", "default"), KeyValue.of("error.type", "unexpected"),
					KeyValue.of("outcome", "failure"));
	}

	@Test
	void noKeyValueHoldsTheSecretOrTheTokenWhateverTheOutcome() {
		stubToken();
		client(new ScopeConvention()).fetchToken();
		cognito.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(503)));
		assertThatExceptionOfType(CognitoTokenException.class)
			.isThrownBy(() -> client(new ScopeConvention()).fetchToken());
		assertThat(this.registry)
			.hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts).hasSize(2).allSatisfy((context) -> {
				assertThat(context.getAllKeyValues()).extracting(KeyValue::getValue)
					.noneMatch((value) -> value.contains(SECRET) || value.contains(TOKEN));
				assertThat(context.toString()).doesNotContain(SECRET).doesNotContain(TOKEN);
			}));
	}

	private static void stubToken() {
		cognito.stubFor(post("/oauth2/token")
			.willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
	}

	private TokenEndpointClient client(CognitoTokenRequestObservationConvention convention) {
		TokenEndpointClient client = new TokenEndpointClient(registration(), new SimpleClientHttpRequestFactory(),
				Clock.systemUTC(), this.registry);
		client.setObservationConvention(convention);
		return client;
	}

	private static CognitoClientRegistration registration() {
		return new CognitoClientRegistration("convention-client", SECRET,
				URI.create(cognito.baseUrl() + "/oauth2/token"), List.of("orders/read", "orders/write"),
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
	}

	static class ScopeConvention extends DefaultCognitoTokenRequestObservationConvention {

		@Override
		public KeyValues getLowCardinalityKeyValues(CognitoTokenRequestObservationContext context) {
			return super.getLowCardinalityKeyValues(context)
				.and(KeyValue.of("scope", String.join(" ", context.getScopes())));
		}

	}

}
