package io.github.cognitotoken.endpoint;

import org.jspecify.annotations.Nullable;

/**
 * What an OAuth2 error code from the Cognito token endpoint most likely means for the
 * client's configuration.
 *
 * @author cognito-token contributors
 */
final class OAuth2ErrorHints {

	private OAuth2ErrorHints() {
	}

	static @Nullable String hint(String errorCode) {
		return switch (errorCode) {
			case "invalid_client" -> "The client id or client secret is wrong, or the app client expects the other "
					+ "client authentication method (client_secret_basic or client_secret_post)";
			case "invalid_scope" -> "A requested scope is not enabled on the app client; custom scopes are written "
					+ "<resource-server-identifier>/<scope>";
			case "unauthorized_client" ->
				"The app client is not allowed to use the client credentials grant; enable it in the app client's settings";
			case "unsupported_grant_type" ->
				"The server does not accept grant_type=client_credentials for this client; "
						+ "check the token endpoint URL and the app client's allowed OAuth flows";
			case "invalid_request" -> "The server could not read the token request; check the token endpoint URL "
					+ "and the client authentication method";
			case "invalid_grant" -> "The server refused the client credentials grant for this client";
			default -> null;
		};
	}

}
