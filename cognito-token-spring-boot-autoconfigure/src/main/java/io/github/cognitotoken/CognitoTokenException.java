package io.github.cognitotoken;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when no access token could be obtained from the Cognito token endpoint. Carries
 * what a caller or an operator needs to react: the OAuth2 error code, the HTTP status,
 * the kind of failure and whether trying again later can help.
 * <p>
 * Messages never contain the client secret or a token value.
 *
 * @author cognito-token contributors
 */
public class CognitoTokenException extends RuntimeException {

	private final Kind kind;

	private final @Nullable String errorCode;

	private final @Nullable Integer httpStatus;

	private final boolean retryable;

	private final @Nullable Duration retryAfter;

	public CognitoTokenException(Kind kind, String message, @Nullable String errorCode, @Nullable Integer httpStatus,
			boolean retryable, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.errorCode = errorCode;
		this.httpStatus = httpStatus;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
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
	 * Return the delay the token endpoint asked for with a {@code Retry-After} header, or
	 * {@code null} when it sent none.
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
		UNEXPECTED("unexpected");

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
