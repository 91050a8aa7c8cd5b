package io.github.cognitotoken.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Decides which hosts may receive the access token. A pattern is a host name, matched
 * exactly and without regard to case, or {@code *.example.com}, which matches every
 * subdomain of {@code example.com} (but not {@code example.com} itself). With no
 * patterns, every host matches.
 *
 * @author cognito-token contributors
 */
public final class TargetHostMatcher {

	private static final TargetHostMatcher ANY_HOST = new TargetHostMatcher(List.of());

	private final Set<String> exactHosts = new HashSet<>();

	private final List<String> suffixes = new ArrayList<>();

	private final boolean matchesAny;

	private final List<String> patterns;

	private TargetHostMatcher(List<String> patterns) {
		for (String pattern : patterns) {
			String host = pattern.trim().toLowerCase(Locale.ROOT);
			if (host.startsWith("*.")) {
				this.suffixes.add(host.substring(1));
			}
			else {
				this.exactHosts.add(stripBrackets(host));
			}
		}
		this.matchesAny = patterns.isEmpty();
		this.patterns = List.copyOf(patterns);
	}

	/**
	 * Return a matcher that accepts every host.
	 * @return a matcher for any host
	 */
	public static TargetHostMatcher anyHost() {
		return ANY_HOST;
	}

	/**
	 * Return a matcher for the given patterns; every host when there are none.
	 * @param patterns host names or {@code *.domain} patterns
	 * @return the matcher
	 * @throws IllegalArgumentException if a pattern is not a valid host pattern
	 */
	public static TargetHostMatcher of(List<String> patterns) {
		Assert.notNull(patterns, "'patterns' must not be null");
		for (String pattern : patterns) {
			String problem = validate(pattern);
			Assert.isTrue(problem == null, () -> "Invalid target host '" + pattern + "': " + problem);
		}
		return patterns.isEmpty() ? ANY_HOST : new TargetHostMatcher(patterns);
	}

	/**
	 * Check a host pattern.
	 * @param pattern the pattern
	 * @return what is wrong with it, or {@code null} when it is valid
	 */
	public static @Nullable String validate(@Nullable String pattern) {
		if (pattern == null || pattern.isBlank()) {
			return "a host name must not be empty";
		}
		String host = pattern.trim();
		if (host.contains("://") || host.contains("/") || host.contains("?")) {
			return "write a host name such as api.example.com, not a URL";
		}
		if (host.startsWith("*.")) {
			host = host.substring(2);
			if (host.isEmpty() || host.contains("*")) {
				return "a wildcard must be written *.domain, for example *.example.com";
			}
		}
		else if (host.contains("*")) {
			return "a wildcard is allowed only as a leading '*.', for example *.example.com";
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			return null;
		}
		if (host.contains(":")) {
			return "write the host name without a port";
		}
		return null;
	}

	/**
	 * Return whether a request to the given URI may carry the token.
	 * @param uri the request URI
	 * @return whether the host matches
	 */
	public boolean matches(URI uri) {
		if (this.matchesAny) {
			return true;
		}
		String host = uri.getHost();
		if (host == null) {
			return false;
		}
		host = stripBrackets(host.toLowerCase(Locale.ROOT));
		if (this.exactHosts.contains(host)) {
			return true;
		}
		for (String suffix : this.suffixes) {
			if (host.endsWith(suffix) && host.length() > suffix.length()) {
				return true;
			}
		}
		return false;
	}

	private static String stripBrackets(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	@Override
	public String toString() {
		return this.matchesAny ? "TargetHostMatcher[any host]" : "TargetHostMatcher" + this.patterns;
	}

}
