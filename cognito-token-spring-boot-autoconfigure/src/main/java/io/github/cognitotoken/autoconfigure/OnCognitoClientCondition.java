package io.github.cognitotoken.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the default client or a named client has a {@code client-id}.
 *
 * @author cognito-token contributors
 * @see ConditionalOnCognitoClient
 */
class OnCognitoClientCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnCognitoClient.class);
		if (context.getEnvironment().containsProperty("cognito.client.client-id")) {
			return ConditionOutcome.match(message.found("property").items("cognito.client.client-id"));
		}
		if (NamedCognitoClients.anyConfigured(Binder.get(context.getEnvironment()))) {
			return ConditionOutcome.match(message.found("named clients").items("cognito.clients.*.client-id"));
		}
		return ConditionOutcome.noMatch(
				message.didNotFind("property").items("cognito.client.client-id", "cognito.clients.<name>.client-id"));
	}

}
