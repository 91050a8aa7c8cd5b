package io.github.cognitotoken.endpoint;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} of the {@value TokenEndpointClient#OBSERVATION_NAME}
 * observations of token requests. Define a bean of this type to change or add key values;
 * extending {@link DefaultCognitoTokenRequestObservationConvention} keeps the default
 * ones.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public interface CognitoTokenRequestObservationConvention
		extends ObservationConvention<CognitoTokenRequestObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof CognitoTokenRequestObservationContext;
	}

}
