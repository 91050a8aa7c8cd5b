package io.github.cognitotoken.samples.democlient;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * The outcome of one call to the API: an HTTP status, or a failure without a response.
 *
 * @param status the HTTP status, or {@code null} when no response was received
 * @param failure why no response was received, or {@code null}
 */
public record CallResult(@Nullable Integer status, @Nullable String failure) {

	/**
	 * Return the result of a call that received a response.
	 * @param status the HTTP status
	 * @return the result
	 */
	public static CallResult status(int status) {
		return new CallResult(status, null);
	}

	/**
	 * Return the result of a call that received no response.
	 * @param failure why
	 * @return the result
	 */
	public static CallResult failure(String failure) {
		return new CallResult(null, failure);
	}

	/**
	 * Return whether the call received a 2xx response.
	 * @return whether the call succeeded
	 */
	public boolean succeeded() {
		return this.status != null && this.status >= 200 && this.status < 300;
	}

	/**
	 * Return the outcome as the report shows it, for example {@code 200 OK}.
	 * @return the description
	 */
	public String describe() {
		if (this.status == null) {
			return "failed: " + this.failure;
		}
		HttpStatus known = HttpStatus.resolve(this.status);
		return (known != null) ? this.status + " " + known.getReasonPhrase() : String.valueOf(this.status);
	}

}
