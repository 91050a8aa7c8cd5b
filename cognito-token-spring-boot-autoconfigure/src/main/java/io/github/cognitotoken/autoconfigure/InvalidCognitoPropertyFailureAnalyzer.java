package io.github.cognitotoken.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Describes an {@link InvalidCognitoPropertyException}: which property is wrong and what
 * to set.
 *
 * @author cognito-token contributors
 */
class InvalidCognitoPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCognitoPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCognitoPropertyException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
