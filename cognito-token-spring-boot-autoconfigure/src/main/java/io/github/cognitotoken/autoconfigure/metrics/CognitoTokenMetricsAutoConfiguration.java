package io.github.cognitotoken.autoconfigure.metrics;

import java.time.Clock;

import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.CognitoTokenManagers;
import io.github.cognitotoken.autoconfigure.CognitoTokenAutoConfiguration;
import io.github.cognitotoken.autoconfigure.CognitoTokenClockCustomizer;
import io.github.cognitotoken.autoconfigure.CognitoTokenManagerBuilderCustomizer;
import io.github.cognitotoken.autoconfigure.ConditionalOnCognitoTokenSource;
import io.github.cognitotoken.cache.SharedTokenCache;
import io.github.cognitotoken.metrics.CognitoTokenMetrics;
import io.github.cognitotoken.metrics.SharedTokenCacheMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code cognito.token.expiry} gauge and the
 * {@code cognito.token.issued} counter (tokens issued, what Cognito bills), when
 * Micrometer is on the class path. Spring Boot binds the {@link MeterBinder} to every
 * meter registry. The {@code cognito.token.requests} timer needs no configuration here:
 * it comes from the token request observation when an {@code ObservationRegistry} bean
 * exists.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = CognitoTokenAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnCognitoTokenSource
public final class CognitoTokenMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CognitoTokenMetrics cognitoTokenMetrics(ObjectProvider<CognitoTokenManagers> managers,
			ObjectProvider<CognitoTokenManager> tokenManager,
			ObjectProvider<CognitoTokenManagerBuilderCustomizer> customizers) {
		Clock clock = CognitoTokenClockCustomizer.clockOf(customizers.orderedStream());
		CognitoTokenManagers clients = managers.getIfUnique();
		return (clients != null) ? new CognitoTokenMetrics(clients.asMap(), clock)
				: new CognitoTokenMetrics(tokenManager.getObject(), clock);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSingleCandidate(SharedTokenCache.class)
	static class SharedTokenCacheMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SharedTokenCacheMetrics sharedTokenCacheMetrics(SharedTokenCache cache) {
			return new SharedTokenCacheMetrics(cache);
		}

	}

}
