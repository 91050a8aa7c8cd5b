package io.github.cognitotoken.benchmarks;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;

/**
 * A reusable outgoing request for the interceptor benchmarks: fixed method and URI,
 * mutable headers (a plain {@link HttpHeaders}, as Spring's client requests use).
 *
 * @author cognito-token contributors
 */
final class BenchmarkHttpRequest implements HttpRequest {

	private final URI uri;

	private final HttpHeaders headers = new HttpHeaders();

	private final Map<String, Object> attributes = new HashMap<>();

	BenchmarkHttpRequest() {
		this(URI.create("https://api.example.com/orders/42"));
	}

	BenchmarkHttpRequest(URI uri) {
		this.uri = uri;
		this.headers.set(HttpHeaders.ACCEPT, "application/json");
	}

	@Override
	public HttpMethod getMethod() {
		return HttpMethod.GET;
	}

	@Override
	public URI getURI() {
		return this.uri;
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

}
