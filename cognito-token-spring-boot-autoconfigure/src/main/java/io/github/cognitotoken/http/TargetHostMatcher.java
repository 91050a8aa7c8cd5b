package io.github.cognitotoken.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Decides which requests may carry the access token, from entries written
 * {@code [scheme://]host[:port]}:
 * <ul>
 * <li>{@code host} is a DNS name ({@code api.example.com}), {@code *.} followed by a DNS
 * name ({@code *.example.com}: every subdomain at any depth, not the domain itself), an
 * IPv4 address or a bracketed IPv6 address ({@code [::1]}). Case and a trailing dot do
 * not matter. A wildcard may not cover a public suffix ({@code *.co.uk},
 * {@code *.github.io}): every site under it would receive the token.</li>
 * <li>Without a scheme, the entry matches {@code https}, and {@code http} too when the
 * host is a loopback host ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}).
 * {@code http://} matches {@code http} and {@code https}, for services reached in clear
 * text inside a cluster; {@code https://} matches {@code https} only.</li>
 * <li>Without a port, the entry matches every port; with one, the port of the request
 * (443 or 80 when the URI names none) must be that port.</li>
 * </ul>
 * With no entries, {@link #anyHost()} applies: every host over {@code https}, and only
 * loopback hosts over {@code http}.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class TargetHostMatcher {

	private static final TargetHostMatcher ANY_HOST = new TargetHostMatcher(null,
			"any host over https, loopback hosts over http");

	/**
	 * Exact hosts (lower case, IPv6 in brackets and canonical form) to what they allow.
	 */
	private final @Nullable Map<String, Target[]> exactHosts;

	private final Wildcard[] wildcards;

	private final List<TargetHostEntry> entries;

	private final String description;

	private TargetHostMatcher(@Nullable List<TargetHostEntry> entries, String description) {
		this.description = description;
		this.entries = (entries != null) ? List.copyOf(entries) : List.of();
		if (entries == null) {
			this.exactHosts = null;
			this.wildcards = new Wildcard[0];
			return;
		}
		Map<String, Target[]> exactHosts = new HashMap<>();
		List<Wildcard> wildcards = new ArrayList<>();
		for (TargetHostEntry entry : entries) {
			Target target = new Target(entry.allowsHttp(), entry.port());
			if (entry.isWildcard()) {
				wildcards.add(new Wildcard("." + entry.host(), target));
			}
			else {
				exactHosts.merge(entry.host(), new Target[] { target }, TargetHostMatcher::concat);
			}
		}
		this.exactHosts = Map.copyOf(exactHosts);
		this.wildcards = wildcards.toArray(new Wildcard[0]);
	}

	private static Target[] concat(Target[] first, Target[] second) {
		Target[] all = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

	/**
	 * Return the matcher used when no target hosts are listed: every host over
	 * {@code https}, and {@code http} only to loopback hosts, so that the token never
	 * travels in clear text unless an entry says {@code http://}.
	 * @return the matcher for any host
	 */
	public static TargetHostMatcher anyHost() {
		return ANY_HOST;
	}

	/**
	 * Return a matcher for the given entries, or {@link #anyHost()} when there are none.
	 * @param entries entries such as {@code api.example.com},
	 * {@code https://api.example.com:8443}, {@code http://orders} or
	 * {@code *.example.com}
	 * @return the matcher
	 * @throws IllegalArgumentException for the first entry that is not valid
	 * @see #validate(String)
	 */
	public static TargetHostMatcher of(List<String> entries) {
		Assert.notNull(entries, "'entries' must not be null");
		if (entries.isEmpty()) {
			return ANY_HOST;
		}
		List<TargetHostEntry> parsed = new ArrayList<>(entries.size());
		for (String entry : entries) {
			try {
				parsed.add(TargetHostEntry.parse(entry));
			}
			catch (TargetHostEntry.InvalidTargetHostException ex) {
				throw new IllegalArgumentException("Invalid target host " + quote(entry) + ": " + ex.getMessage());
			}
		}
		return new TargetHostMatcher(parsed, describe(parsed));
	}

	/**
	 * Return the matcher used when only a base URL is configured: the host and the port
	 * of that URL (443 or 80 when it names none), over {@code https}, and over
	 * {@code http} only when the base URL itself uses {@code http}.
	 * @param baseUrl an absolute {@code http} or {@code https} URL
	 * @return the matcher
	 * @throws IllegalArgumentException if the URL is not an absolute {@code http} or
	 * {@code https} URL with a host
	 */
	public static TargetHostMatcher forBaseUrl(URI baseUrl) {
		Assert.notNull(baseUrl, "'baseUrl' must not be null");
		String scheme = baseUrl.getScheme();
		boolean http = "http".equalsIgnoreCase(scheme);
		Assert.isTrue(http || "https".equalsIgnoreCase(scheme), "'baseUrl' must be an http or https URL");
		String host = (baseUrl.getHost() != null) ? normalizeRequestHost(baseUrl.getHost()) : null;
		Assert.isTrue(host != null, "'baseUrl' must have a host");
		TargetHostEntry entry = new TargetHostEntry(http ? "http" : "https", host, false,
				effectivePort(baseUrl.getPort(), !http));
		return new TargetHostMatcher(List.of(entry), describe(List.of(entry)));
	}

	/**
	 * Check an entry.
	 * @param entry the entry, such as {@code api.example.com}
	 * @return what is wrong with it, as a short phrase that says what to write instead,
	 * or {@code null} when it is valid
	 */
	public static @Nullable String validate(@Nullable String entry) {
		try {
			TargetHostEntry.parse(entry);
			return null;
		}
		catch (TargetHostEntry.InvalidTargetHostException ex) {
			return ex.getMessage();
		}
	}

	/**
	 * Return whether a request to the given URI may carry the token.
	 * @param uri the request URI
	 * @return whether its scheme, host and port match
	 */
	public boolean matches(URI uri) {
		String rawHost = uri.getHost();
		if (rawHost == null) {
			return false;
		}
		String scheme = uri.getScheme();
		boolean https = "https".equalsIgnoreCase(scheme);
		if (!https && !"http".equalsIgnoreCase(scheme)) {
			return false;
		}
		if (!https && rawHost.endsWith(".")) {
			// "localhost." is looked up in DNS, not the hosts file: never in clear text
			return false;
		}
		String host = normalizeRequestHost(rawHost);
		if (host == null) {
			return false;
		}
		if (this.exactHosts == null) {
			return https || IpAddressLiterals.isLoopback(host);
		}
		int port = effectivePort(uri.getPort(), https);
		Target[] targets = this.exactHosts.get(host);
		if (targets != null) {
			for (Target target : targets) {
				if (target.allows(https, port)) {
					return true;
				}
			}
		}
		for (Wildcard wildcard : this.wildcards) {
			if (wildcard.covers(host) && wildcard.target.allows(https, port)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the entries, empty for {@link #anyHost()}.
	 * @return the entries
	 */
	List<TargetHostEntry> entries() {
		return this.entries;
	}

	/**
	 * Return how specifically an entry names the given host, whatever the scheme and the
	 * port: {@link Integer#MAX_VALUE} for an exact entry, the length of the domain for
	 * the longest {@code *.domain} entry that covers it, or -1 when no entry names it.
	 * @param host a host in the form of {@link #normalizeRequestHost(String)}
	 * @return the specificity
	 */
	int specificity(String host) {
		if (this.exactHosts == null) {
			return -1;
		}
		if (this.exactHosts.containsKey(host)) {
			return Integer.MAX_VALUE;
		}
		int best = -1;
		for (Wildcard wildcard : this.wildcards) {
			if (wildcard.covers(host)) {
				best = Math.max(best, wildcard.suffix().length());
			}
		}
		return best;
	}

	private static int effectivePort(int port, boolean https) {
		return (port != -1) ? port : (https ? 443 : 80);
	}

	/**
	 * Bring a host from a request URI to the form of the entries, allocating only when it
	 * differs: requests pass here on every call.
	 */
	static @Nullable String normalizeRequestHost(String host) {
		int length = host.length();
		if (length == 0) {
			return null;
		}
		if (host.charAt(0) == '[') {
			// rare, so canonicalizing (and allocating) is acceptable
			if (host.charAt(length - 1) != ']') {
				return null;
			}
			String address = IpAddressLiterals.canonicalIpv6(host.substring(1, length - 1));
			return (address != null) ? "[" + address + "]" : null;
		}
		if (host.charAt(length - 1) == '.') {
			host = host.substring(0, length - 1);
		}
		return hasUpperCase(host) ? host.toLowerCase(Locale.ROOT) : host;
	}

	private static boolean hasUpperCase(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				return true;
			}
		}
		return false;
	}

	private static String quote(@Nullable String entry) {
		// user information may hold a password: never echo it
		return (entry != null && entry.indexOf('@') >= 0) ? "(not shown: it contains '@')" : "'" + entry + "'";
	}

	private static String describe(List<TargetHostEntry> entries) {
		StringBuilder description = new StringBuilder();
		for (TargetHostEntry entry : entries) {
			description.append((description.length() > 0) ? ", " : "").append(entry);
		}
		return description.toString();
	}

	@Override
	public String toString() {
		return "TargetHostMatcher[" + this.description + "]";
	}

	/**
	 * What an entry allows for one host.
	 */
	private record Target(boolean allowsHttp, int port) {

		boolean allows(boolean https, int requestPort) {
			return (https || this.allowsHttp) && (this.port == -1 || this.port == requestPort);
		}

	}

	/**
	 * A {@code *.domain} entry.
	 *
	 * @param suffix the domain with a leading dot
	 * @param target what it allows
	 */
	private record Wildcard(String suffix, Target target) {

		boolean covers(String host) {
			// a longer host ending in ".domain" is a subdomain at some depth
			return host.length() > this.suffix.length() && host.endsWith(this.suffix);
		}

	}

}
