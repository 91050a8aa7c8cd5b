package io.github.cognitotoken.autoconfigure;

import io.github.cognitotoken.CognitoTokenException;

/**
 * Says which {@code cognito.client.*} property is probably wrong when a token request
 * fails, for startup failure analyses and for the token manager's log.
 *
 * @author cognito-token contributors
 */
final class CognitoTokenFailureAdvice {

	private CognitoTokenFailureAdvice() {
	}

	static String advise(CognitoTokenException cause) {
		String code = cause.getErrorCode();
		if (code != null) {
			return switch (code) {
				case "invalid_client" -> "Check cognito.client.client-id and cognito.client.client-secret, and that "
						+ "cognito.client.client-authentication-method matches the app client.";
				case "invalid_scope" -> "Check cognito.client.scope: every scope must be a custom scope enabled on the "
						+ "app client, written <resource-server-identifier>/<scope>.";
				case "unauthorized_client", "unsupported_grant_type" ->
					"Enable the client credentials grant on the app client, and check that cognito.client.client-id "
							+ "names an app client with a secret.";
				case "invalid_request" ->
					"Check cognito.client.token-endpoint and " + "cognito.client.client-authentication-method.";
				default -> "Check the cognito.client.* properties against the app client's settings.";
			};
		}
		Integer status = cause.getHttpStatus();
		return switch (cause.getKind()) {
			case HTTP_ERROR -> (status != null && status >= 400 && status < 500 && status != 408 && status != 429)
					? "Check cognito.client.token-endpoint: it should be your user pool domain's /oauth2/token URL."
					: "The token endpoint is failing; try again later, or set cognito.client.fail-fast=false so "
							+ "the application starts and requests the token again on first use.";
			case TIMEOUT,
					CONNECTION_FAILURE ->
				"Check that cognito.client.token-endpoint is reachable from this "
						+ "host, and cognito.client.connect-timeout and cognito.client.read-timeout; or set "
						+ "cognito.client.fail-fast=false so the application starts without a token.";
			case INVALID_RESPONSE -> "Check that cognito.client.token-endpoint points at the Cognito token endpoint "
					+ "(/oauth2/token) and not at another page or a proxy.";
			default -> "Check the cognito.client.* properties.";
		};
	}

}
