package io.github.cognitotoken.autoconfigure;

import java.util.List;

import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.endpoint.TokenFailureHints;
import io.github.cognitotoken.endpoint.TokenFailureHints.Setting;

/**
 * Says which {@code cognito.client.*} properties to check when a token request fails, for
 * startup failure analyses and for the token manager's log. What the failure means comes
 * from {@link TokenFailureHints}, the one table, and is already in the exception message:
 * the advice only names the properties behind its settings.
 *
 * @author cognito-token contributors
 */
final class CognitoTokenFailureAdvice {

	private static final String FAIL_FAST = "cognito.client.fail-fast=false so that the application starts and "
			+ "requests the token again in the background";

	private CognitoTokenFailureAdvice() {
	}

	/**
	 * Return the advice for a client configured under the given prefix.
	 * @param cause the failure
	 * @param clientName the client's name ({@code default} for {@code cognito.client})
	 * @param endpointFromDomain whether the client names its token endpoint by
	 * {@code domain} and {@code region} rather than by {@code token-endpoint}
	 * @return the advice naming the properties that client sets
	 */
	static String advise(CognitoTokenException cause, String clientName, boolean endpointFromDomain) {
		return NamedCognitoClients.rename(advise(cause, endpointFromDomain), clientName);
	}

	private static String advise(CognitoTokenException cause, boolean endpointFromDomain) {
		List<Setting> settings = TokenFailureHints.of(cause).settings();
		if (settings.isEmpty()) {
			return cause.isRetryable() ? "The token endpoint is failing; try again later, or set " + FAIL_FAST + "."
					: "Check the cognito.client.* properties against the app client's settings.";
		}
		StringBuilder advice = new StringBuilder("Check ");
		for (int i = 0; i < settings.size(); i++) {
			if (i > 0) {
				advice.append((i < settings.size() - 1) ? ", " : " and ");
			}
			advice.append(property(settings.get(i), endpointFromDomain));
		}
		advice.append(cause.isRetryable() ? "; or set " + FAIL_FAST + "." : ".");
		return advice.toString();
	}

	private static String property(Setting setting, boolean endpointFromDomain) {
		return switch (setting) {
			case CLIENT_CREDENTIALS -> "cognito.client.client-id and cognito.client.client-secret";
			case CLIENT_ID -> "cognito.client.client-id";
			case CLIENT_AUTHENTICATION_METHOD -> "cognito.client.client-authentication-method";
			case SCOPE -> "cognito.client.scope";
			case TOKEN_ENDPOINT ->
				endpointFromDomain ? "cognito.client.domain and cognito.client.region (which make the token endpoint)"
						: "cognito.client.token-endpoint";
			case TIMEOUTS -> "cognito.client.connect-timeout and cognito.client.read-timeout";
		};
	}

}
