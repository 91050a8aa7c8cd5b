package io.github.cognitotoken.http;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.Assert;

/**
 * {@link ClientHttpRequestFactoryBuilder} that wraps the factories of another builder so
 * that requests marked with a {@link RedirectGuard} are sent with redirects turned off,
 * while every other request is sent by the factory exactly as configured. The starter
 * applies it to Spring Boot's auto-configured builder, which every auto-configured
 * {@code RestClient.Builder}, {@code RestTemplateBuilder} and HTTP service group uses.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class RedirectGuardingRequestFactoryBuilder
		implements ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory> {

	private final ClientHttpRequestFactoryBuilder<?> delegate;

	private RedirectGuardingRequestFactoryBuilder(ClientHttpRequestFactoryBuilder<?> delegate) {
		this.delegate = delegate;
	}

	/**
	 * Wrap a builder; a builder that is already wrapped is returned as it is.
	 * @param builder the builder to wrap
	 * @return the wrapping builder
	 */
	public static ClientHttpRequestFactoryBuilder<?> of(ClientHttpRequestFactoryBuilder<?> builder) {
		Assert.notNull(builder, "'builder' must not be null");
		return (builder instanceof RedirectGuardingRequestFactoryBuilder) ? builder
				: new RedirectGuardingRequestFactoryBuilder(builder);
	}

	/**
	 * Return the builder that a wrapping builder delegates to, or the builder itself.
	 * @param builder a builder, wrapped or not
	 * @return the builder without the redirect guard
	 */
	public static ClientHttpRequestFactoryBuilder<?> unwrap(ClientHttpRequestFactoryBuilder<?> builder) {
		Assert.notNull(builder, "'builder' must not be null");
		return (builder instanceof RedirectGuardingRequestFactoryBuilder guarding) ? guarding.delegate : builder;
	}

	@Override
	public ClientHttpRequestFactory build(@Nullable HttpClientSettings settings) {
		HttpClientSettings resolved = (settings != null) ? settings : HttpClientSettings.defaults();
		HttpRedirects redirects = resolved.redirects();
		ClientHttpRequestFactory factory = this.delegate.build(settings);
		if (redirects == HttpRedirects.DONT_FOLLOW) {
			// the client follows no redirect: nothing to guard
			return new RedirectGuardingRequestFactory(factory, () -> factory, redirects);
		}
		return new RedirectGuardingRequestFactory(factory,
				() -> this.delegate.build(resolved.withRedirects(HttpRedirects.DONT_FOLLOW)), redirects);
	}

	@Override
	public String toString() {
		return "RedirectGuardingRequestFactoryBuilder[" + this.delegate + "]";
	}

}
