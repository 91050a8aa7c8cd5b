package io.github.cognitotoken.autoconfigure;

import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenManagers;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Describes a {@link CognitoTokenException} that stopped the application from starting,
 * typically the first token request with {@code cognito.client.fail-fast=true}, and says
 * which property is probably wrong.
 *
 * @author cognito-token contributors
 */
class CognitoTokenFailureAnalyzer extends AbstractFailureAnalyzer<CognitoTokenException> {

	private final @Nullable Environment environment;

	CognitoTokenFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CognitoTokenException cause) {
		String clientName = clientName(rootFailure);
		String description = "Could not obtain an access token from Amazon Cognito"
				+ (CognitoTokenManagers.DEFAULT.equals(clientName) ? "" : " for client '" + clientName + "'") + ": "
				+ cause.getMessage();
		return new FailureAnalysis(description,
				CognitoTokenFailureAdvice.advise(cause, clientName, endpointFromDomain(clientName)), cause);
	}

	/**
	 * Whether the client names its token endpoint by domain and region: its own, or those
	 * a named client inherits from {@code cognito.client} when it sets no endpoint.
	 */
	private boolean endpointFromDomain(String clientName) {
		Environment environment = this.environment;
		if (environment == null) {
			return false;
		}
		if (CognitoTokenManagers.DEFAULT.equals(clientName)) {
			return environment.containsProperty("cognito.client.domain");
		}
		String prefix = NamedCognitoClients.prefix(clientName);
		if (environment.containsProperty(prefix + ".domain")) {
			return true;
		}
		return !environment.containsProperty(prefix + ".token-endpoint")
				&& environment.containsProperty("cognito.client.domain");
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
