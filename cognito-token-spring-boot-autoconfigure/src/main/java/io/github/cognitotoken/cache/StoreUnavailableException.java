package io.github.cognitotoken.cache;

/**
 * Thrown by the operations of a {@link TimeLimitedStore} when the store failed or took
 * too long; already logged and counted.
 *
 * @author cognito-token contributors
 */
final class StoreUnavailableException extends RuntimeException {

	StoreUnavailableException() {
		super(null, null, false, false);
	}

}
