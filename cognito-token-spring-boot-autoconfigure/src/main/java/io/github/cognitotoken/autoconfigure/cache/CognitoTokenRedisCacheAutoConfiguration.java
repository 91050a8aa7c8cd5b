package io.github.cognitotoken.autoconfigure.cache;

import io.github.cognitotoken.autoconfigure.CognitoClientProperties;
import io.github.cognitotoken.autoconfigure.CognitoClientPropertiesMapper;
import io.github.cognitotoken.autoconfigure.CognitoTokenClockCustomizer;
import io.github.cognitotoken.autoconfigure.CognitoTokenAutoConfiguration;
import io.github.cognitotoken.autoconfigure.CognitoTokenManagerBuilderCustomizer;
import io.github.cognitotoken.autoconfigure.ConditionalOnCognitoClient;
import io.github.cognitotoken.autoconfigure.InvalidCognitoPropertyException;
import io.github.cognitotoken.cache.SharedTokenCache;
import io.github.cognitotoken.cache.SharedTokenStore;
import io.github.cognitotoken.cache.redis.RedisSharedTokenStore;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of a token cache that the instances of a service share through
 * Redis, so that the fleet requests one Cognito token per token lifetime instead of one
 * per instance. Active when a client sets {@code cache.type=redis} (named clients inherit
 * {@code cognito.client.cache.type}); uses the {@link RedisConnectionFactory} that Spring
 * Boot configures from {@code spring.data.redis.*}, and fails at startup when there is
 * none. {@link CognitoTokenAutoConfiguration} puts the {@link SharedTokenCache} in front
 * of the token fetcher; the in-memory token manager stays in charge of when to renew.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@AutoConfiguration(before = CognitoTokenAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnCognitoClient
@Conditional(OnRedisTokenCacheCondition.class)
@EnableConfigurationProperties(CognitoClientProperties.class)
public final class CognitoTokenRedisCacheAutoConfiguration {

	static final String CONNECTION_FACTORY_CLASS = "org.springframework.data.redis.connection.RedisConnectionFactory";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "cognito.client", name = "client-id")
	static class DefaultClientCacheConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnProperty(prefix = "cognito.client.cache", name = "type", havingValue = "redis")
		SharedTokenCache cognitoSharedTokenCache(CognitoClientProperties properties,
				ObjectProvider<SharedTokenStore> store,
				ObjectProvider<CognitoTokenManagerBuilderCustomizer> customizers, BeanFactory beanFactory) {
			SharedTokenStore sharedStore = store.getIfUnique();
			if (sharedStore == null) {
				throw noStore(beanFactory);
			}
			return new CognitoClientPropertiesMapper(properties).asSharedTokenCache(sharedStore,
					CognitoTokenClockCustomizer.clockOf(customizers.orderedStream()));
		}

	}

	private static InvalidCognitoPropertyException noStore(BeanFactory beanFactory) {
		ClassLoader classLoader = (beanFactory instanceof ConfigurableBeanFactory configurable)
				? configurable.getBeanClassLoader() : null;
		String action = "Add the org.springframework.boot:spring-boot-starter-data-redis dependency and point "
				+ "spring.data.redis.* at your Redis server (for example spring.data.redis.host and "
				+ "spring.data.redis.port), or set cognito.client.cache.type=memory to keep the token in each "
				+ "instance's memory.";
		if (!ClassUtils.isPresent(CONNECTION_FACTORY_CLASS, classLoader)) {
			return new InvalidCognitoPropertyException("cognito.client.cache.type",
					"is redis, but Spring Data Redis is not on the class path", action);
		}
		return new InvalidCognitoPropertyException("cognito.client.cache.type",
				"is redis, but there is no RedisConnectionFactory bean", action);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisConnectionFactory.class)
	@ConditionalOnBean(RedisConnectionFactory.class)
	static class RedisTokenStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(SharedTokenStore.class)
		RedisSharedTokenStore cognitoSharedTokenStore(RedisConnectionFactory connectionFactory) {
			return new RedisSharedTokenStore(connectionFactory);
		}

	}

}
