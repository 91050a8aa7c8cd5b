package io.github.cognitotoken.autoconfigure.actuate;

import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.actuate.CognitoTokenHealthIndicator;
import io.github.cognitotoken.autoconfigure.CognitoTokenAutoConfiguration;
import io.github.cognitotoken.autoconfigure.CognitoTokenClockCustomizer;
import io.github.cognitotoken.autoconfigure.CognitoTokenManagerBuilderCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
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
@ConditionalOnSingleCandidate(CognitoTokenManager.class)
@ConditionalOnEnabledHealthIndicator("cognitotoken")
public final class CognitoTokenHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "cognitoTokenHealthIndicator")
	CognitoTokenHealthIndicator cognitoTokenHealthIndicator(CognitoTokenManager tokenManager,
			ObjectProvider<CognitoTokenManagerBuilderCustomizer> customizers) {
		return new CognitoTokenHealthIndicator(tokenManager,
				CognitoTokenClockCustomizer.clockOf(customizers.orderedStream()));
	}

}
