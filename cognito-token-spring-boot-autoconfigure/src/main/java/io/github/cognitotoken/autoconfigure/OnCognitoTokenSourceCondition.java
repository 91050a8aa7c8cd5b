package io.github.cognitotoken.autoconfigure;

import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.CognitoTokenManagers;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;

/**
 * Matches with the auto-configured {@link CognitoTokenManagers} or with a single
 * {@link CognitoTokenManager} bean.
 *
 * @author cognito-token contributors
 * @see ConditionalOnCognitoTokenSource
 */
class OnCognitoTokenSourceCondition extends AnyNestedCondition {

	OnCognitoTokenSourceCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnBean(CognitoTokenManagers.class)
	static class OnManagers {

	}

	@ConditionalOnSingleCandidate(CognitoTokenManager.class)
	static class OnSingleManager {

	}

}
