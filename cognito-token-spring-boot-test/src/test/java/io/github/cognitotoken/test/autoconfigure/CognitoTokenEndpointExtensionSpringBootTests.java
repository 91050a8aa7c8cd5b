package io.github.cognitotoken.test.autoconfigure;

import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.test.endpoint.CognitoTokenEndpointExtension;
import io.github.cognitotoken.test.endpoint.TokenEndpointAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The README's example of {@link CognitoTokenEndpointExtension} in a
 * {@link SpringBootTest @SpringBootTest}: the extension starts before the context, whose
 * first token request it answers.
 */
@SpringBootTest(properties = { "cognito.client.client-id=orders-client", "cognito.client.client-secret=orders-secret",
		"cognito.client.target-hosts=api.example.com", "spring.main.web-application-type=none" })
class CognitoTokenEndpointExtensionSpringBootTests {

	@RegisterExtension
	static CognitoTokenEndpointExtension cognito = CognitoTokenEndpointExtension.create()
		.client("orders-client", "orders-secret", "orders/read", "orders/write");

	@DynamicPropertySource
	static void cognitoProperties(DynamicPropertyRegistry registry) {
		registry.add("cognito.client.token-endpoint", cognito::tokenEndpoint);
	}

	@Autowired
	CognitoTokenManager tokenManager;

	@Test
	void firstTokenComesFromTheExtensionWithEveryScopeEnabledOnTheClient() {
		String token = this.tokenManager.getToken();
		assertThat(cognito.issuedTokens("orders-client")).singleElement().satisfies((issued) -> {
			assertThat(issued.getValue()).isEqualTo(token);
			assertThat(issued.getScopes()).containsExactly("orders/read", "orders/write");
		});
	}

	@Test
	@DirtiesContext // the client stays failed (terminal backoff) after this test
	void rejectedClientIsReportedWithCognitosErrorCode() {
		this.tokenManager.getToken(); // the token requested at startup, before scripting
		cognito.answerNext(TokenEndpointAnswer.error("invalid_client"));
		this.tokenManager.invalidate();
		assertThatExceptionOfType(CognitoTokenException.class).isThrownBy(this.tokenManager::getToken)
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("invalid_client"));
		assertThat(cognito.tokenRequestCount("orders-client")).isEqualTo(2);
		assertThat(cognito.lastTokenRequest().getStatus()).isEqualTo(400);
		// the next test's context makes its own first request
		cognito.reset();
	}

}
