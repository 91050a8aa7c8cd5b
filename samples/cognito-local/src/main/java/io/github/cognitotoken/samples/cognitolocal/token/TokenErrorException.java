package io.github.cognitotoken.samples.cognitolocal.token;

/**
 * A token request that fails with one of Cognito's OAuth error codes, answered with HTTP
 * 400 and {@code {"error":"<code>"}}.
 */
public class TokenErrorException extends RuntimeException {

	/** The request is missing a parameter or is otherwise malformed. */
	public static final String INVALID_REQUEST = "invalid_request";

	/** Unknown client, wrong secret or no client credentials. */
	public static final String INVALID_CLIENT = "invalid_client";

	/** The client may not use the client-credentials grant. */
	public static final String UNAUTHORIZED_CLIENT = "unauthorized_client";

	/** The grant type is not {@code client_credentials}. */
	public static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";

	/** A requested scope is not allowed for the client. */
	public static final String INVALID_SCOPE = "invalid_scope";

	private final String error;

	/**
	 * Create a new instance.
	 * @param error the OAuth error code
	 * @param reason a reason for logs; it must contain no secret
	 */
	public TokenErrorException(String error, String reason) {
		super(error + ": " + reason, null, false, false);
		this.error = error;
	}

	/**
	 * Make a request value safe to include in a reason: control characters are replaced
	 * and long values are cut.
	 * @param value the value from the request
	 * @return the value, quoted
	 */
	static String quote(String value) {
		String safe = value.replaceAll("\\p{Cntrl}", "?");
		return "'" + ((safe.length() > 100) ? safe.substring(0, 100) + "..." : safe) + "'";
	}

	/**
	 * Return the OAuth error code.
	 * @return the error code
	 */
	public String getError() {
		return this.error;
	}

}
