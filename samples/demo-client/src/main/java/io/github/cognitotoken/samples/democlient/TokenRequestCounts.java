package io.github.cognitotoken.samples.democlient;

/**
 * The token request counts of the local stand-in, as {@code GET /admin/token-requests}
 * returns them.
 *
 * @param issued successful token responses
 * @param failed rejected token requests
 */
public record TokenRequestCounts(long issued, long failed) {

	/**
	 * Return how many token requests the stand-in received.
	 * @return issued plus failed
	 */
	public long total() {
		return this.issued + this.failed;
	}

}
