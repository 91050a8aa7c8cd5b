package io.github.cognitotoken;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when no access token could be obtained from the Cognito token endpoint. Carries
 * what a caller or an operator needs to react: the OAuth2 error code, the HTTP status,
 * the kind of failure and whether trying again later can help.
 * <p>
 * Messages never contain the client secret or a token value. Created with the static
 * factory of each {@link Kind}, for example {@link #oauth2Error(String, String, int)}.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public class CognitoTokenException extends RuntimeException {

	private final Kind kind;

	private final @Nullable String errorCode;

	private final @Nullable Integer httpStatus;

	private final boolean retryable;

	private final @Nullable Duration retryAfter;

	private CognitoTokenException(Kind kind, String message, @Nullable String errorCode, @Nullable Integer httpStatus,
			boolean retryable, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.errorCode = errorCode;
		this.httpStatus = httpStatus;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	/**
	 * Return a failure for an OAuth2 error response (HTTP 400 or 401 with a JSON
	 * {@code error}): a configuration error that retrying cannot fix.
	 * @param message what went wrong, never a secret or a token
	 * @param errorCode the OAuth2 {@code error} code, for example {@code invalid_client}
	 * @param httpStatus the HTTP status of the response
	 * @return the failure
	 */
	public static CognitoTokenException oauth2Error(String message, String errorCode, int httpStatus) {
		return new CognitoTokenException(Kind.OAUTH2_ERROR, message, errorCode, httpStatus, false, null, null);
	}

	/**
	 * Return a failure for a response with an unexpected HTTP status and no OAuth2 error.
	 * @param message what went wrong, never a secret or a token
	 * @param httpStatus the HTTP status of the response
	 * @param retryable whether trying again later can help (429, 5xx)
	 * @param retryAfter the delay the server asked for with {@code Retry-After}, if any
	 * @return the failure
	 */
	public static CognitoTokenException httpError(String message, int httpStatus, boolean retryable,
			@Nullable Duration retryAfter) {
		return new CognitoTokenException(Kind.HTTP_ERROR, message, null, httpStatus, retryable, retryAfter, null);
	}

	/**
	 * Return a failure for a response that is not a usable token response, or a token
	 * that cannot be used.
	 * @param message what went wrong, never a secret or a token
	 * @param httpStatus the HTTP status of the response, if one arrived
	 * @param retryable whether trying again later can help
	 * @return the failure
	 */
	public static CognitoTokenException invalidResponse(String message, @Nullable Integer httpStatus,
			boolean retryable) {
		return new CognitoTokenException(Kind.INVALID_RESPONSE, message, null, httpStatus, retryable, null, null);
	}

	/**
	 * Return a failure for a token request that did not complete in time.
	 * @param message what went wrong, never a secret or a token
	 * @param cause the cause, if any
	 * @return the failure
	 */
	public static CognitoTokenException timeout(String message, @Nullable Throwable cause) {
		return new CognitoTokenException(Kind.TIMEOUT, message, null, null, true, null, cause);
	}

	/**
	 * Return a failure for a token endpoint that could not be reached.
	 * @param message what went wrong, never a secret or a token
	 * @param cause the cause
	 * @return the failure
	 */
	public static CognitoTokenException connectionFailure(String message, @Nullable Throwable cause) {
		return new CognitoTokenException(Kind.CONNECTION_FAILURE, message, null, null, true, null, cause);
	}

	/**
	 * Return a failure for a thread that was interrupted, or a manager that stopped,
	 * while it waited for a token.
	 * @param message what went wrong
	 * @param cause the cause, if any
	 * @return the failure
	 */
	public static CognitoTokenException interrupted(String message, @Nullable Throwable cause) {
		return new CognitoTokenException(Kind.INTERRUPTED, message, null, null, true, null, cause);
	}

	/**
	 * Return a failure for a token that was needed while the token request budget was
	 * spent: no request was sent.
	 * @param message what went wrong, including when the budget refills
	 * @param refillsIn how long until the next token request may be sent
	 * @return the failure
	 * @since 0.1.0
	 */
	public static CognitoTokenException budgetSpent(String message, Duration refillsIn) {
		return new CognitoTokenException(Kind.BUDGET_SPENT, message, null, null, true, refillsIn, null);
	}

	/**
	 * Return a failure for a token fetcher that failed with an unexpected exception.
	 * @param message what went wrong, never a secret or a token
	 * @param cause the unexpected exception
	 * @return the failure
	 */
	public static CognitoTokenException unexpected(String message, Throwable cause) {
		return new CognitoTokenException(Kind.UNEXPECTED, message, null, null, true, null, cause);
	}

	/**
	 * Return a failure like this one with another message, caused by this one.
	 * @param message the message
	 * @return the failure
	 */
	CognitoTokenException withMessage(String message) {
		return new CognitoTokenException(this.kind, message, this.errorCode, this.httpStatus, this.retryable,
				this.retryAfter, this);
	}

	/**
	 * Return the kind of failure.
	 * @return the kind
	 */
	public Kind getKind() {
		return this.kind;
	}

	/**
	 * Return the OAuth2 {@code error} code sent by the token endpoint, for example
	 * {@code invalid_client}, or {@code null} when the failure was not an OAuth2 error
	 * response.
	 * @return the OAuth2 error code or {@code null}
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Return the HTTP status of the token endpoint's response, or {@code null} when no
	 * response was received.
	 * @return the HTTP status or {@code null}
	 */
	public @Nullable Integer getHttpStatus() {
		return this.httpStatus;
	}

	/**
	 * Return whether trying again later can succeed without a configuration change.
	 * {@code false} for errors such as {@code invalid_client} or {@code invalid_scope}.
	 * @return whether a retry can help
	 */
	public boolean isRetryable() {
		return this.retryable;
	}

	/**
	 * Return the delay the token endpoint asked for with a {@code Retry-After} header
	 * (for {@link Kind#BUDGET_SPENT}, the time until the budget refills), or {@code null}
	 * when there is none.
	 * @return the requested delay or {@code null}
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * Return a short, stable description of the cause suitable for a metric tag or a
	 * health detail: the OAuth2 error code when there is one, otherwise the kind of
	 * failure (for example {@code http_503} or {@code timeout}).
	 * @return the error tag
	 */
	public String getErrorTag() {
		if (this.errorCode != null) {
			return this.errorCode;
		}
		if (this.kind == Kind.HTTP_ERROR && this.httpStatus != null) {
			return "http_" + this.httpStatus;
		}
		return this.kind.tag;
	}

	/**
	 * The kinds of failure.
	 *
	 * @since 0.1.0
	 */
	public enum Kind {

		/**
		 * The token endpoint answered with an OAuth2 error response (HTTP 400 or 401 with
		 * a JSON {@code error}).
		 */
		OAUTH2_ERROR("oauth2_error"),

		/**
		 * The token endpoint answered with an unexpected HTTP status and no OAuth2 error.
		 */
		HTTP_ERROR("http_error"),

		/**
		 * The token endpoint answered 200 but the body is not a usable token response.
		 */
		INVALID_RESPONSE("invalid_response"),

		/**
		 * Connecting to or reading from the token endpoint took longer than the
		 * configured timeout.
		 */
		TIMEOUT("timeout"),

		/**
		 * The connection to the token endpoint failed.
		 */
		CONNECTION_FAILURE("connection_failure"),

		/**
		 * The calling thread was interrupted while it waited for a token.
		 */
		INTERRUPTED("interrupted"),

		/**
		 * The token fetcher failed with an unexpected exception.
		 */
		UNEXPECTED("unexpected"),

		/**
		 * A token was needed but the token request budget was spent, so no request was
		 * sent; {@link CognitoTokenException#getRetryAfter()} says when it refills.
		 */
		BUDGET_SPENT("budget_spent");

		private final String tag;

		Kind(String tag) {
			this.tag = tag;
		}

		/**
		 * Return the lower-case tag of this kind.
		 * @return the tag
		 */
		public String tag() {
			return this.tag;
		}

	}

}
