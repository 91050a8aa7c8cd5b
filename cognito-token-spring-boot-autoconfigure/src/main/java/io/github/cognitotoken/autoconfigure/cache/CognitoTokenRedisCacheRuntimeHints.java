package io.github.cognitotoken.autoconfigure.cache;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * {@link RuntimeHintsRegistrar} for the Redis token cache: when there is no Redis
 * connection, the startup failure tells by name whether Spring Data Redis is on the class
 * path, which a native image answers only for a type it registered.
 *
 * @author cognito-token contributors
 */
class CognitoTokenRedisCacheRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerTypeIfPresent(classLoader, CognitoTokenRedisCacheAutoConfiguration.CONNECTION_FACTORY_CLASS);
	}

}
