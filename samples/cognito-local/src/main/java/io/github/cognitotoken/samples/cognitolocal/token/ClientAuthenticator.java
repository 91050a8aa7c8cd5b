package io.github.cognitotoken.samples.cognitolocal.token;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import io.github.cognitotoken.samples.cognitolocal.CognitoLocalProperties;
import io.github.cognitotoken.samples.cognitolocal.CognitoLocalProperties.Client;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Authenticates app clients with {@code client_secret_basic} (RFC 6749 section 2.3.1: the
 * id and secret are form-urlencoded, joined by a colon, then Base64 encoded) or
 * {@code client_secret_post} ({@code client_id} and {@code client_secret} form fields).
 */
@Component
public class ClientAuthenticator {

	private static final String BASIC_PREFIX = "Basic ";

	private final CognitoLocalProperties properties;

	public ClientAuthenticator(CognitoLocalProperties properties) {
		this.properties = properties;
	}

	/**
	 * Authenticate the client of a token request.
	 * @param authorization the {@code Authorization} header, if any
	 * @param formClientId the {@code client_id} form field, if any
	 * @param formClientSecret the {@code client_secret} form field, if any
	 * @return the authenticated client
	 * @throws TokenErrorException with {@code invalid_client} when the client is unknown,
	 * the secret is wrong or no credentials were sent, or {@code invalid_request} when
	 * both authentication methods were used
	 */
	public Client authenticate(@Nullable String authorization, @Nullable String formClientId,
			@Nullable String formClientSecret) {
		String clientId;
		String clientSecret;
		if (authorization != null) {
			if (formClientSecret != null) {
				throw new TokenErrorException(TokenErrorException.INVALID_REQUEST,
						"client_secret_basic and client_secret_post used together");
			}
			String[] credentials = decodeBasic(authorization);
			clientId = credentials[0];
			clientSecret = credentials[1];
			if (formClientId != null && !formClientId.equals(clientId)) {
				throw new TokenErrorException(TokenErrorException.INVALID_CLIENT,
						"client_id form field does not match the Authorization header");
			}
		}
		else if (formClientId != null && formClientSecret != null) {
			clientId = formClientId;
			clientSecret = formClientSecret;
		}
		else {
			throw new TokenErrorException(TokenErrorException.INVALID_CLIENT, "no client credentials");
		}
		Client client = this.properties.findClient(clientId)
			.orElseThrow(() -> new TokenErrorException(TokenErrorException.INVALID_CLIENT,
					"unknown client " + TokenErrorException.quote(clientId)));
		if (!MessageDigest.isEqual(client.clientSecret().getBytes(StandardCharsets.UTF_8),
				clientSecret.getBytes(StandardCharsets.UTF_8))) {
			throw new TokenErrorException(TokenErrorException.INVALID_CLIENT,
					"wrong secret for client " + TokenErrorException.quote(clientId));
		}
		return client;
	}

	private static String[] decodeBasic(String authorization) {
		if (!authorization.regionMatches(true, 0, BASIC_PREFIX, 0, BASIC_PREFIX.length())) {
			throw new TokenErrorException(TokenErrorException.INVALID_CLIENT, "Authorization header is not Basic");
		}
		try {
			String decoded = new String(
					Base64.getDecoder().decode(authorization.substring(BASIC_PREFIX.length()).trim()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				throw new TokenErrorException(TokenErrorException.INVALID_CLIENT, "Basic credentials have no colon");
			}
			return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
					URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
		}
		catch (IllegalArgumentException ex) {
			throw new TokenErrorException(TokenErrorException.INVALID_CLIENT, "malformed Basic credentials");
		}
	}

}
