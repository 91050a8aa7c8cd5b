package io.github.cognitotoken.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.cognitotoken.test.CognitoTestTokenIssuer;
import io.github.cognitotoken.test.CognitoTokenStub;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;
import org.springframework.boot.test.context.PropertyMapping.Skip;

/**
 * Annotation for a test class that replaces the token source of every Cognito client
 * ({@code cognito.client.*} and each {@code cognito.clients.<name>.*}) with a
 * {@link CognitoTokenStub}: tokens are Cognito-shaped JWTs issued in memory, carrying the
 * client's id and configured scopes, and no connection is made to any token endpoint. The
 * stub is a bean: inject it to assert on the tokens each client asked for.
 * <p>
 * Works with {@code @SpringBootTest} and in test slices: it imports the Cognito token
 * auto-configuration too (see {@link AutoConfigureCognitoToken}), so that in a
 * {@code @RestClientTest} the {@code RestClient} and {@code RestTemplate} built from
 * Spring Boot's builders carry the stub's token, which {@code MockRestServiceServer} then
 * sees. The client properties are validated as usual (the client secret must be set,
 * though the stub never uses it). Tokens are signed RS256 with an RSA key generated per
 * application context; its public key and JWK set are on
 * {@link CognitoTokenStub#getTokenIssuer()}. A shared token cache
 * ({@code cache.type=redis}) is kept in memory instead of Redis while the stub is active.
 * <p>
 * Backs off when the context defines its own
 * {@link io.github.cognitotoken.autoconfigure.CognitoTokenFetcherFactory}; a
 * {@link io.github.cognitotoken.CognitoTokenFetcher} or
 * {@link io.github.cognitotoken.CognitoTokenManager} bean of your own still serves the
 * default client.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@AutoConfigureCognitoToken
@ImportAutoConfiguration
@PropertyMapping("cognito.test.token-stub")
public @interface AutoConfigureCognitoTokenStub {

	/**
	 * Whether the stub replaces the token source of every client.
	 * @return whether the stub is enabled
	 */
	boolean enabled() default true;

	/**
	 * How long each token lives, at least {@code 1s}, in Spring Boot's duration format
	 * ({@code 90s}, {@code 5m}, {@code PT1H}). When left at its default, the
	 * {@code cognito.test.token-stub.lifetime} property applies, itself {@code 1h} by
	 * default.
	 * @return the token lifetime
	 */
	@PropertyMapping(skip = Skip.ON_DEFAULT_VALUE)
	String lifetime() default "1h";

	/**
	 * The {@code iss} claim of the tokens. When left at its default, the
	 * {@code cognito.test.token-stub.issuer} property applies, itself
	 * {@value CognitoTestTokenIssuer#DEFAULT_ISSUER} by default.
	 * @return the issuer
	 */
	@PropertyMapping(skip = Skip.ON_DEFAULT_VALUE)
	String issuer() default CognitoTestTokenIssuer.DEFAULT_ISSUER;

}
