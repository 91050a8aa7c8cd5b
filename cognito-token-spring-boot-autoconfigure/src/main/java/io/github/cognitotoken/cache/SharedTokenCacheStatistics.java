package io.github.cognitotoken.cache;

/**
 * A snapshot of what a {@link SharedTokenCache} counted since it was built: where tokens
 * came from and how often the store failed.
 *
 * @param tokensFromStore how many tokens were taken from the store instead of being
 * requested
 * @param tokensFetched how many tokens this instance requested from the token endpoint
 * @param storeFailures how many store operations failed or timed out
 * @param unreadableEntries how many entries were ignored because they failed
 * authentication (written with another client secret, or modified), were malformed or
 * were longer than {@link SharedTokenCache#MAX_ENTRY_LENGTH}
 * @author cognito-token contributors
 * @since 0.1.0
 */
public record SharedTokenCacheStatistics(long tokensFromStore, long tokensFetched, long storeFailures,
		long unreadableEntries) {

}
