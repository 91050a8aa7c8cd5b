package io.github.cognitotoken.samples.cognitolocal.token;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.cognitotoken.samples.cognitolocal.CognitoLocalProperties.Client;
import io.github.cognitotoken.samples.cognitolocal.token.TokenIssuer.IssuedToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cognito's {@code POST /oauth2/token} for the {@code client_credentials} grant.
 * <p>
 * As Cognito does, it answers a request that is not
 * {@code application/x-www-form-urlencoded} with HTTP 405, and every OAuth error with
 * HTTP 400 and a body of only {@code {"error":"<code>"}}. Checks run in this order:
 * repeated parameter, missing {@code grant_type} or an {@code aws_client_metadata} that
 * is not a JSON object of strings ({@code invalid_request}), grant type
 * ({@code unsupported_grant_type}), client authentication ({@code invalid_client}),
 * client-credentials permission ({@code unauthorized_client}), scope
 * ({@code invalid_scope}).
 * <p>
 * Like a pre token generation Lambda trigger that copies the client metadata into the
 * token, it puts {@code aws_client_metadata} into the {@code client_metadata} claim.
 */
@RestController
public class TokenEndpointController {

	private static final Log logger = LogFactory.getLog(TokenEndpointController.class);

	private static final String TOKEN_PATH = "/oauth2/token";

	private static final String CLIENT_CREDENTIALS = "client_credentials";

	private static final List<String> SINGLE_VALUED = List.of("grant_type", "client_id", "client_secret", "scope",
			ClientMetadataReader.PARAMETER);

	private final ClientAuthenticator clientAuthenticator;

	private final TokenIssuer tokenIssuer;

	private final TokenRequestCounter counter;

	public TokenEndpointController(ClientAuthenticator clientAuthenticator, TokenIssuer tokenIssuer,
			TokenRequestCounter counter) {
		this.clientAuthenticator = clientAuthenticator;
		this.tokenIssuer = tokenIssuer;
		this.counter = counter;
	}

	@PostMapping(path = TOKEN_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Map<String, Object>> token(@RequestParam MultiValueMap<String, String> parameters,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		for (String name : SINGLE_VALUED) {
			List<String> values = parameters.get(name);
			if (values != null && values.size() > 1) {
				throw new TokenErrorException(TokenErrorException.INVALID_REQUEST, "repeated parameter " + name);
			}
		}
		String grantType = parameters.getFirst("grant_type");
		if (!StringUtils.hasText(grantType)) {
			throw new TokenErrorException(TokenErrorException.INVALID_REQUEST, "missing grant_type");
		}
		Map<String, String> clientMetadata = ClientMetadataReader
			.read(parameters.getFirst(ClientMetadataReader.PARAMETER));
		if (!CLIENT_CREDENTIALS.equals(grantType)) {
			throw new TokenErrorException(TokenErrorException.UNSUPPORTED_GRANT_TYPE,
					"unsupported grant_type " + TokenErrorException.quote(grantType));
		}
		Client client = this.clientAuthenticator.authenticate(authorization, parameters.getFirst("client_id"),
				parameters.getFirst("client_secret"));
		if (!client.clientCredentialsEnabled()) {
			throw new TokenErrorException(TokenErrorException.UNAUTHORIZED_CLIENT,
					"client '" + client.clientId() + "' may not use client_credentials");
		}
		List<String> scopes = grantedScopes(client, parameters.getFirst("scope"));
		IssuedToken token = this.tokenIssuer.issue(client.clientId(), scopes, clientMetadata);
		this.counter.recordIssued(client.clientId());
		if (logger.isInfoEnabled()) {
			// the keys of the client metadata only: its values may be sensitive
			logger.info("Issued access token to client '" + client.clientId() + "' with scope '"
					+ String.join(" ", scopes) + "'"
					+ (clientMetadata.isEmpty() ? "" : " and client metadata keys " + clientMetadata.keySet()));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.value());
		body.put("expires_in", token.expiresIn());
		body.put("token_type", "Bearer");
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.body(body);
	}

	@PostMapping(TOKEN_PATH)
	ResponseEntity<Void> notForm() {
		this.counter.recordFailed();
		logger.info("Token request rejected with 405: Content-Type is not application/x-www-form-urlencoded");
		return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).build();
	}

	@ExceptionHandler(TokenErrorException.class)
	ResponseEntity<Map<String, String>> tokenError(TokenErrorException ex) {
		this.counter.recordFailed();
		if (logger.isInfoEnabled()) {
			logger.info("Token request rejected: " + ex.getMessage());
		}
		return ResponseEntity.badRequest()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error", ex.getError()));
	}

	private static List<String> grantedScopes(Client client, @Nullable String scope) {
		if (!StringUtils.hasText(scope)) {
			if (client.scopes().isEmpty()) {
				throw new TokenErrorException(TokenErrorException.INVALID_SCOPE,
						"client '" + client.clientId() + "' has no scopes");
			}
			return client.scopes();
		}
		Set<String> requested = new LinkedHashSet<>(List.of(scope.trim().split(" +")));
		for (String requestedScope : requested) {
			if (!client.scopes().contains(requestedScope)) {
				throw new TokenErrorException(TokenErrorException.INVALID_SCOPE,
						"scope " + TokenErrorException.quote(requestedScope) + " not allowed for client '"
								+ client.clientId() + "'");
			}
		}
		return List.copyOf(requested);
	}

}
