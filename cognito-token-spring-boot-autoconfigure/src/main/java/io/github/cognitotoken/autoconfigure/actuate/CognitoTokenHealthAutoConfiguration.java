package io.github.cognitotoken.autoconfigure.actuate;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.CognitoTokenManagers;
import io.github.cognitotoken.actuate.CognitoTokenHealthIndicator;
import io.github.cognitotoken.autoconfigure.CognitoTokenAutoConfiguration;
import io.github.cognitotoken.autoconfigure.CognitoTokenClockCustomizer;
import io.github.cognitotoken.autoconfigure.CognitoTokenManagerBuilderCustomizer;
import io.github.cognitotoken.autoconfigure.ConditionalOnCognitoTokenSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code cognitoToken} health indicator, when Spring Boot's
 * health support is on the class path. Turned off with
 * {@code management.health.cognitotoken.enabled=false}.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = CognitoTokenAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnCognitoTokenSource
@ConditionalOnEnabledHealthIndicator("cognitotoken")
public final class CognitoTokenHealthAutoConfiguration {

	/**
	 * The {@code cognitoToken} health contributor: a composite with one
	 * {@link CognitoTokenHealthIndicator} per configured client, by client name, or the
	 * indicator of a token manager bean of the application's own.
	 * @param managers the managers of the configured clients
	 * @param tokenManager a token manager bean of the application's own
	 * @param customizers the customizers that may set the clock
	 * @return the contributor
	 */
	@Bean
	@ConditionalOnMissingBean(name = { "cognitoTokenHealthContributor", "cognitoTokenHealthIndicator" })
	HealthContributor cognitoTokenHealthContributor(ObjectProvider<CognitoTokenManagers> managers,
			ObjectProvider<CognitoTokenManager> tokenManager,
			ObjectProvider<CognitoTokenManagerBuilderCustomizer> customizers) {
		Clock clock = CognitoTokenClockCustomizer.clockOf(customizers.orderedStream());
		CognitoTokenManagers clients = managers.getIfUnique();
		if (clients == null) {
			return new CognitoTokenHealthIndicator(tokenManager.getObject(), clock);
		}
		Map<String, HealthContributor> indicators = new LinkedHashMap<>();
		clients.asMap()
			.forEach((name, manager) -> indicators.put(name, new CognitoTokenHealthIndicator(manager, clock)));
		return CompositeHealthContributor.fromMap(indicators);
	}

}
