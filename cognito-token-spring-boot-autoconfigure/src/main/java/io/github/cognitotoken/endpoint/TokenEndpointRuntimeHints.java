package io.github.cognitotoken.endpoint;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * {@link RuntimeHintsRegistrar} for the token endpoint client: {@link RequestAbort} reads
 * a private field of Spring Framework's Apache HttpClient and {@code HttpURLConnection}
 * requests to abort a token request at its deadline. Without these hints a native image
 * would still abort token requests, by interrupting the waiting thread, but could not
 * close an Apache or {@code HttpURLConnection} connection at once.
 *
 * @author cognito-token contributors
 */
class TokenEndpointRuntimeHints implements RuntimeHintsRegistrar {

	private static final String APACHE_CANCELLABLE_CLASS = "org.apache.hc.core5.concurrent.Cancellable";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(APACHE_CANCELLABLE_CLASS, classLoader)) {
			hints.reflection()
				.registerType(TypeReference.of(RequestAbort.APACHE_REQUEST_CLASS),
						(type) -> type.withField(RequestAbort.APACHE_REQUEST_FIELD));
		}
		hints.reflection()
			.registerType(TypeReference.of(RequestAbort.SIMPLE_REQUEST_CLASS),
					(type) -> type.withField(RequestAbort.SIMPLE_CONNECTION_FIELD));
	}

}
