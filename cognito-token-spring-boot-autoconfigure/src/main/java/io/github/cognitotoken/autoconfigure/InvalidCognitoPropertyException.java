package io.github.cognitotoken.autoconfigure;

/**
 * Thrown at startup when a {@code cognito.client.*} property is missing or malformed.
 * {@link InvalidCognitoPropertyFailureAnalyzer} turns it into a message that names the
 * property and says what to set.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public class InvalidCognitoPropertyException extends RuntimeException {

	private final String property;

	private final String problem;

	private final String action;

	/**
	 * Create a new exception.
	 * @param property the full name of the property, for example
	 * {@code cognito.client.token-endpoint}
	 * @param problem what is wrong with it
	 * @param action what to set instead
	 */
	public InvalidCognitoPropertyException(String property, String problem, String action) {
		super("Invalid Cognito client configuration: '" + property + "' " + problem);
		this.property = property;
		this.problem = problem;
		this.action = action;
	}

	/**
	 * Return the full name of the property that is wrong.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return what the user should do.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

	/**
	 * Return this failure as it applies to the named client: the same problem, naming
	 * that client's properties.
	 * @param clientName the client name
	 * @return the failure for that client
	 */
	InvalidCognitoPropertyException forClient(String clientName) {
		InvalidCognitoPropertyException renamed = new InvalidCognitoPropertyException(
				NamedCognitoClients.rename(this.property, clientName),
				NamedCognitoClients.rename(this.problem, clientName),
				NamedCognitoClients.rename(this.action, clientName));
		renamed.setStackTrace(getStackTrace());
		return renamed;
	}

}
