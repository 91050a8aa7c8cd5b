package io.github.cognitotoken.http;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TargetHostRuntimeHints}.
 */
class TargetHostRuntimeHintsTests {

	@Test
	void bundledPublicSuffixListIsRegisteredAsAResource() {
		RuntimeHints hints = new RuntimeHints();
		new TargetHostRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource(PublicSuffixList.LOCATION)).accepts(hints);
		// the registered location is the one the wildcard check reads
		assertThat(getClass().getClassLoader().getResource(PublicSuffixList.LOCATION)).isNotNull();
		assertThat(PublicSuffixList.get().isPublicSuffix("co.uk")).isTrue();
	}

}
