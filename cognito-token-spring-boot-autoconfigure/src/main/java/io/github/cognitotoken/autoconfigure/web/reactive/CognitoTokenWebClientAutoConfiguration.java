package io.github.cognitotoken.autoconfigure.web.reactive;

import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.autoconfigure.CognitoClientProperties;
import io.github.cognitotoken.autoconfigure.CognitoTokenAutoConfiguration;
import io.github.cognitotoken.autoconfigure.ConditionalOnCognitoTokenSource;
import io.github.cognitotoken.http.CognitoClientRouter;
import io.github.cognitotoken.http.TargetHostMatcher;
import io.github.cognitotoken.http.reactive.CognitoBearerTokenExchangeFilterFunction;
import io.github.cognitotoken.http.reactive.CognitoWebClientCustomizer;
import io.github.cognitotoken.http.reactive.RedirectGuardingConnectorBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration that adds the bearer token to every {@link WebClient} built from
 * Spring Boot's auto-configured {@link WebClient.Builder}, when WebClient support is on
 * the class path. Honours {@code cognito.client.target-hosts} (through the
 * {@link TargetHostMatcher} bean) and {@code cognito.client.retry-on-unauthorized} like
 * the RestClient integration. With a user-defined {@link CognitoTokenManager} and no
 * {@code cognito.client.*} properties, every host receives the token
 * ({@link TargetHostMatcher#anyHost()}) and a 401 answer is replayed once with a renewed
 * token.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = CognitoTokenAutoConfiguration.class,
		beforeName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass({ WebClient.class, WebClientCustomizer.class })
@ConditionalOnCognitoTokenSource
public final class CognitoTokenWebClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CognitoBearerTokenExchangeFilterFunction cognitoBearerTokenExchangeFilterFunction(
			ObjectProvider<CognitoClientRouter> router, ObjectProvider<CognitoTokenManager> tokenManager,
			ObjectProvider<TargetHostMatcher> targetHosts, ObjectProvider<CognitoClientProperties> properties) {
		CognitoClientRouter clientRouter = router.getIfUnique();
		if (clientRouter != null) {
			return new CognitoBearerTokenExchangeFilterFunction(clientRouter);
		}
		// a CognitoTokenManager bean of the user's own, without cognito.client.*
		CognitoClientProperties clientProperties = properties.getIfAvailable();
		boolean retryOnUnauthorized = (clientProperties == null) || clientProperties.isRetryOnUnauthorized();
		// never every host because two matchers are ambiguous: getIfAvailable fails then
		return new CognitoBearerTokenExchangeFilterFunction(tokenManager.getObject(),
				targetHosts.getIfAvailable(TargetHostMatcher::anyHost), retryOnUnauthorized);
	}

	@Bean
	@ConditionalOnMissingBean
	CognitoWebClientCustomizer cognitoWebClientCustomizer(CognitoBearerTokenExchangeFilterFunction filter) {
		return new CognitoWebClientCustomizer(filter);
	}

	/**
	 * Wrap Spring Boot's connector builder, once every customizer has been applied to it,
	 * so that exchanges carrying the token never follow redirects inside the HTTP client:
	 * the filter follows them and decides per hop.
	 * @return the post-processor
	 */
	@Bean
	static BeanPostProcessor cognitoRedirectGuardingConnectorBuilderPostProcessor() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				// Boot's bean, declared as the interface, so wrapping keeps its type
				return (bean instanceof ClientHttpConnectorBuilder<?> builder
						&& "clientHttpConnectorBuilder".equals(beanName)) ? RedirectGuardingConnectorBuilder.of(builder)
								: bean;
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClientHttpServiceGroupConfigurer.class)
	static class WebClientHttpServiceGroupConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cognitoWebClientHttpServiceGroupConfigurer")
		WebClientHttpServiceGroupConfigurer cognitoWebClientHttpServiceGroupConfigurer(
				CognitoBearerTokenExchangeFilterFunction filter) {
			return new CognitoWebClientHttpServiceGroupConfigurer(filter);
		}

	}

}
