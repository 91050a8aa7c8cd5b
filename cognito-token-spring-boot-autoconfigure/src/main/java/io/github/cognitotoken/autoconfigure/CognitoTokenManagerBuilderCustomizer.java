package io.github.cognitotoken.autoconfigure;

import io.github.cognitotoken.CognitoTokenManager;

/**
 * Callback interface that can be implemented by beans wishing to customize the
 * {@link CognitoTokenManager.Builder} of the auto-configured {@link CognitoTokenManager}
 * before the manager is built. Customizers are applied in their order
 * ({@link org.springframework.core.Ordered} or
 * {@link org.springframework.core.annotation.Order @Order}), after the
 * {@code cognito.client.*} properties.
 * <p>
 * The auto-configuration takes no {@link java.time.Clock} bean from the application
 * context, so that a clock meant for the application's own logic cannot drive token
 * timing. To move time in tests, define a {@link CognitoTokenClockCustomizer}: it sets
 * the manager's clock and the clock of every other part that tells time.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface CognitoTokenManagerBuilderCustomizer {

	/**
	 * Customize the builder of the token manager.
	 * @param builder the builder to customize
	 */
	void customize(CognitoTokenManager.Builder builder);

}
