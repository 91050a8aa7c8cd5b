package io.github.cognitotoken.samples.democlient;

import java.util.Map;
import java.util.TreeMap;

/**
 * The token request counts of the local stand-in, as {@code GET /admin/token-requests}
 * returns them.
 *
 * @param issued successful token responses
 * @param failed rejected token requests
 * @param issuedByClient successful token responses by client id
 */
public record TokenRequestCounts(long issued, long failed, Map<String, Long> issuedByClient) {

	public TokenRequestCounts {
		issuedByClient = (issuedByClient != null) ? new TreeMap<>(issuedByClient) : Map.of();
	}

	/**
	 * Create counts without a split by client.
	 * @param issued successful token responses
	 * @param failed rejected token requests
	 */
	public TokenRequestCounts(long issued, long failed) {
		this(issued, failed, Map.of());
	}

	/**
	 * Return how many token requests the stand-in received.
	 * @return issued plus failed
	 */
	public long total() {
		return this.issued + this.failed;
	}

}
