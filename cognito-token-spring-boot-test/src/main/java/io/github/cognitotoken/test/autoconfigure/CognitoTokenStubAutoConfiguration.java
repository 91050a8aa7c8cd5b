package io.github.cognitotoken.test.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.github.cognitotoken.autoconfigure.CognitoTokenAutoConfiguration;
import io.github.cognitotoken.autoconfigure.CognitoTokenClockCustomizer;
import io.github.cognitotoken.autoconfigure.CognitoTokenFetcherFactory;
import io.github.cognitotoken.autoconfigure.CognitoTokenManagerBuilderCustomizer;
import io.github.cognitotoken.autoconfigure.ConditionalOnCognitoClient;
import io.github.cognitotoken.autoconfigure.InvalidCognitoPropertyException;
import io.github.cognitotoken.autoconfigure.cache.CognitoTokenRedisCacheAutoConfiguration;
import io.github.cognitotoken.cache.SharedTokenStore;
import io.github.cognitotoken.test.CognitoTestTokenIssuer;
import io.github.cognitotoken.test.CognitoTokenStub;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the {@link CognitoTokenStub}, imported by
 * {@link AutoConfigureCognitoTokenStub @AutoConfigureCognitoTokenStub} and never by
 * {@code @EnableAutoConfiguration}. Runs before {@link CognitoTokenAutoConfiguration},
 * which then builds every client's token manager around a fetcher from the stub instead
 * of a token endpoint client.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@AutoConfiguration(before = { CognitoTokenAutoConfiguration.class, CognitoTokenRedisCacheAutoConfiguration.class })
@ConditionalOnCognitoClient
@ConditionalOnBooleanProperty(name = "cognito.test.token-stub.enabled", matchIfMissing = true)
public final class CognitoTokenStubAutoConfiguration {

	private static final String LIFETIME = "cognito.test.token-stub.lifetime";

	private static final String ISSUER = "cognito.test.token-stub.issuer";

	@Bean
	@ConditionalOnMissingBean
	CognitoTestTokenIssuer cognitoTestTokenIssuer(Environment environment) {
		String issuer = Binder.get(environment)
			.bind(ISSUER, String.class)
			.orElse(CognitoTestTokenIssuer.DEFAULT_ISSUER);
		if (issuer.isBlank()) {
			throw new InvalidCognitoPropertyException(ISSUER, "is empty",
					"Set it to the iss claim the tokens should carry, for example "
							+ CognitoTestTokenIssuer.DEFAULT_ISSUER + ", or remove it.");
		}
		return CognitoTestTokenIssuer.create(issuer.trim());
	}

	@Bean
	@ConditionalOnMissingBean(CognitoTokenFetcherFactory.class)
	CognitoTokenStub cognitoTokenStub(CognitoTestTokenIssuer tokenIssuer, Environment environment,
			ObjectProvider<CognitoTokenManagerBuilderCustomizer> customizers) {
		Duration lifetime = Binder.get(environment)
			.bind(LIFETIME, Duration.class)
			.orElse(CognitoTokenStub.DEFAULT_LIFETIME);
		if (lifetime.toSeconds() < 1) {
			throw new InvalidCognitoPropertyException(LIFETIME, "is " + lifetime + ", shorter than 1s",
					"Set it to at least 1s, for example 5m; Cognito's tokens live from 5m to 1d, 1h by default.");
		}
		// date the tokens with the clock of the token managers, so that tests which move
		// it see the tokens expire
		Clock clock = CognitoTokenClockCustomizer.clockOf(customizers.orderedStream());
		return CognitoTokenStub.of(tokenIssuer, lifetime, clock);
	}

	/**
	 * Keep a shared token cache ({@code cache.type=redis}) in this JVM, so that the stub
	 * makes no connection to Redis either.
	 * @param customizers the customizers, for their clock
	 * @return the store
	 */
	@Bean
	@ConditionalOnMissingBean
	SharedTokenStore cognitoTokenStubSharedTokenStore(
			ObjectProvider<CognitoTokenManagerBuilderCustomizer> customizers) {
		return new InMemorySharedTokenStore(CognitoTokenClockCustomizer.clockOf(customizers.orderedStream()));
	}

}
