package io.github.cognitotoken.http;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * {@link RuntimeHintsRegistrar} for the target hosts: {@link TargetHostMatcher} checks
 * wildcards against the Public Suffix List bundled in the jar, which a native image must
 * include as a resource.
 *
 * @author cognito-token contributors
 */
class TargetHostRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(PublicSuffixList.LOCATION);
	}

}
