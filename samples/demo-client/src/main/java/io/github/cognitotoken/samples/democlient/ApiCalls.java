package io.github.cognitotoken.samples.democlient;

import java.util.List;

/**
 * The calls the demo made to one more API.
 *
 * @param apiUrl the URL of the API
 * @param how which client's token it carried and how it was chosen, for the report
 * @param calls the outcome of each call, in order
 */
public record ApiCalls(String apiUrl, String how, List<CallResult> calls) {

	public ApiCalls {
		calls = List.copyOf(calls);
	}

}
