package io.github.cognitotoken.endpoint;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.CognitoTokenManagerTestSupport;
import io.github.cognitotoken.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.client.SimpleClientHttpRequestFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Client secret rotation against a local token endpoint that accepts some secrets and
 * answers {@code invalid_client} to the others, as Cognito does while an app client holds
 * two secrets.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretRotationTests {

	private static final String SECRET_A = "secret-a-0123456789abcdefghij";

	private static final String SECRET_B = "secret-b-0123456789abcdefghij";

	private static final String CLIENT_ID = "rotation-client";

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = MutableClock.startingAt("2026-08-01T10:00:00Z");

	@BeforeEach
	void reset() {
		cognito.resetAll();
	}

	@Test
	void previousSecretIsTriedAtOnceWhenTheSecretIsRejectedAndKeptFromThenOn(CapturedOutput output) {
		accept(SECRET_A);
		CognitoTokenManager manager = manager(registration(SECRET_B).withPreviousClientSecret(SECRET_A));
		assertThat(manager.getToken()).isEqualTo("token-a");
		assertThat(requestsWith(SECRET_B)).isEqualTo(1);
		assertThat(requestsWith(SECRET_A)).isEqualTo(1);
		assertThat(manager.getStatus().consecutiveFailures()).isZero();
		assertThat(manager.getStatus().lastFailure()).isNull();
		// the next renewals send the secret that worked, alone
		renew(manager);
		renew(manager);
		assertThat(requestsWith(SECRET_B)).isEqualTo(1);
		assertThat(requestsWith(SECRET_A)).isEqualTo(3);
		assertThat(output)
			.containsOnlyOnce("The Cognito token endpoint rejected the client secret (client-secret) of client "
					+ "'default' (rota...) with invalid_client: trying the previous client secret "
					+ "(previous-client-secret) at once")
			.containsOnlyOnce("The Cognito token endpoint accepted the previous client secret "
					+ "(previous-client-secret) of client 'default' (rota...); it is sent from now on")
			.doesNotContain(SECRET_A)
			.doesNotContain(SECRET_B)
			.doesNotContain("ERROR");
	}

	@Test
	void keptPreviousSecretGivesWayToTheSecretOnceCognitoDeletesIt(CapturedOutput output) {
		// the configuration moved to B before B was added in Cognito
		accept(SECRET_A);
		CognitoTokenManager manager = manager(registration(SECRET_B).withPreviousClientSecret(SECRET_A));
		manager.getToken();
		// B added in Cognito, then A deleted
		accept(SECRET_A, SECRET_B);
		renew(manager);
		accept(SECRET_B);
		renew(manager);
		assertThat(manager.getToken()).isEqualTo("token-b");
		assertThat(manager.getStatus().lastFailure()).isNull();
		renew(manager);
		// B, A (first token); A (renewal while both are accepted); A, B; B
		assertThat(requestsWith(SECRET_A)).isEqualTo(3);
		assertThat(requestsWith(SECRET_B)).isEqualTo(3);
		assertThat(output).containsOnlyOnce("accepted the client secret (client-secret) of client 'default'")
			.doesNotContain(SECRET_A)
			.doesNotContain(SECRET_B);
	}

	@Test
	void bothSecretsRejectedCostTwoRequestsPerAttemptAndFailAsInvalidClient() {
		accept("some-other-secret-0123456789");
		CognitoTokenManager manager = manager(registration(SECRET_B).withPreviousClientSecret(SECRET_A));
		CognitoTokenException ex = catchThrowableOfType(CognitoTokenException.class, manager::getToken);
		assertThat(ex.getErrorCode()).isEqualTo("invalid_client");
		assertThat(tokenRequests()).isEqualTo(2);
		// the terminal delay applies as without a previous secret
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(catchThrowableOfType(CognitoTokenException.class, manager::getToken)).isNotNull();
		assertThat(tokenRequests()).isEqualTo(2);
	}

	@Test
	void otherFailuresDoNotSwitchSecrets() {
		cognito.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_scope\"}")));
		CognitoTokenManager manager = manager(registration(SECRET_B).withPreviousClientSecret(SECRET_A));
		assertThat(catchThrowableOfType(CognitoTokenException.class, manager::getToken)).isNotNull();
		assertThat(requestsWith(SECRET_A)).isZero();
		assertThat(tokenRequests()).isOne();
	}

	@Test
	void secretProviderIsAskedBeforeEachTokenRequestWithTheClientName() {
		accept(SECRET_A, SECRET_B);
		AtomicReference<CognitoClientSecrets> current = new AtomicReference<>(CognitoClientSecrets.of(SECRET_A));
		List<String> names = new ArrayList<>();
		TokenEndpointClient client = client(registration("configured-secret-0123456789"));
		client.setClientName("orders");
		client.setClientSecretProvider((name) -> {
			names.add(name);
			return current.get();
		});
		CognitoTokenManager manager = CognitoTokenManager.builder(client).clock(this.clock).build();
		manager.getToken();
		current.set(CognitoClientSecrets.of(SECRET_B));
		renew(manager);
		assertThat(requestsWith(SECRET_A)).isOne();
		assertThat(requestsWith(SECRET_B)).isOne();
		assertThat(names).containsExactly("orders", "orders");
	}

	@Test
	void rotatedSecretIsSentInTheFormBodyWithClientSecretPost() {
		cognito.stubFor(post("/oauth2/token").withRequestBody(containing("client_secret=" + SECRET_A))
			.willReturn(okJson(tokenJson("token-a"))));
		cognito.stubFor(post("/oauth2/token").withRequestBody(containing("client_secret=" + SECRET_B))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\"}")));
		CognitoClientRegistration registration = new CognitoClientRegistration(CLIENT_ID, SECRET_B, tokenEndpoint(),
				List.of(), ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.withPreviousClientSecret(SECRET_A);
		assertThat(manager(registration).getToken()).isEqualTo("token-a");
		assertThat(tokenRequests()).isEqualTo(2);
	}

	@Test
	void failingSecretProviderIsAFailureThatNamesItWithoutItsMessage() {
		TokenEndpointClient client = client(registration(SECRET_A));
		client.setClientSecretProvider((name) -> {
			throw new IllegalStateException("could not read " + SECRET_B);
		});
		CognitoTokenException ex = catchThrowableOfType(CognitoTokenException.class, client::fetchToken);
		assertThat(ex.getMessage())
			.isEqualTo("The client secret provider of client 'default' (rota...) failed with "
					+ "java.lang.IllegalStateException")
			.doesNotContain(SECRET_B);
		assertThat(tokenRequests()).isZero();
	}

	@Test
	void secretsNeverShowInToString() {
		CognitoClientSecrets secrets = CognitoClientSecrets.of(SECRET_B, SECRET_A);
		assertThat(secrets.toString()).doesNotContain(SECRET_A).doesNotContain(SECRET_B);
		assertThat(registration(SECRET_B).withPreviousClientSecret(SECRET_A).toString()).doesNotContain(SECRET_A)
			.doesNotContain(SECRET_B);
		assertThat(CognitoClientSecrets.of(SECRET_B, SECRET_B).getPreviousClientSecret()).isNull();
		assertThat(CognitoClientSecrets.of(SECRET_B, "").getPreviousClientSecret()).isNull();
	}

	private void renew(CognitoTokenManager manager) {
		this.clock.advance(Duration.ofMinutes(59));
		manager.getToken();
	}

	private CognitoTokenManager manager(CognitoClientRegistration registration) {
		return CognitoTokenManagerTestSupport
			.withJitter(CognitoTokenManager.builder(client(registration)).clock(this.clock), () -> 0)
			.build();
	}

	private TokenEndpointClient client(CognitoClientRegistration registration) {
		return new TokenEndpointClient(registration, new SimpleClientHttpRequestFactory(), this.clock);
	}

	private static CognitoClientRegistration registration(String secret) {
		return new CognitoClientRegistration(CLIENT_ID, secret, tokenEndpoint(), List.of(),
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
	}

	private static URI tokenEndpoint() {
		return URI.create(cognito.baseUrl() + "/oauth2/token");
	}

	/**
	 * Make the token endpoint accept the given secrets, each with its own token, and
	 * answer invalid_client to any other.
	 */
	static void accept(String... secrets) {
		cognito.resetMappings();
		cognito.stubFor(post("/oauth2/token").atPriority(10)
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\"}")));
		for (String secret : secrets) {
			cognito.stubFor(post("/oauth2/token").atPriority(1)
				.withHeader("Authorization", equalTo(basic(secret)))
				.willReturn(okJson(tokenJson(
						secret.equals(SECRET_A) ? "token-a" : secret.equals(SECRET_B) ? "token-b" : "token-other"))));
		}
	}

	private static int requestsWith(String secret) {
		return cognito
			.countRequestsMatching(
					postRequestedFor(urlEqualTo("/oauth2/token")).withHeader("Authorization", equalTo(basic(secret)))
						.build())
			.getCount();
	}

	private static int tokenRequests() {
		return cognito.countRequestsMatching(postRequestedFor(urlEqualTo("/oauth2/token")).build()).getCount();
	}

	private static String basic(String secret) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((CLIENT_ID + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	private static String tokenJson(String token) {
		return "{\"access_token\":\"" + token + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}";
	}

}
