package io.github.cognitotoken.autoconfigure;

import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenManagers;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Describes a {@link CognitoTokenException} that stopped the application from starting,
 * typically the first token request with {@code cognito.client.fail-fast=true}, and says
 * which property is probably wrong.
 *
 * @author cognito-token contributors
 */
class CognitoTokenFailureAnalyzer extends AbstractFailureAnalyzer<CognitoTokenException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CognitoTokenException cause) {
		String clientName = clientName(rootFailure);
		String description = "Could not obtain an access token from Amazon Cognito"
				+ (CognitoTokenManagers.DEFAULT.equals(clientName) ? "" : " for client '" + clientName + "'") + ": "
				+ cause.getMessage();
		return new FailureAnalysis(description, CognitoTokenFailureAdvice.advise(cause, clientName), cause);
	}

	private static String clientName(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof CognitoTokenManagers.FirstTokenException firstToken) {
				return firstToken.getClientName();
			}
		}
		return CognitoTokenManagers.DEFAULT;
	}

}
