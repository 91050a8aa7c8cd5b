package io.github.cognitotoken.autoconfigure.cache;

import java.util.Map;

import io.github.cognitotoken.autoconfigure.CognitoClientProperties;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the default client or a named client keeps its token in Redis.
 *
 * @author cognito-token contributors
 */
class OnRedisTokenCacheCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Cognito Redis token cache");
		Binder binder = Binder.get(context.getEnvironment());
		CognitoClientProperties.Cache.Type defaultType = binder
			.bind("cognito.client.cache.type", CognitoClientProperties.Cache.Type.class)
			.orElse(CognitoClientProperties.Cache.Type.MEMORY);
		if (defaultType == CognitoClientProperties.Cache.Type.REDIS) {
			return ConditionOutcome.match(message.found("property").items("cognito.client.cache.type=redis"));
		}
		Map<String, CognitoClientProperties> clients = binder
			.bind("cognito.clients", Bindable.mapOf(String.class, CognitoClientProperties.class))
			.orElseGet(Map::of);
		for (Map.Entry<String, CognitoClientProperties> client : clients.entrySet()) {
			if (client.getValue().getCache().getType() == CognitoClientProperties.Cache.Type.REDIS) {
				return ConditionOutcome
					.match(message.found("property").items("cognito.clients." + client.getKey() + ".cache.type=redis"));
			}
		}
		return ConditionOutcome.noMatch(message.didNotFind("client with cache.type").items("redis"));
	}

}
