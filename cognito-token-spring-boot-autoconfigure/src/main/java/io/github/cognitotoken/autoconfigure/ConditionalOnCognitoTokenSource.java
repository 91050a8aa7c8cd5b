package io.github.cognitotoken.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Condition that matches when tokens can be had: with the auto-configured
 * {@link io.github.cognitotoken.CognitoTokenManagers} (from {@code cognito.client.*} or
 * {@code cognito.clients.<name>.*}), or with a single
 * {@link io.github.cognitotoken.CognitoTokenManager} bean of the application's own. For
 * the integrations that use the managers: the WebClient filter, the health contributor
 * and the metrics.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnCognitoTokenSourceCondition.class)
public @interface ConditionalOnCognitoTokenSource {

}
