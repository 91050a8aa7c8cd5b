package io.github.cognitotoken.samples.cognitolocal.token;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@code aws_client_metadata} parameter of a token request as Cognito does: one
 * JSON object whose values are strings (Cognito's {@code ClientMetadata} is a map of
 * strings), or {@code invalid_request}.
 */
final class ClientMetadataReader {

	static final String PARAMETER = "aws_client_metadata";

	private static final JsonMapper jsonMapper = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private ClientMetadataReader() {
	}

	/**
	 * Read the client metadata of a token request.
	 * @param value the form-decoded value of {@code aws_client_metadata}, or {@code null}
	 * when the request has none
	 * @return the metadata in the order sent, empty when there is none
	 * @throws TokenErrorException with {@code invalid_request} when the value is not a
	 * JSON object of strings; the reason never contains the value
	 */
	static Map<String, String> read(@Nullable String value) {
		if (value == null) {
			return Collections.emptyMap();
		}
		JsonNode object;
		try {
			object = jsonMapper.readTree(value);
		}
		catch (JacksonException ex) {
			throw invalid("is not valid JSON");
		}
		if (object == null || !object.isObject()) {
			throw invalid("is not a JSON object");
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> property : object.properties()) {
			if (!property.getValue().isString()) {
				throw invalid(
						"has a value that is not a string (key " + TokenErrorException.quote(property.getKey()) + ")");
			}
			metadata.put(property.getKey(), property.getValue().stringValue());
		}
		return metadata;
	}

	private static TokenErrorException invalid(String problem) {
		// the values may be sensitive: name the parameter, never echo it
		return new TokenErrorException(TokenErrorException.INVALID_REQUEST, PARAMETER + " " + problem);
	}

}
