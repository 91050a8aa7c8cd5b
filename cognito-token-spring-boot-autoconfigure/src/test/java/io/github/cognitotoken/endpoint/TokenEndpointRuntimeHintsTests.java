package io.github.cognitotoken.endpoint;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenEndpointRuntimeHints}.
 */
class TokenEndpointRuntimeHintsTests {

	@Test
	void fieldsThatAbortATokenRequestAreRegisteredForReflection() throws ClassNotFoundException {
		RuntimeHints hints = new RuntimeHints();
		new TokenEndpointRuntimeHints().registerHints(hints, getClass().getClassLoader());
		// onFieldAccess fails when Spring Framework no longer has the field RequestAbort
		// reads
		assertThat(RuntimeHintsPredicates.reflection()
			.onFieldAccess(RequestAbort.APACHE_REQUEST_CLASS, RequestAbort.APACHE_REQUEST_FIELD)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onFieldAccess(RequestAbort.SIMPLE_REQUEST_CLASS, RequestAbort.SIMPLE_CONNECTION_FIELD)).accepts(hints);
	}

	@Test
	void apacheRequestIsNotRegisteredWithoutApacheHttpClient() {
		RuntimeHints hints = new RuntimeHints();
		new TokenEndpointRuntimeHints().registerHints(hints, new FilteredClassLoader("org.apache.hc."));
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(RequestAbort.APACHE_REQUEST_CLASS)))
			.rejects(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(RequestAbort.SIMPLE_REQUEST_CLASS)))
			.accepts(hints);
	}

}
