package io.github.cognitotoken.autoconfigure.cache;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CognitoTokenRedisCacheRuntimeHints}.
 */
class CognitoTokenRedisCacheRuntimeHintsTests {

	@Test
	void redisConnectionFactoryIsRegisteredWhenSpringDataRedisIsPresent() {
		RuntimeHints hints = new RuntimeHints();
		new CognitoTokenRedisCacheRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onType(RedisConnectionFactory.class)).accepts(hints);
		assertThat(CognitoTokenRedisCacheAutoConfiguration.CONNECTION_FACTORY_CLASS)
			.isEqualTo(RedisConnectionFactory.class.getName());
	}

	@Test
	void nothingIsRegisteredWithoutSpringDataRedis() {
		RuntimeHints hints = new RuntimeHints();
		new CognitoTokenRedisCacheRuntimeHints().registerHints(hints,
				new FilteredClassLoader("org.springframework.data.redis."));
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of(CognitoTokenRedisCacheAutoConfiguration.CONNECTION_FACTORY_CLASS))).rejects(hints);
	}

}
