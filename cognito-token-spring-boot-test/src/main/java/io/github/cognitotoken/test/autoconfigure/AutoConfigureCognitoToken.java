package io.github.cognitotoken.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Annotation for a test class that imports the Cognito token auto-configuration
 * ({@code CognitoTokenAutoConfiguration} and
 * {@code CognitoTokenWebClientAutoConfiguration}) into a test slice, such as
 * {@code @RestClientTest}, whose auto-configurations Spring Boot lists itself and which
 * therefore leaves the starter out. The clients then fetch their tokens from the
 * configured token endpoint, for example a
 * {@link io.github.cognitotoken.test.endpoint.CognitoTokenEndpointExtension}; use
 * {@link AutoConfigureCognitoTokenStub @AutoConfigureCognitoTokenStub} to fetch none. A
 * {@code @SpringBootTest} has the auto-configuration already.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureCognitoToken {

}
