package io.github.cognitotoken;

import java.util.function.DoubleSupplier;

/**
 * Reaches the test hooks of {@link CognitoTokenManager.Builder} from tests in other
 * packages.
 */
public final class CognitoTokenManagerTestSupport {

	private CognitoTokenManagerTestSupport() {
	}

	/**
	 * Make the manager draw its renewal jitter from the given source.
	 * @param builder the builder
	 * @param random uniformly distributed numbers in {@code [0, 1)}
	 * @return the builder
	 */
	public static CognitoTokenManager.Builder withJitter(CognitoTokenManager.Builder builder, DoubleSupplier random) {
		return builder.random(random);
	}

}
