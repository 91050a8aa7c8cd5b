package io.github.cognitotoken.test.endpoint;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How a {@link CognitoTokenEndpointExtension} answers one token request: with a token, as
 * usual, or with a fault that Cognito or the network in front of it produces. Any answer
 * can come late ({@link #delayedBy(Duration)}).
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class TokenEndpointAnswer {

	private static final String JSON = "application/json;charset=UTF-8";

	private final @Nullable Integer status;

	private final @Nullable String contentType;

	private final String body;

	private final @Nullable Duration retryAfter;

	private final boolean connectionReset;

	private final Duration delay;

	private final String description;

	private TokenEndpointAnswer(@Nullable Integer status, @Nullable String contentType, String body,
			@Nullable Duration retryAfter, boolean connectionReset, Duration delay, String description) {
		this.status = status;
		this.contentType = contentType;
		this.body = body;
		this.retryAfter = retryAfter;
		this.connectionReset = connectionReset;
		this.delay = delay;
		this.description = description;
	}

	/**
	 * Answer as usual: authenticate the client and issue a token (or answer with the
	 * OAuth2 error the request deserves). Combine with {@link #delayedBy(Duration)} for a
	 * slow token endpoint.
	 * @return the answer
	 */
	public static TokenEndpointAnswer token() {
		return new TokenEndpointAnswer(null, null, "", null, false, Duration.ZERO, "token");
	}

	/**
	 * Answer {@code 429 Too Many Requests} with a {@code Retry-After} header in seconds
	 * and no body, as a throttled token endpoint does.
	 * @param retryAfter the value of {@code Retry-After}, whole seconds
	 * @return the answer
	 */
	public static TokenEndpointAnswer throttled(Duration retryAfter) {
		Assert.notNull(retryAfter, "'retryAfter' must not be null");
		Assert.isTrue(!retryAfter.isNegative(), "'retryAfter' must not be negative");
		return new TokenEndpointAnswer(429, null, "", retryAfter, false, Duration.ZERO,
				"429 Retry-After " + retryAfter.toSeconds());
	}

	/**
	 * Answer {@code 429 Too Many Requests} without {@code Retry-After} and without a
	 * body.
	 * @return the answer
	 */
	public static TokenEndpointAnswer throttled() {
		return new TokenEndpointAnswer(429, null, "", null, false, Duration.ZERO, "429");
	}

	/**
	 * Answer with a server error and a small HTML page, as a load balancer in front of
	 * the token endpoint does.
	 * @param status the status, from 500 to 599
	 * @return the answer
	 */
	public static TokenEndpointAnswer serverError(int status) {
		Assert.isTrue(status >= 500 && status <= 599, "'status' must be from 500 to 599");
		return new TokenEndpointAnswer(status, "text/html", "<html><body><h1>" + status + "</h1></body></html>", null,
				false, Duration.ZERO, String.valueOf(status));
	}

	/**
	 * Answer {@code 400 Bad Request} with the OAuth2 error Cognito sends, for example
	 * {@code {"error":"invalid_client"}}.
	 * @param errorCode the OAuth2 error code, such as {@code invalid_client},
	 * {@code invalid_scope} or {@code unauthorized_client}
	 * @return the answer
	 */
	public static TokenEndpointAnswer error(String errorCode) {
		return error(400, errorCode);
	}

	/**
	 * Answer with an OAuth2 error and the given status (other OAuth2 servers answer
	 * {@code invalid_client} with 401).
	 * @param status the status, from 400 to 499
	 * @param errorCode the OAuth2 error code
	 * @return the answer
	 */
	public static TokenEndpointAnswer error(int status, String errorCode) {
		Assert.isTrue(status >= 400 && status <= 499, "'status' must be from 400 to 499");
		Assert.isTrue(errorCode != null && errorCode.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+"),
				"'errorCode' must be an OAuth2 error code such as invalid_client");
		return new TokenEndpointAnswer(status, JSON, "{\"error\":\"" + errorCode + "\"}", null, false, Duration.ZERO,
				status + " " + errorCode);
	}

	/**
	 * Answer with any status and body, for example a proxy's truncated or non-JSON
	 * response.
	 * @param status the HTTP status
	 * @param contentType the {@code Content-Type}, or {@code null} for none
	 * @param body the body, empty for none
	 * @return the answer
	 */
	public static TokenEndpointAnswer response(int status, @Nullable String contentType, String body) {
		Assert.isTrue(status >= 100 && status <= 599, "'status' must be from 100 to 599");
		Assert.notNull(body, "'body' must not be null");
		return new TokenEndpointAnswer(status, contentType, body, null, false, Duration.ZERO, String.valueOf(status));
	}

	/**
	 * Close the connection without an answer (a TCP reset).
	 * @return the answer
	 */
	public static TokenEndpointAnswer connectionReset() {
		return new TokenEndpointAnswer(null, null, "", null, true, Duration.ZERO, "connection reset");
	}

	/**
	 * Return this answer, sent only after the given delay.
	 * @param delay how long the endpoint waits before answering
	 * @return the delayed answer
	 */
	public TokenEndpointAnswer delayedBy(Duration delay) {
		Assert.notNull(delay, "'delay' must not be null");
		Assert.isTrue(!delay.isNegative(), "'delay' must not be negative");
		return new TokenEndpointAnswer(this.status, this.contentType, this.body, this.retryAfter, this.connectionReset,
				delay, this.description);
	}

	/**
	 * Return whether this answer issues a token as usual.
	 * @return whether it is a token answer
	 */
	boolean issuesToken() {
		return this.status == null && !this.connectionReset;
	}

	@Nullable Integer status() {
		return this.status;
	}

	@Nullable String contentType() {
		return this.contentType;
	}

	String body() {
		return this.body;
	}

	@Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	boolean resetsConnection() {
		return this.connectionReset;
	}

	Duration delay() {
		return this.delay;
	}

	@Override
	public String toString() {
		return "TokenEndpointAnswer[" + this.description
				+ (this.delay.isZero() ? "" : ", delayed by " + this.delay.toMillis() + "ms") + "]";
	}

}
