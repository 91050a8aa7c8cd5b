package io.github.cognitotoken.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A {@link ClientHttpRequestExecution} without I/O: it checks that the request carries a
 * bearer token, removes the header again so that the next invocation starts from the same
 * request, and returns a shared 200 response.
 *
 * @author cognito-token contributors
 */
final class StubExecution implements ClientHttpRequestExecution {

	private static final String AUTHORIZATION_LOWER_CASE = "authorization";

	private final ClientHttpResponse response = new StubResponse();

	private long authorizedRequests;

	@Override
	public ClientHttpResponse execute(HttpRequest request, byte[] body) {
		List<String> authorization = request.getHeaders().remove(AUTHORIZATION_LOWER_CASE);
		if (authorization == null || authorization.size() != 1 || !authorization.get(0).startsWith("Bearer ")) {
			throw new IllegalStateException("Request was sent without a bearer token");
		}
		this.authorizedRequests++;
		return this.response;
	}

	long getAuthorizedRequests() {
		return this.authorizedRequests;
	}

	private static final class StubResponse implements ClientHttpResponse {

		private final HttpHeaders headers = new HttpHeaders();

		StubResponse() {
			this.headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatus.OK;
		}

		@Override
		public String getStatusText() {
			return "OK";
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(new byte[0]);
		}

		@Override
		public void close() {
		}

	}

}
