package io.github.cognitotoken;

/**
 * Source of monotonic time, in nanoseconds, on which {@link CognitoTokenManager} judges
 * whether a token is still usable and when to renew it. Unlike a {@link java.time.Clock},
 * it does not jump when the system clock is set (an NTP step, a virtual machine resumed
 * from suspend): only differences between two readings mean something.
 * <p>
 * {@link #system()} reads {@link System#nanoTime()}; tests inject their own to move time
 * without sleeping.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface Ticker {

	/**
	 * Return the current reading, in nanoseconds from an arbitrary origin.
	 * @return the reading
	 */
	long read();

	/**
	 * Return the ticker of {@link System#nanoTime()}.
	 * @return the system ticker
	 */
	static Ticker system() {
		return System::nanoTime;
	}

}
