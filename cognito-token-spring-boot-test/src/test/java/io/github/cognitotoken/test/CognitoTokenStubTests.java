package io.github.cognitotoken.test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenFetcher;
import io.github.cognitotoken.endpoint.ClientAuthenticationMethod;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link CognitoTokenStub}.
 */
class CognitoTokenStubTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.250Z");

	private static final CognitoTestTokenIssuer issuer = CognitoTestTokenIssuer.create();

	private final CognitoTokenStub stub = CognitoTokenStub.of(issuer, Duration.ofMinutes(10),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void fetcherIssuesATokenWithTheClientsIdAndScopesValidForTheLifetimeFromNow() {
		CognitoTokenFetcher fetcher = this.stub.create("orders", registration("orders-client", "orders/read"));
		CognitoAccessToken accessToken = fetcher.fetchToken();
		assertThat(accessToken.getIssuedAt()).isEqualTo(NOW);
		assertThat(accessToken.getExpiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
		CognitoTestToken token = this.stub.getTokenIssuer().verify(accessToken.getValue());
		assertThat(token.getClientId()).isEqualTo("orders-client");
		assertThat(token.getScopes()).containsExactly("orders/read");
		assertThat(this.stub.getLastToken("orders")).isEqualTo(token);
	}

	@Test
	void countsTokenRequestsPerClient() {
		CognitoTokenFetcher orders = this.stub.create("orders", registration("orders-client"));
		this.stub.create("billing", registration("billing-client"));
		orders.fetchToken();
		orders.fetchToken();
		assertThat(this.stub.getClientNames()).containsExactly("orders", "billing");
		assertThat(this.stub.getTokenRequests("orders")).isEqualTo(2);
		assertThat(this.stub.getTokenRequests("billing")).isZero();
		assertThat(this.stub.getTokenRequests()).isEqualTo(2);
		assertThat(this.stub.getIssuedTokens("orders")).hasSize(2).doesNotHaveDuplicates();
		this.stub.reset();
		assertThat(this.stub.getTokenRequests("orders")).isZero();
		assertThat(this.stub.getClientNames()).containsExactly("orders", "billing");
	}

	@Test
	void unknownClientNameIsRejectedWithTheKnownNames() {
		this.stub.create("orders", registration("orders-client"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.stub.getTokenRequests("order"))
			.withMessage("No Cognito client named 'order' has a fetcher from this stub; clients: [orders] "
					+ "(the default client is named 'default')");
	}

	@Test
	void lastTokenOfAClientThatAskedForNoneIsAnError() {
		this.stub.create("orders", registration("orders-client"));
		assertThatIllegalStateException().isThrownBy(() -> this.stub.getLastToken("orders"))
			.withMessage("Cognito client 'orders' has not asked for a token yet");
	}

	@Test
	void lifetimeShorterThanOneSecondIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CognitoTokenStub.of(issuer, Duration.ofMillis(500), Clock.systemUTC()))
			.withMessage("'lifetime' must be at least 1 second");
	}

	private static CognitoClientRegistration registration(String clientId, String... scopes) {
		return new CognitoClientRegistration(clientId, "secret-never-used",
				URI.create("https://example.auth.eu-west-1.amazoncognito.com/oauth2/token"), List.of(scopes),
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
	}

}
