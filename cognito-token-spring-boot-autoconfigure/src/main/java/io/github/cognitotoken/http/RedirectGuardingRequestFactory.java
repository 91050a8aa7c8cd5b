package io.github.cognitotoken.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;

/**
 * {@link ClientHttpRequestFactory} that sends requests marked with a
 * {@link RedirectGuard} through a twin factory that follows no redirects (created on
 * first use), and every other request through the configured factory.
 * <p>
 * The choice is made when the body is first written or the request is executed: Spring
 * copies a request's attributes after {@code createRequest}, so the mark is not known
 * before. Bodies are streamed, never buffered here.
 *
 * @author cognito-token contributors
 */
final class RedirectGuardingRequestFactory implements ClientHttpRequestFactory, DisposableBean {

	private final ClientHttpRequestFactory delegate;

	private final Supplier<ClientHttpRequestFactory> withoutRedirectsSupplier;

	private volatile @Nullable ClientHttpRequestFactory withoutRedirects;

	private final @Nullable HttpRedirects redirects;

	RedirectGuardingRequestFactory(ClientHttpRequestFactory delegate,
			Supplier<ClientHttpRequestFactory> withoutRedirects, @Nullable HttpRedirects redirects) {
		Assert.notNull(delegate, "'delegate' must not be null");
		this.delegate = delegate;
		this.withoutRedirectsSupplier = withoutRedirects;
		this.redirects = redirects;
	}

	ClientHttpRequestFactory getDelegate() {
		return this.delegate;
	}

	private ClientHttpRequestFactory withoutRedirects() {
		ClientHttpRequestFactory factory = this.withoutRedirects;
		if (factory == null) {
			synchronized (this) {
				factory = this.withoutRedirects;
				if (factory == null) {
					factory = this.withoutRedirectsSupplier.get();
					this.withoutRedirects = factory;
				}
			}
		}
		return factory;
	}

	@Override
	public void destroy() throws Exception {
		// the factories own HTTP clients and connection pools (Apache, Jetty)
		ClientHttpRequestFactory withoutRedirects = this.withoutRedirects;
		if (withoutRedirects != null && withoutRedirects != this.delegate
				&& withoutRedirects instanceof DisposableBean disposable) {
			disposable.destroy();
		}
		if (this.delegate instanceof DisposableBean disposable) {
			disposable.destroy();
		}
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		return new GuardedRequest(uri, httpMethod);
	}

	private final class GuardedRequest implements ClientHttpRequest, StreamingHttpOutputMessage {

		private final URI uri;

		private final HttpMethod method;

		private final HttpHeaders headers = new HttpHeaders();

		private final Map<String, Object> attributes = new LinkedHashMap<>();

		private @Nullable ClientHttpRequest target;

		private @Nullable Body body;

		GuardedRequest(URI uri, HttpMethod method) {
			this.uri = uri;
			this.method = method;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		public HttpHeaders getHeaders() {
			return (this.target != null) ? this.target.getHeaders() : this.headers;
		}

		@Override
		public Map<String, Object> getAttributes() {
			return (this.target != null) ? this.target.getAttributes() : this.attributes;
		}

		@Override
		public OutputStream getBody() throws IOException {
			return target().getBody();
		}

		@Override
		public void setBody(Body body) {
			this.body = body;
		}

		@Override
		public ClientHttpResponse execute() throws IOException {
			ClientHttpRequest request = target();
			Body body = this.body;
			if (body != null) {
				if (request instanceof StreamingHttpOutputMessage streaming) {
					streaming.setBody(body);
				}
				else {
					body.writeTo(request.getBody());
				}
			}
			return request.execute();
		}

		private ClientHttpRequest target() throws IOException {
			ClientHttpRequest target = this.target;
			if (target == null) {
				target = factory().createRequest(this.uri, this.method);
				target.getHeaders().putAll(this.headers);
				target.getAttributes().putAll(this.attributes);
				this.target = target;
			}
			return target;
		}

		private ClientHttpRequestFactory factory() {
			Object marked = this.attributes.get(RedirectGuard.ATTRIBUTE);
			RedirectGuard guard = (marked instanceof RedirectGuard attribute) ? attribute : RedirectGuard.current();
			if (guard != null) {
				guard.acknowledge(RedirectGuardingRequestFactory.this.redirects);
				return RedirectGuardingRequestFactory.this.withoutRedirects();
			}
			return RedirectGuardingRequestFactory.this.delegate;
		}

	}

}
