package io.github.cognitotoken.endpoint;

import java.util.Locale;

import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenException.Kind;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * Default {@link CognitoTokenRequestObservationConvention}. Names the observation
 * {@value TokenEndpointClient#OBSERVATION_NAME}, with the contextual name
 * {@code cognito token request}, and once the request has ended the low-cardinality key
 * values:
 * <ul>
 * <li>{@code outcome}: {@code success} or {@code failure};</li>
 * <li>{@code error.type}: the {@link CognitoTokenException#getErrorTag() error tag} of
 * the failure, such as {@code invalid_client}, {@code http_503} or {@code timeout};
 * {@code unexpected} for any other exception; {@code none} on success.</li>
 * </ul>
 * The high-cardinality key value {@code server.address} is the host of the token
 * endpoint. No key value holds the client secret or the token.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public class DefaultCognitoTokenRequestObservationConvention implements CognitoTokenRequestObservationConvention {

	private static final String CONTEXTUAL_NAME = "cognito token request";

	private static final KeyValue ERROR_TYPE_NONE = KeyValue.of("error.type", "none");

	@Override
	public String getName() {
		return TokenEndpointClient.OBSERVATION_NAME;
	}

	@Override
	public String getContextualName(CognitoTokenRequestObservationContext context) {
		return CONTEXTUAL_NAME;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CognitoTokenRequestObservationContext context) {
		if (context.getOutcome() == null) {
			// not known before the request ends: the stopped observation has them
			return KeyValues.empty();
		}
		return KeyValues.of(client(context), errorType(context), outcome(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(CognitoTokenRequestObservationContext context) {
		return KeyValues.of(serverAddress(context));
	}

	/**
	 * Return the {@code client} key value: the name of the client.
	 * @param context the context
	 * @return the key value
	 * @since 0.1.0
	 */
	protected KeyValue client(CognitoTokenRequestObservationContext context) {
		return KeyValue.of("client", context.getClientName());
	}

	/**
	 * Return the {@code outcome} key value.
	 * @param context the context of a request that has ended
	 * @return the key value
	 */
	protected KeyValue outcome(CognitoTokenRequestObservationContext context) {
		CognitoTokenRequestObservationContext.Outcome outcome = context.getOutcome();
		String value = (outcome != null) ? outcome.name().toLowerCase(Locale.ROOT) : KeyValue.NONE_VALUE;
		return KeyValue.of("outcome", value);
	}

	/**
	 * Return the {@code error.type} key value.
	 * @param context the context of a request that has ended
	 * @return the key value
	 */
	protected KeyValue errorType(CognitoTokenRequestObservationContext context) {
		if (context.getOutcome() != CognitoTokenRequestObservationContext.Outcome.FAILURE) {
			return ERROR_TYPE_NONE;
		}
		CognitoTokenException failure = context.getTokenException();
		return KeyValue.of("error.type", (failure != null) ? failure.getErrorTag() : Kind.UNEXPECTED.tag());
	}

	/**
	 * Return the {@code server.address} key value: the host of the token endpoint.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue serverAddress(CognitoTokenRequestObservationContext context) {
		return KeyValue.of("server.address", context.getTokenEndpointHost());
	}

}
