package io.github.cognitotoken.http.feign;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import feign.Client;
import feign.Request;
import feign.Response;

/**
 * A Feign client on the JDK {@code HttpClient}, as feign-java11's {@code Http2Client} is:
 * redirects follow {@code Request.Options}, and the JDK client sends every header of the
 * request to each hop.
 */
public final class JdkHttpClientFeignClient implements Client {

	private final HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	private final HttpClient notFollowing = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Override
	public Response execute(Request request, Request.Options options) throws IOException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url()))
			.method(request.httpMethod().name(), (request.body() != null)
					? HttpRequest.BodyPublishers.ofByteArray(request.body()) : HttpRequest.BodyPublishers.noBody());
		request.headers().forEach((name, values) -> {
			if (!name.equalsIgnoreCase("Content-Length")) {
				values.forEach((value) -> builder.header(name, value));
			}
		});
		HttpClient client = options.isFollowRedirects() ? this.following : this.notFollowing;
		try {
			HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
			Map<String, Collection<String>> headers = new HashMap<>();
			response.headers().map().forEach((name, values) -> headers.put(name, List.copyOf(values)));
			return Response.builder()
				.status(response.statusCode())
				.headers(headers)
				.body(response.body())
				.request(request)
				.build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

}
