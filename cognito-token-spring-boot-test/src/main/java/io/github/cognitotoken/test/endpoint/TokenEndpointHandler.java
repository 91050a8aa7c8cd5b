package io.github.cognitotoken.test.endpoint;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.cognitotoken.test.CognitoTestToken;
import io.github.cognitotoken.test.CognitoTestTokenIssuer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the token requests of a {@link CognitoTokenEndpointExtension} the way Cognito
 * does, unless a scripted answer says otherwise, and records every request.
 *
 * @author cognito-token contributors
 */
final class TokenEndpointHandler implements ResponseDefinitionTransformerV2 {

	static final String NAME = "cognito-token-endpoint";

	private static final String FORM = "application/x-www-form-urlencoded";

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
	};

	private final Map<String, RegisteredClient> clients;

	private final Duration lifetime;

	private final Clock clock;

	private volatile @Nullable CognitoTestTokenIssuer tokenIssuer;

	private final Object lock = new Object();

	private final Deque<TokenEndpointAnswer> nextAnswers = new ArrayDeque<>();

	private final Map<String, Deque<TokenEndpointAnswer>> nextAnswersByClient = new HashMap<>();

	private @Nullable TokenEndpointAnswer alwaysAnswer;

	private final List<TokenRequest> requests = new ArrayList<>();

	TokenEndpointHandler(Map<String, RegisteredClient> clients, Duration lifetime, Clock clock) {
		this.clients = Map.copyOf(clients);
		this.lifetime = lifetime;
		this.clock = clock;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	/**
	 * Set what signs the tokens, once the server's port, which the default issuer
	 * contains, is known.
	 * @param tokenIssuer the token issuer
	 */
	void tokenIssuer(CognitoTestTokenIssuer tokenIssuer) {
		this.tokenIssuer = tokenIssuer;
	}

	CognitoTestTokenIssuer tokenIssuer() {
		CognitoTestTokenIssuer tokenIssuer = this.tokenIssuer;
		if (tokenIssuer == null) {
			throw new IllegalStateException("The token endpoint has not started");
		}
		return tokenIssuer;
	}

	void answerNext(@Nullable String clientId, List<TokenEndpointAnswer> answers) {
		synchronized (this.lock) {
			Deque<TokenEndpointAnswer> queue = (clientId != null)
					? this.nextAnswersByClient.computeIfAbsent(clientId, (id) -> new ArrayDeque<>()) : this.nextAnswers;
			queue.addAll(answers);
		}
	}

	void answerAlways(@Nullable TokenEndpointAnswer answer) {
		synchronized (this.lock) {
			this.alwaysAnswer = answer;
		}
	}

	void clearAnswers() {
		synchronized (this.lock) {
			this.nextAnswers.clear();
			this.nextAnswersByClient.clear();
			this.alwaysAnswer = null;
		}
	}

	void clearRequests() {
		synchronized (this.lock) {
			this.requests.clear();
		}
	}

	List<TokenRequest> requests() {
		synchronized (this.lock) {
			return List.copyOf(this.requests);
		}
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Request request = serveEvent.getRequest();
		String contentType = request.contentTypeHeader().isPresent() ? request.contentTypeHeader().firstValue() : null;
		Map<String, String> form = (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM))
				? parseForm(request.getBodyAsString()) : Map.of();
		Credentials credentials = Credentials.of(request.getHeader("Authorization"), form);
		List<String> scopes = scopes(form.get("scope"));
		String rawMetadata = form.get("aws_client_metadata");
		Map<String, String> metadata = (rawMetadata != null) ? parseClientMetadata(rawMetadata) : null;
		TokenEndpointAnswer scripted = nextAnswer(credentials.clientId());
		Outcome outcome;
		if (scripted != null && !scripted.issuesToken()) {
			outcome = new Outcome(scripted, null);
		}
		else {
			outcome = answer(contentType, form, credentials, scopes, rawMetadata, metadata);
		}
		if (scripted != null) {
			outcome = new Outcome(outcome.answer().delayedBy(scripted.delay()), outcome.token());
		}
		Map<String, String> parameters = new LinkedHashMap<>(form);
		parameters.remove("client_secret");
		TokenEndpointAnswer answer = outcome.answer();
		Integer status = answer.status();
		synchronized (this.lock) {
			this.requests.add(new TokenRequest(credentials.clientId(), credentials.method(), contentType, parameters,
					scopes, metadata, (answer.resetsConnection() || status == null) ? 0 : status, outcome.token()));
		}
		return toResponse(answer);
	}

	private @Nullable TokenEndpointAnswer nextAnswer(@Nullable String clientId) {
		synchronized (this.lock) {
			Deque<TokenEndpointAnswer> forClient = (clientId != null) ? this.nextAnswersByClient.get(clientId) : null;
			if (forClient != null && !forClient.isEmpty()) {
				return forClient.poll();
			}
			if (!this.nextAnswers.isEmpty()) {
				return this.nextAnswers.poll();
			}
			return this.alwaysAnswer;
		}
	}

	private Outcome answer(@Nullable String contentType, Map<String, String> form, Credentials credentials,
			List<String> scopes, @Nullable String rawMetadata, @Nullable Map<String, String> metadata) {
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
			// Cognito's answer to a token request that is not a form
			return new Outcome(TokenEndpointAnswer.response(405, null, ""), null);
		}
		if (credentials.clientId() == null || credentials.secret() == null || credentials.ambiguous()) {
			return error("invalid_client");
		}
		if (!"client_credentials".equals(form.get("grant_type"))) {
			return error(form.containsKey("grant_type") ? "unsupported_grant_type" : "invalid_request");
		}
		if (rawMetadata != null && metadata == null) {
			return error("invalid_request");
		}
		List<String> granted = scopes;
		if (!this.clients.isEmpty()) {
			RegisteredClient client = this.clients.get(credentials.clientId());
			if (client == null || !client.secret().equals(credentials.secret())) {
				return error("invalid_client");
			}
			if (!client.scopes().isEmpty()) {
				if (!client.scopes().containsAll(scopes)) {
					return error("invalid_scope");
				}
				// no scope asked for: every scope enabled on the app client
				granted = scopes.isEmpty() ? List.copyOf(client.scopes()) : scopes;
			}
		}
		CognitoTestToken token = tokenIssuer().issue(credentials.clientId(), granted, this.clock.instant(),
				this.lifetime);
		String body = "{\"access_token\":\"" + token.getValue() + "\",\"expires_in\":" + this.lifetime.toSeconds()
				+ ",\"token_type\":\"Bearer\"}";
		return new Outcome(TokenEndpointAnswer.response(200, "application/json;charset=UTF-8", body), token);
	}

	private static Outcome error(String errorCode) {
		return new Outcome(TokenEndpointAnswer.error(errorCode), null);
	}

	private static ResponseDefinition toResponse(TokenEndpointAnswer answer) {
		ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition();
		int delay = (int) Math.min(Integer.MAX_VALUE, answer.delay().toMillis());
		if (delay > 0) {
			response.withFixedDelay(delay);
		}
		if (answer.resetsConnection()) {
			return response.withFault(Fault.CONNECTION_RESET_BY_PEER).build();
		}
		Integer status = answer.status();
		response.withStatus((status != null) ? status : 200);
		String contentType = answer.contentType();
		if (contentType != null) {
			response.withHeader("Content-Type", contentType);
		}
		Duration retryAfter = answer.retryAfter();
		if (retryAfter != null) {
			response.withHeader("Retry-After", String.valueOf(retryAfter.toSeconds()));
		}
		response.withHeader("Cache-Control", "no-store");
		if (!answer.body().isEmpty()) {
			response.withBody(answer.body());
		}
		return response.build();
	}

	private static Map<String, String> parseForm(@Nullable String body) {
		Map<String, String> form = new LinkedHashMap<>();
		if (body == null || body.isEmpty()) {
			return form;
		}
		for (String pair : body.split("&", -1)) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals >= 0) ? pair.substring(0, equals) : pair);
			String value = (equals >= 0) ? decode(pair.substring(equals + 1)) : "";
			form.putIfAbsent(name, value);
		}
		return form;
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

	private static List<String> scopes(@Nullable String scope) {
		return (scope != null && !scope.isBlank()) ? List.of(scope.trim().split("\\s+", -1)) : List.of();
	}

	/**
	 * Parse {@code aws_client_metadata}: Cognito's {@code ClientMetadata} is a JSON
	 * object of strings.
	 * @param json the form field
	 * @return the metadata, or {@code null} when it is not a JSON object of strings
	 */
	private static @Nullable Map<String, String> parseClientMetadata(String json) {
		Map<String, Object> object;
		try {
			object = jsonMapper.readValue(json, JSON_OBJECT);
		}
		catch (JacksonException ex) {
			return null;
		}
		if (object == null) {
			return null;
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		for (Map.Entry<String, Object> entry : object.entrySet()) {
			if (!(entry.getValue() instanceof String value)) {
				return null;
			}
			metadata.put(entry.getKey(), value);
		}
		return metadata;
	}

	/**
	 * An app client that the endpoint knows.
	 *
	 * @param secret its secret
	 * @param scopes the custom scopes enabled on it, empty for any
	 */
	record RegisteredClient(String secret, Set<String> scopes) {

		RegisteredClient {
			scopes = new LinkedHashSet<>(scopes);
		}

	}

	private record Outcome(TokenEndpointAnswer answer, @Nullable CognitoTestToken token) {

	}

	/**
	 * The client credentials of a token request.
	 *
	 * @param clientId the client id
	 * @param secret the client secret
	 * @param method how they were sent
	 * @param ambiguous whether the request used both methods
	 */
	private record Credentials(@Nullable String clientId, @Nullable String secret, @Nullable String method,
			boolean ambiguous) {

		@Override
		public String toString() {
			return "Credentials[method=" + this.method + "]";
		}

		static Credentials of(@Nullable String authorization, Map<String, String> form) {
			boolean inBody = form.containsKey("client_secret");
			if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
				String decoded;
				try {
					decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
							StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					return new Credentials(null, null, "client_secret_basic", inBody);
				}
				int colon = decoded.indexOf(':');
				if (colon < 0) {
					return new Credentials(decode(decoded), null, "client_secret_basic", inBody);
				}
				return new Credentials(decode(decoded.substring(0, colon)), decode(decoded.substring(colon + 1)),
						"client_secret_basic", inBody);
			}
			String clientId = form.get("client_id");
			String secret = form.get("client_secret");
			return new Credentials(clientId, secret, (secret != null) ? "client_secret_post" : null, false);
		}

	}

}
