package io.github.cognitotoken.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Condition that matches when a Cognito client is configured: when
 * {@code cognito.client.client-id} is set and {@code cognito.client.enabled} is not
 * {@code false}.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnProperty(prefix = "cognito.client", name = "client-id")
@ConditionalOnBooleanProperty(name = "cognito.client.enabled", matchIfMissing = true)
public @interface ConditionalOnCognitoClient {

}
