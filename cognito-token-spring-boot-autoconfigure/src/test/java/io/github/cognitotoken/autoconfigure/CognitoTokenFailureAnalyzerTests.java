package io.github.cognitotoken.autoconfigure;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.endpoint.ClientAuthenticationMethod;
import io.github.cognitotoken.endpoint.CognitoClientRegistration;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.github.cognitotoken.endpoint.TokenFailureHints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.http.client.JdkClientHttpRequestFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link CognitoTokenFailureAnalyzer}: the advice about a failed token request
 * is printed once, its meaning in the description and the properties to check in the
 * action.
 */
class CognitoTokenFailureAnalyzerTests {

	private static final String SECRET = "analyzer-secret-never-shown";

	/**
	 * An action that only names properties: "Check a, b and c." (a property may be
	 * followed by "; or set cognito.client.fail-fast=false ...").
	 */
	private static final Pattern PROPERTIES_ONLY = Pattern
		.compile("Check cognito\\.client\\.[a-z-]+((, | and )cognito\\.client\\.[a-z-]+)*[.;].*");

	@RegisterExtension
	static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void eachOAuth2ErrorIsExplainedOnceAndItsPropertiesNamed() {
		for (String code : List.of("invalid_client", "invalid_scope", "unauthorized_client", "unsupported_grant_type",
				"invalid_request", "invalid_grant")) {
			cognito.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"" + code + "\"}")));
			CognitoTokenException failure = fetchFailure();
			FailureAnalysis analysis = new CognitoTokenFailureAnalyzer(null).analyze(failure);
			String meaning = TokenFailureHints.of(failure).meaning();
			assertThat(meaning).as(code).isNotNull();
			String printed = analysis.getDescription() + "\n" + analysis.getAction();
			assertThat(occurrences(printed, meaning)).as(code).isOne();
			assertThat(analysis.getDescription()).as(code).contains("'" + code + "'").contains(meaning);
			assertThat(analysis.getAction()).as(code).matches(PROPERTIES_ONLY).doesNotContain(meaning);
			assertThat(printed).doesNotContain(SECRET);
		}
	}

	@Test
	void invalidClientNamesTheCredentialsAndTheAuthenticationMethod() {
		cognito.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\"}")));
		FailureAnalysis analysis = new CognitoTokenFailureAnalyzer(null).analyze(fetchFailure());
		assertThat(analysis.getAction()).isEqualTo("Check cognito.client.client-id and cognito.client.client-secret "
				+ "and cognito.client.client-authentication-method.");
	}

	@Test
	void wrongTokenEndpointIsExplainedOnce() {
		cognito.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(404)));
		CognitoTokenException failure = fetchFailure();
		FailureAnalysis analysis = new CognitoTokenFailureAnalyzer(null).analyze(failure);
		String meaning = TokenFailureHints.of(failure).meaning();
		assertThat(meaning).isNotNull();
		assertThat(occurrences(analysis.getDescription() + "\n" + analysis.getAction(), meaning)).isOne();
		assertThat(analysis.getAction()).isEqualTo("Check cognito.client.token-endpoint.");
	}

	@Test
	void failingTokenEndpointSuggestsFailFastOff() {
		cognito.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(503)));
		FailureAnalysis analysis = new CognitoTokenFailureAnalyzer(null).analyze(fetchFailure());
		assertThat(analysis.getAction()).startsWith("The token endpoint is failing")
			.contains("cognito.client.fail-fast=false");
	}

	@Test
	void unreachableTokenEndpointNamesTheEndpointAndTheTimeouts() {
		CognitoTokenException failure = catchThrowableOfType(CognitoTokenException.class,
				() -> client(URI.create("http://localhost:1/oauth2/token")).fetchToken());
		FailureAnalysis analysis = new CognitoTokenFailureAnalyzer(null).analyze(failure);
		assertThat(analysis.getAction()).matches(PROPERTIES_ONLY)
			.startsWith("Check cognito.client.token-endpoint and cognito.client.connect-timeout and "
					+ "cognito.client.read-timeout; or set cognito.client.fail-fast=false");
	}

	private CognitoTokenException fetchFailure() {
		return catchThrowableOfType(CognitoTokenException.class,
				() -> client(URI.create(cognito.baseUrl() + "/oauth2/token")).fetchToken());
	}

	private static TokenEndpointClient client(URI endpoint) {
		CognitoClientRegistration registration = new CognitoClientRegistration("1example23456789", SECRET, endpoint,
				List.of(), ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		return new TokenEndpointClient(registration, new JdkClientHttpRequestFactory(), Clock.systemUTC());
	}

	private static int occurrences(String text, String part) {
		Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
