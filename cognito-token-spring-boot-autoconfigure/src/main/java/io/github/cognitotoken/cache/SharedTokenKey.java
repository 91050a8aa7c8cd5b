package io.github.cognitotoken.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Names the entry of a shared token: the configured prefix followed by the SHA-256 (hex)
 * of what the token is for, that is the token endpoint, the client id, the sorted scopes
 * and the client metadata ({@code aws_client_metadata}, which a pre token generation
 * Lambda trigger may turn into claims). Instances that request the same token share an
 * entry; different app clients, user pools, scopes or client metadata never do. The hash
 * keeps client ids, scopes and metadata out of key names.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class SharedTokenKey {

	private final String value;

	private SharedTokenKey(String value) {
		this.value = value;
	}

	/**
	 * Return the key of the token for the given client.
	 * @param prefix the prefix of every key, for example {@code cognito-token:}
	 * @param tokenEndpoint the URL of the token endpoint
	 * @param clientId the app client id
	 * @param scopes the requested scopes; entries are split on white space, and order and
	 * duplicates do not matter
	 * @return the key
	 */
	public static SharedTokenKey of(String prefix, String tokenEndpoint, String clientId, Collection<String> scopes) {
		return of(prefix, tokenEndpoint, clientId, scopes, Collections.emptyMap());
	}

	/**
	 * Return the key of the token for the given client and client metadata.
	 * @param prefix the prefix of every key, for example {@code cognito-token:}
	 * @param tokenEndpoint the URL of the token endpoint
	 * @param clientId the app client id
	 * @param scopes the requested scopes; entries are split on white space, and order and
	 * duplicates do not matter
	 * @param clientMetadata the client metadata sent with the token request; the order of
	 * its entries does not matter, and an empty map gives the same key as
	 * {@link #of(String, String, String, Collection)}
	 * @return the key
	 * @since 0.1.0
	 */
	public static SharedTokenKey of(String prefix, String tokenEndpoint, String clientId, Collection<String> scopes,
			Map<String, String> clientMetadata) {
		Assert.notNull(prefix, "'prefix' must not be null");
		Assert.hasText(tokenEndpoint, "'tokenEndpoint' must not be empty");
		Assert.hasText(clientId, "'clientId' must not be empty");
		Assert.notNull(scopes, "'scopes' must not be null");
		TreeSet<String> sorted = new TreeSet<>();
		for (String entry : scopes) {
			if (entry != null) {
				for (String scope : entry.trim().split("\\s+", -1)) {
					if (!scope.isEmpty()) {
						sorted.add(scope);
					}
				}
			}
		}
		Assert.notNull(clientMetadata, "'clientMetadata' must not be null");
		clientMetadata.forEach((key, value) -> Assert.isTrue(key != null && value != null,
				"'clientMetadata' must not contain null keys or values"));
		StringBuilder identity = new StringBuilder().append("endpoint=")
			.append(tokenEndpoint.trim())
			.append("\nclient_id=")
			.append(clientId)
			.append("\nscope=")
			.append(String.join(" ", sorted));
		if (!clientMetadata.isEmpty()) {
			// length-prefixed, so that no two different maps read the same; absent when
			// empty, so that keys without metadata stay those of earlier versions
			identity.append("\nclient_metadata=");
			new TreeMap<>(clientMetadata).forEach((key, value) -> identity.append(key.length())
				.append(':')
				.append(key)
				.append(value.length())
				.append(':')
				.append(value));
		}
		return new SharedTokenKey(prefix + sha256Hex(identity.toString()));
	}

	/**
	 * Return the key of the entry that holds the token.
	 * @return the key
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Return the key of the lock that lets one instance at a time request a token.
	 * @return the lock key
	 */
	public String lockKey() {
		return this.value + ":lock";
	}

	private static String sha256Hex(String value) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return (obj instanceof SharedTokenKey other) && this.value.equals(other.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
