package io.github.cognitotoken.endpoint;

import java.util.List;

import io.github.cognitotoken.CognitoTokenException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The one table of what a failed token request most likely means for the client's
 * configuration, and which settings to check. {@link TokenEndpointClient} puts the
 * meaning into its exception messages; a configuration layer such as Spring Boot's
 * auto-configuration names the properties behind the settings, without repeating the
 * meaning.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class TokenFailureHints {

	private static final Hint NONE = new Hint(null, List.of());

	private static final Hint WRONG_TOKEN_ENDPOINT = new Hint(
			"Check the token endpoint URL: Cognito's is https://<domain>/oauth2/token",
			List.of(Setting.TOKEN_ENDPOINT));

	private TokenFailureHints() {
	}

	/**
	 * Return the hint for a failure.
	 * @param failure the failure of a token request
	 * @return the hint, without meaning or settings when nothing is known about the
	 * failure
	 */
	public static Hint of(CognitoTokenException failure) {
		Assert.notNull(failure, "'failure' must not be null");
		String code = failure.getErrorCode();
		if (code != null) {
			return forErrorCode(code);
		}
		Integer status = failure.getHttpStatus();
		return switch (failure.getKind()) {
			case HTTP_ERROR -> (status != null) ? forHttpStatus(status) : NONE;
			case TIMEOUT, CONNECTION_FAILURE -> new Hint(null, List.of(Setting.TOKEN_ENDPOINT, Setting.TIMEOUTS));
			case INVALID_RESPONSE -> new Hint(null, List.of(Setting.TOKEN_ENDPOINT));
			default -> NONE;
		};
	}

	static Hint forErrorCode(String errorCode) {
		return switch (errorCode) {
			case "invalid_client" -> new Hint(
					"The client id or client secret is wrong, or the app client expects the other client "
							+ "authentication method (client_secret_basic or client_secret_post)",
					List.of(Setting.CLIENT_CREDENTIALS, Setting.CLIENT_AUTHENTICATION_METHOD));
			case "invalid_scope" -> new Hint("A requested scope is not enabled on the app client; custom scopes are "
					+ "written <resource-server-identifier>/<scope>", List.of(Setting.SCOPE));
			case "unauthorized_client" -> new Hint("The app client is not allowed to use the client credentials "
					+ "grant; enable it in the app client's settings", List.of(Setting.CLIENT_ID));
			case "unsupported_grant_type" -> new Hint(
					"The server does not accept grant_type=client_credentials for this client; check the token "
							+ "endpoint URL and the app client's allowed OAuth flows",
					List.of(Setting.TOKEN_ENDPOINT, Setting.CLIENT_ID));
			case "invalid_request" -> new Hint(
					"The server could not read the token request; check the token "
							+ "endpoint URL and the client authentication method",
					List.of(Setting.TOKEN_ENDPOINT, Setting.CLIENT_AUTHENTICATION_METHOD));
			case "invalid_grant" -> new Hint("The server refused the client credentials grant for this client",
					List.of(Setting.CLIENT_CREDENTIALS));
			default -> new Hint(null, List.of(Setting.CLIENT_CREDENTIALS, Setting.SCOPE));
		};
	}

	static Hint forHttpStatus(int status) {
		if (status == 404 || status == 405) {
			return WRONG_TOKEN_ENDPOINT;
		}
		boolean configurationError = status >= 400 && status < 500 && status != 408 && status != 429;
		return configurationError ? new Hint(null, List.of(Setting.TOKEN_ENDPOINT)) : NONE;
	}

	/**
	 * What a failure most likely means, and the settings to check.
	 *
	 * @param meaning what the failure most likely means, as exception messages show it,
	 * or {@code null} when messages show none
	 * @param settings the settings to check, most likely first, possibly empty
	 */
	public record Hint(@Nullable String meaning, List<Setting> settings) {

		/**
		 * Create a new hint.
		 * @param meaning what the failure most likely means, or {@code null}
		 * @param settings the settings to check
		 */
		public Hint {
			settings = List.copyOf(settings);
		}

	}

	/**
	 * A setting of the client that a failure may point at.
	 */
	public enum Setting {

		/**
		 * The client id and the client secret.
		 */
		CLIENT_CREDENTIALS,

		/**
		 * The client id alone (for example, whether it names an app client that may use
		 * the client credentials grant).
		 */
		CLIENT_ID,

		/**
		 * How the client authenticates: {@code client_secret_basic} or
		 * {@code client_secret_post}.
		 */
		CLIENT_AUTHENTICATION_METHOD,

		/**
		 * The requested scopes.
		 */
		SCOPE,

		/**
		 * The URL of the token endpoint.
		 */
		TOKEN_ENDPOINT,

		/**
		 * The connect and read timeouts of token requests.
		 */
		TIMEOUTS

	}

}
