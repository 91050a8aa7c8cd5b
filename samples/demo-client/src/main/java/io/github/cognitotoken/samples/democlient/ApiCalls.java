package io.github.cognitotoken.samples.democlient;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The calls the demo made to one more API.
 *
 * @param apiUrl the URL of the API
 * @param how which client's token it carried and how it was chosen, for the report
 * @param calls the outcome of each call, in order
 * @param tokenClaim a claim of the client's token worth showing, such as
 * {@code client_metadata {"tenant":"acme"}}, or {@code null}
 */
public record ApiCalls(String apiUrl, String how, List<CallResult> calls, @Nullable String tokenClaim) {

	public ApiCalls {
		calls = List.copyOf(calls);
	}

	/**
	 * Create the calls to an API without a claim to show.
	 * @param apiUrl the URL of the API
	 * @param how which client's token it carried and how it was chosen
	 * @param calls the outcome of each call, in order
	 */
	public ApiCalls(String apiUrl, String how, List<CallResult> calls) {
		this(apiUrl, how, calls, null);
	}

}
