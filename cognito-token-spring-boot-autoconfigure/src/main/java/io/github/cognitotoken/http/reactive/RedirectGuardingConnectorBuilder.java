package io.github.cognitotoken.http.reactive;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.cognitotoken.http.RedirectGuard;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.util.Assert;

/**
 * {@link ClientHttpConnectorBuilder} that wraps the connectors of another builder so that
 * exchanges whose Reactor context holds a {@link RedirectGuard} are sent with redirects
 * turned off, while every other exchange goes through the connector exactly as
 * configured. The reactive counterpart of
 * {@link io.github.cognitotoken.http.RedirectGuardingRequestFactoryBuilder}.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class RedirectGuardingConnectorBuilder implements ClientHttpConnectorBuilder<ClientHttpConnector> {

	private final ClientHttpConnectorBuilder<?> delegate;

	private RedirectGuardingConnectorBuilder(ClientHttpConnectorBuilder<?> delegate) {
		this.delegate = delegate;
	}

	/**
	 * Wrap a builder; a builder that is already wrapped is returned as it is.
	 * @param builder the builder to wrap
	 * @return the wrapping builder
	 */
	public static ClientHttpConnectorBuilder<?> of(ClientHttpConnectorBuilder<?> builder) {
		Assert.notNull(builder, "'builder' must not be null");
		return (builder instanceof RedirectGuardingConnectorBuilder) ? builder
				: new RedirectGuardingConnectorBuilder(builder);
	}

	@Override
	public ClientHttpConnector build(@Nullable HttpClientSettings settings) {
		HttpClientSettings resolved = (settings != null) ? settings : HttpClientSettings.defaults();
		HttpRedirects redirects = resolved.redirects();
		ClientHttpConnector connector = this.delegate.build(settings);
		if (redirects == HttpRedirects.DONT_FOLLOW) {
			return new GuardingConnector(connector, () -> connector, redirects);
		}
		return new GuardingConnector(connector,
				() -> this.delegate.build(resolved.withRedirects(HttpRedirects.DONT_FOLLOW)), redirects);
	}

	@Override
	public String toString() {
		return "RedirectGuardingConnectorBuilder[" + this.delegate + "]";
	}

	private static final class GuardingConnector implements ClientHttpConnector, Closeable {

		private final ClientHttpConnector delegate;

		private final Supplier<ClientHttpConnector> withoutRedirectsSupplier;

		private volatile @Nullable ClientHttpConnector withoutRedirects;

		private final @Nullable HttpRedirects redirects;

		GuardingConnector(ClientHttpConnector delegate, Supplier<ClientHttpConnector> withoutRedirects,
				@Nullable HttpRedirects redirects) {
			this.delegate = delegate;
			this.withoutRedirectsSupplier = withoutRedirects;
			this.redirects = redirects;
		}

		@Override
		public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
				Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
			return Mono.deferContextual((context) -> {
				if (context.getOrDefault(RedirectGuard.ATTRIBUTE, null) instanceof RedirectGuard guard) {
					guard.acknowledge(this.redirects);
					return withoutRedirects().connect(method, uri, requestCallback);
				}
				return this.delegate.connect(method, uri, requestCallback);
			});
		}

		private ClientHttpConnector withoutRedirects() {
			ClientHttpConnector connector = this.withoutRedirects;
			if (connector == null) {
				synchronized (this) {
					connector = this.withoutRedirects;
					if (connector == null) {
						connector = this.withoutRedirectsSupplier.get();
						this.withoutRedirects = connector;
					}
				}
			}
			return connector;
		}

		/**
		 * Close the connectors that own clients and I/O threads (Apache's, for one), as
		 * Spring did for the connector bean before it was wrapped.
		 * @throws IOException if closing fails
		 */
		@Override
		public void close() throws IOException {
			ClientHttpConnector withoutRedirects = this.withoutRedirects;
			if (withoutRedirects != null && withoutRedirects != this.delegate
					&& withoutRedirects instanceof Closeable closeable) {
				closeable.close();
			}
			if (this.delegate instanceof Closeable closeable) {
				closeable.close();
			}
		}

	}

}
