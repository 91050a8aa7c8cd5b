package io.github.cognitotoken.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Conditional;

/**
 * Condition that matches when a Cognito client is configured: when
 * {@code cognito.client.client-id} or the {@code client-id} of a named client
 * ({@code cognito.clients.<name>.client-id}) is set, and {@code cognito.client.enabled}
 * is not {@code false}.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnCognitoClientCondition.class)
@ConditionalOnBooleanProperty(name = "cognito.client.enabled", matchIfMissing = true)
public @interface ConditionalOnCognitoClient {

}
