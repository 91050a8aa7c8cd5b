package io.github.cognitotoken.autoconfigure.cache;

import java.time.Duration;

import io.github.cognitotoken.TokenRenewalPolicy;
import io.github.cognitotoken.autoconfigure.CognitoClientProperties;
import io.github.cognitotoken.autoconfigure.CognitoClientPropertiesMapper;
import io.github.cognitotoken.autoconfigure.CognitoTokenClockCustomizer;
import io.github.cognitotoken.autoconfigure.CognitoTokenAutoConfiguration;
import io.github.cognitotoken.autoconfigure.CognitoTokenManagerBuilderCustomizer;
import io.github.cognitotoken.autoconfigure.ConditionalOnCognitoClient;
import io.github.cognitotoken.autoconfigure.InvalidCognitoPropertyException;
import io.github.cognitotoken.cache.SharedTokenCache;
import io.github.cognitotoken.cache.SharedTokenKey;
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
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of a token cache that the instances of a service share through
 * Redis, so that the fleet requests one Cognito token per token lifetime instead of one
 * per instance. Active with {@code cognito.client.cache.type=redis}; uses the
 * {@link RedisConnectionFactory} that Spring Boot configures from
 * {@code spring.data.redis.*}, and fails at startup when there is none.
 * {@link CognitoTokenAutoConfiguration} puts the {@link SharedTokenCache} in front of the
 * token fetcher; the in-memory token manager stays in charge of when to renew.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@AutoConfiguration(before = CognitoTokenAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnProperty(prefix = "cognito.client.cache", name = "type", havingValue = "redis")
@ConditionalOnCognitoClient
@EnableConfigurationProperties(CognitoClientProperties.class)
public final class CognitoTokenRedisCacheAutoConfiguration {

	/**
	 * Margin of the default lock time to live over the longest token request.
	 */
	static final Duration LOCK_TTL_MARGIN = Duration.ofSeconds(5);

	static final String CONNECTION_FACTORY_CLASS = "org.springframework.data.redis.connection.RedisConnectionFactory";

	@Bean
	@ConditionalOnMissingBean
	SharedTokenCache cognitoSharedTokenCache(CognitoClientProperties properties, ObjectProvider<SharedTokenStore> store,
			ObjectProvider<CognitoTokenManagerBuilderCustomizer> customizers, BeanFactory beanFactory) {
		SharedTokenStore sharedStore = store.getIfUnique();
		if (sharedStore == null) {
			throw noStore(beanFactory);
		}
		CognitoClientProperties.Cache cache = properties.getCache();
		CognitoClientPropertiesMapper mapper = new CognitoClientPropertiesMapper(properties);
		SharedTokenKey key = mapper.asSharedTokenKey();
		Duration lockTtl = (cache.getLockTtl() != null) ? cache.getLockTtl()
				: properties.getConnectTimeout().plus(properties.getReadTimeout()).plus(LOCK_TTL_MARGIN);
		SharedTokenCache.Builder builder = SharedTokenCache
			.builder(sharedStore, key, mapper.asClientRegistration().getClientSecret())
			.clock(CognitoTokenClockCustomizer.clockOf(customizers.orderedStream()))
			.renewalPolicy(TokenRenewalPolicy.of(properties.getClockSkew(), properties.getRefreshAhead()))
			.lockTtl(lockTtl)
			.pollInterval(cache.getPollInterval())
			.timeout(cache.getTimeout());
		if (cache.getLockWait() != null) {
			builder.lockWait(cache.getLockWait());
		}
		return builder.build();
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
