package io.github.cognitotoken.endpoint;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The Cognito app client that requests tokens: its credentials, the token endpoint, the
 * scopes it asks for and the client metadata it sends. {@link #toString()} shows at most
 * a prefix of the client id, the keys of the client metadata but not their values, and
 * never the secret.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class CognitoClientRegistration {

	/**
	 * Longest {@link #clientMetadataJson(Map) client metadata JSON}, in characters. We
	 * know of no documented Amazon Cognito limit for {@code aws_client_metadata}; this
	 * one keeps the metadata to what it is for, a few short hints to a pre token
	 * generation Lambda trigger, since it travels in every token request, and catches
	 * mistakes such as a file pasted into a property.
	 * @since 0.1.0
	 */
	public static final int MAX_CLIENT_METADATA_LENGTH = 4096;

	private static final String EXPECTED_FORM = "https://<domain>.auth.<region>.amazoncognito.com/oauth2/token";

	// ASCII-only JSON (non-ASCII characters become backslash-u escapes): it reads the
	// same whatever charset a server decodes the form with
	private static final JsonMapper clientMetadataMapper = JsonMapper.builder()
		.enable(JsonWriteFeature.ESCAPE_NON_ASCII)
		.build();

	private final String clientId;

	private final String clientSecret;

	private final URI tokenEndpoint;

	private final List<String> scopes;

	private final ClientAuthenticationMethod authenticationMethod;

	private final @Nullable String previousClientSecret;

	private final Map<String, String> clientMetadata;

	private final String clientMetadataJson;

	/**
	 * Create a new registration without client metadata.
	 * @param clientId the app client id
	 * @param clientSecret the app client secret
	 * @param tokenEndpoint the absolute http or https URL of the token endpoint, with a
	 * path and without user information, query string or fragment
	 * @throws IllegalArgumentException if an argument is missing or the token endpoint is
	 * not such a URL
	 * @param scopes the scopes to request, empty for every scope enabled on the client
	 * @param authenticationMethod how the client authenticates
	 */
	public CognitoClientRegistration(String clientId, String clientSecret, URI tokenEndpoint, List<String> scopes,
			ClientAuthenticationMethod authenticationMethod) {
		Assert.hasText(clientId, "'clientId' must not be empty");
		Assert.hasText(clientSecret, "'clientSecret' must not be empty");
		checkTokenEndpoint(tokenEndpoint);
		Assert.notNull(scopes, "'scopes' must not be null");
		Assert.noNullElements(scopes, "'scopes' must not contain null elements");
		Assert.notNull(authenticationMethod, "'authenticationMethod' must not be null");
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.tokenEndpoint = tokenEndpoint;
		this.scopes = List.copyOf(scopes);
		this.authenticationMethod = authenticationMethod;
		this.previousClientSecret = null;
		this.clientMetadata = Collections.emptyMap();
		this.clientMetadataJson = "{}";
	}

	private CognitoClientRegistration(CognitoClientRegistration registration, @Nullable String previousClientSecret,
			Map<String, String> clientMetadata) {
		this.clientId = registration.clientId;
		this.clientSecret = registration.clientSecret;
		this.tokenEndpoint = registration.tokenEndpoint;
		this.scopes = registration.scopes;
		this.authenticationMethod = registration.authenticationMethod;
		this.previousClientSecret = (previousClientSecret != null && !previousClientSecret.isEmpty()
				&& !previousClientSecret.equals(registration.clientSecret)) ? previousClientSecret : null;
		this.clientMetadata = Collections.unmodifiableMap(new TreeMap<>(clientMetadata));
		this.clientMetadataJson = clientMetadataJson(this.clientMetadata);
		Assert.isTrue(this.clientMetadataJson.length() <= MAX_CLIENT_METADATA_LENGTH,
				() -> "'clientMetadata' must be at most " + MAX_CLIENT_METADATA_LENGTH + " characters as JSON ("
						+ this.clientMetadataJson.length() + ")");
	}

	/**
	 * Return a registration like this one that also holds the previous client secret,
	 * which {@link TokenEndpointClient} tries once, right away, when Cognito rejects the
	 * client secret with {@code invalid_client} during a rotation.
	 * @param previousClientSecret the previous client secret, or {@code null} for none
	 * @return the registration
	 * @since 0.1.0
	 */
	public CognitoClientRegistration withPreviousClientSecret(@Nullable String previousClientSecret) {
		return new CognitoClientRegistration(this, previousClientSecret, this.clientMetadata);
	}

	private static void checkTokenEndpoint(URI tokenEndpoint) {
		Assert.notNull(tokenEndpoint, "'tokenEndpoint' must not be null");
		// never echo the URI: its user information, query or fragment may hold a
		// credential
		String scheme = tokenEndpoint.getScheme();
		Assert.isTrue(
				tokenEndpoint.isAbsolute() && tokenEndpoint.getHost() != null
						&& ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)),
				"'tokenEndpoint' must be an absolute http or https URL with a host, such as " + EXPECTED_FORM);
		Assert.isTrue(tokenEndpoint.getRawUserInfo() == null,
				"'tokenEndpoint' must not contain user information (pass the credentials as 'clientId' and "
						+ "'clientSecret'), such as " + EXPECTED_FORM);
		Assert.isTrue(tokenEndpoint.getRawQuery() == null,
				"'tokenEndpoint' must not have a query string, such as " + EXPECTED_FORM);
		Assert.isTrue(tokenEndpoint.getRawFragment() == null,
				"'tokenEndpoint' must not have a fragment, such as " + EXPECTED_FORM);
		String path = tokenEndpoint.getRawPath();
		Assert.isTrue(path != null && !path.isEmpty() && !path.equals("/"),
				"'tokenEndpoint' must have a path (the domain followed by /oauth2/token), such as " + EXPECTED_FORM);
	}

	/**
	 * Return the app client id.
	 * @return the client id
	 */
	public String getClientId() {
		return this.clientId;
	}

	/**
	 * Return the app client secret. Never log it.
	 * @return the client secret
	 */
	public String getClientSecret() {
		return this.clientSecret;
	}

	/**
	 * Return the previous client secret. Never log it.
	 * @return the previous client secret, or {@code null} when there is none
	 * @since 0.1.0
	 */
	public @Nullable String getPreviousClientSecret() {
		return this.previousClientSecret;
	}

	/**
	 * Return the client secret and the previous one, as held by this registration.
	 * @return the secrets
	 * @since 0.1.0
	 */
	public CognitoClientSecrets getSecrets() {
		return CognitoClientSecrets.of(this.clientSecret, this.previousClientSecret);
	}

	/**
	 * Return the token endpoint.
	 * @return the token endpoint URL
	 */
	public URI getTokenEndpoint() {
		return this.tokenEndpoint;
	}

	/**
	 * Return the scopes to request.
	 * @return the scopes, possibly empty
	 */
	public List<String> getScopes() {
		return this.scopes;
	}

	/**
	 * Return how the client authenticates.
	 * @return the authentication method
	 */
	public ClientAuthenticationMethod getAuthenticationMethod() {
		return this.authenticationMethod;
	}

	/**
	 * Return a copy of this registration that sends the given client metadata with every
	 * token request, as the JSON object of the {@code aws_client_metadata} form field.
	 * Amazon Cognito passes it to the pre token generation Lambda trigger of the user
	 * pool, which may put it into the token, so different metadata may yield a different
	 * token. Cognito neither stores nor encrypts it: do not put secrets in it.
	 * @param clientMetadata the metadata, string keys (not blank) and string values, at
	 * most {@link #MAX_CLIENT_METADATA_LENGTH} characters as JSON; empty to send none
	 * @return the registration with the client metadata, in the order of its keys
	 * @throws IllegalArgumentException if a key is {@code null}, empty or blank, a value
	 * is {@code null}, or the JSON is too long
	 * @since 0.1.0
	 */
	public CognitoClientRegistration withClientMetadata(Map<String, String> clientMetadata) {
		Assert.notNull(clientMetadata, "'clientMetadata' must not be null");
		clientMetadata.forEach((key, value) -> Assert.isTrue(StringUtils.hasText(key),
				"'clientMetadata' must not contain empty or blank keys"));
		return new CognitoClientRegistration(this, this.previousClientSecret, clientMetadata);
	}

	/**
	 * Return the client metadata sent with every token request as
	 * {@code aws_client_metadata}.
	 * @return the client metadata, sorted by key, empty when none is sent
	 * @since 0.1.0
	 */
	public Map<String, String> getClientMetadata() {
		return this.clientMetadata;
	}

	/**
	 * Return the JSON object that is sent as {@code aws_client_metadata} (before the form
	 * encoding of the request body) for the given client metadata: its entries in the
	 * order of the map, with quotes, backslashes and control characters escaped as JSON
	 * requires and every non-ASCII character written as a <code>&#92;uXXXX</code> escape
	 * (UTF-16, so a character outside the Basic Multilingual Plane is a pair of escapes).
	 * @param clientMetadata the client metadata, without {@code null} keys or values
	 * @return the JSON object, only ASCII characters
	 * @since 0.1.0
	 */
	public static String clientMetadataJson(Map<String, String> clientMetadata) {
		Assert.notNull(clientMetadata, "'clientMetadata' must not be null");
		clientMetadata.forEach((key, value) -> {
			Assert.notNull(key, "'clientMetadata' must not contain null keys");
			// the key may be shown, never the value
			Assert.notNull(value, () -> "'clientMetadata' must not contain null values (key '" + key + "')");
		});
		return clientMetadataMapper.writeValueAsString(clientMetadata);
	}

	/**
	 * Return the JSON of the client metadata, {@code {}} when there is none.
	 * @return the JSON object
	 */
	String getClientMetadataJson() {
		return this.clientMetadataJson;
	}

	/**
	 * Return the first characters of the client id, safe to show in logs.
	 * @return a short prefix of the client id followed by an ellipsis
	 */
	public String getClientIdPrefix() {
		return clientIdPrefix(this.clientId);
	}

	/**
	 * Return the first characters of a client id, safe to show in logs.
	 * @param clientId the client id
	 * @return a short prefix of the client id followed by an ellipsis
	 */
	public static String clientIdPrefix(String clientId) {
		return clientId.substring(0, Math.min(4, clientId.length())) + "...";
	}

	@Override
	public String toString() {
		// the keys of the client metadata only: its values may be sensitive
		return "CognitoClientRegistration[clientId=" + getClientIdPrefix() + ", tokenEndpoint=" + this.tokenEndpoint
				+ ", scopes=" + this.scopes + ", authenticationMethod=" + this.authenticationMethod.getValue()
				+ (this.clientMetadata.isEmpty() ? "" : ", clientMetadataKeys=" + this.clientMetadata.keySet())
				+ ", clientSecret=(hidden)]";
	}

}
