package io.github.cognitotoken.samples.cognitolocal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * A real HTTP client for the running stand-in that never throws on error statuses.
 */
public final class TestHttpClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final RestClient restClient;

	public TestHttpClient(int port) {
		this.restClient = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.requestFactory(new JdkClientHttpRequestFactory())
			.build();
	}

	/**
	 * POST a form to the token endpoint.
	 * @param headers customizes the request headers
	 * @param pairs form field names and values, alternating
	 * @return the response
	 */
	public Response postTokenForm(Consumer<HttpHeaders> headers, String... pairs) {
		return post("/oauth2/token", MediaType.APPLICATION_FORM_URLENCODED, headers, form(pairs));
	}

	/**
	 * POST a body.
	 * @param path the path
	 * @param contentType the content type
	 * @param headers customizes the request headers
	 * @param body the body
	 * @return the response
	 */
	public Response post(String path, MediaType contentType, Consumer<HttpHeaders> headers, String body) {
		return Objects.requireNonNull(this.restClient.post()
			.uri(path)
			.contentType(contentType)
			.headers(headers)
			.body(body)
			.exchange((request, response) -> new Response(response.getStatusCode().value(), response.getHeaders(),
					new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8))));
	}

	/**
	 * GET a path.
	 * @param path the path
	 * @param bearerToken a bearer token to send, or {@code null}
	 * @return the response
	 */
	public Response get(String path, @Nullable String bearerToken) {
		return Objects.requireNonNull(this.restClient.get().uri(path).headers((headers) -> {
			if (bearerToken != null) {
				headers.setBearerAuth(bearerToken);
			}
		})
			.exchange((request, response) -> new Response(response.getStatusCode().value(), response.getHeaders(),
					new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8))));
	}

	/**
	 * DELETE a path.
	 * @param path the path
	 * @return the response status
	 */
	public int delete(String path) {
		return Objects.requireNonNull(
				this.restClient.delete().uri(path).exchange((request, response) -> response.getStatusCode().value()));
	}

	/**
	 * Build an {@code application/x-www-form-urlencoded} body.
	 * @param pairs names and values, alternating
	 * @return the body
	 */
	public static String form(String... pairs) {
		List<String> fields = new ArrayList<>();
		for (int i = 0; i < pairs.length; i += 2) {
			fields.add(encode(pairs[i]) + "=" + encode(pairs[i + 1]));
		}
		return String.join("&", fields);
	}

	/**
	 * Build a {@code client_secret_basic} header value as RFC 6749 specifies.
	 * @param clientId the client id
	 * @param clientSecret the client secret
	 * @return the header value
	 */
	public static String basic(String clientId, String clientSecret) {
		String credentials = encode(clientId) + ":" + encode(clientSecret);
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * A response. Its {@code toString} omits the body so that a failing assertion never
	 * prints a token.
	 *
	 * @param status the HTTP status
	 * @param headers the headers
	 * @param body the body
	 */
	public record Response(int status, HttpHeaders headers, String body) {

		/**
		 * Parse the body as a JSON object.
		 * @return the object
		 */
		@SuppressWarnings("unchecked")
		public Map<String, Object> json() {
			return json.readValue(this.body, Map.class);
		}

		@Override
		public String toString() {
			return "Response[status=" + this.status + "]";
		}

	}

}
