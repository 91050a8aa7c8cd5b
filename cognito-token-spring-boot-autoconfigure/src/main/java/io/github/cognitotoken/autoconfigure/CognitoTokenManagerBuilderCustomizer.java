package io.github.cognitotoken.autoconfigure;

import io.github.cognitotoken.CognitoTokenManager;

/**
 * Callback interface that can be implemented by beans wishing to customize the
 * {@link CognitoTokenManager.Builder} of the auto-configured {@link CognitoTokenManager}
 * of every client before the manager is built. Customizers are applied in their order
 * ({@link org.springframework.core.Ordered} or
 * {@link org.springframework.core.annotation.Order @Order}), after the
 * {@code cognito.client.*} or {@code cognito.clients.<name>.*} properties. To treat the
 * clients differently, implement {@link #customize(String, CognitoTokenManager.Builder)}.
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

	/**
	 * Customize the builder of the named client's token manager. By default, calls
	 * {@link #customize(CognitoTokenManager.Builder)}.
	 * @param clientName the client name: {@code default} for {@code cognito.client.*},
	 * otherwise the name of {@code cognito.clients.<name>.*}
	 * @param builder the builder to customize
	 * @since 0.1.0
	 */
	default void customize(String clientName, CognitoTokenManager.Builder builder) {
		customize(builder);
	}

}
