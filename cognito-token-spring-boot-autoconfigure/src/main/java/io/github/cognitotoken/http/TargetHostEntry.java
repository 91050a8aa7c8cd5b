package io.github.cognitotoken.http;

import java.net.IDN;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One parsed and normalized {@code cognito.client.target-hosts} entry,
 * {@code [scheme://]host[:port]}, with the checks that reject what could never match or
 * would send the token too far.
 *
 * @author cognito-token contributors
 * @see TargetHostMatcher
 */
final class TargetHostEntry {

	private static final String HOST_EXAMPLE = "api.example.com";

	private static final String IPV6_EXAMPLE = "[::1] or [::1]:8443";

	private static final int MAX_LABEL_LENGTH = 63;

	private static final int MAX_NAME_LENGTH = 253;

	private final @Nullable String scheme;

	/** Lower case, no trailing dot, no {@code *.}; IPv6 in brackets, canonical. */
	private final String host;

	private final boolean wildcard;

	private final int port;

	TargetHostEntry(@Nullable String scheme, String host, boolean wildcard, int port) {
		this.scheme = scheme;
		this.host = host;
		this.wildcard = wildcard;
		this.port = port;
	}

	String host() {
		return this.host;
	}

	boolean isWildcard() {
		return this.wildcard;
	}

	/**
	 * Return the port, or -1 when the entry matches every port.
	 * @return the port or -1
	 */
	int port() {
		return this.port;
	}

	/**
	 * Return whether the entry lets the token travel over {@code http}: when it says
	 * {@code http://}, or names a loopback host without a scheme.
	 * @return whether {@code http} is allowed
	 */
	boolean allowsHttp() {
		return "http".equals(this.scheme)
				|| (this.scheme == null && !this.wildcard && IpAddressLiterals.isLoopback(this.host));
	}

	/**
	 * Parse and normalize an entry.
	 * @param text the entry as configured
	 * @return the entry
	 * @throws InvalidTargetHostException with a problem that says what to write instead
	 */
	static TargetHostEntry parse(@Nullable String text) throws InvalidTargetHostException {
		if (text == null || text.isBlank()) {
			throw new InvalidTargetHostException("the entry is empty: write a host such as " + HOST_EXAMPLE);
		}
		String entry = text.strip().toLowerCase(Locale.ROOT);
		for (int i = 0; i < entry.length(); i++) {
			if (Character.isWhitespace(entry.charAt(i)) || Character.isISOControl(entry.charAt(i))) {
				throw new InvalidTargetHostException(
						"a host cannot contain spaces: write one host per entry, such as " + HOST_EXAMPLE);
			}
		}
		String scheme = null;
		String rest = entry;
		int schemeEnd = entry.indexOf("://");
		if (schemeEnd >= 0) {
			scheme = entry.substring(0, schemeEnd);
			rest = entry.substring(schemeEnd + 3);
			if (!scheme.equals("https") && !scheme.equals("http")) {
				throw new InvalidTargetHostException("the scheme must be http or https: write https://"
						+ authority(rest.substring(rest.lastIndexOf('@') + 1)));
			}
		}
		else if ((entry.startsWith("https:") || entry.startsWith("http:"))
				&& !isNumeric(entry.substring(entry.indexOf(':') + 1))) {
			// "https:api.example.com", not a host named http with a port
			String written = entry.substring(0, entry.indexOf(':'));
			String after = entry.substring(written.length() + 1).replaceFirst("^/+", "");
			throw new InvalidTargetHostException("write the scheme followed by '://': " + written + "://"
					+ authority(after.substring(after.lastIndexOf('@') + 1)));
		}
		String prefix = (scheme != null) ? scheme + "://" : "";
		String authority = authority(rest);
		int at = authority.lastIndexOf('@');
		if (at >= 0) {
			throw new InvalidTargetHostException("a target host cannot have user information: write " + prefix
					+ authority(authority.substring(at + 1)));
		}
		if (authority.length() < rest.length()) {
			String part = switch (rest.charAt(authority.length())) {
				case '/' -> "a path";
				case '?' -> "a query";
				default -> "a fragment";
			};
			// an '@' further on may end a password that holds a '/': echo nothing then
			String instead = (rest.indexOf('@') >= 0) ? "only [scheme://]host[:port]" : prefix + authority;
			throw new InvalidTargetHostException("a target host cannot have " + part + ": write " + instead);
		}
		return parseAuthority(scheme, prefix, authority);
	}

	private static String authority(String rest) {
		for (int i = 0; i < rest.length(); i++) {
			char c = rest.charAt(i);
			if (c == '/' || c == '?' || c == '#') {
				return rest.substring(0, i);
			}
		}
		return rest;
	}

	private static TargetHostEntry parseAuthority(@Nullable String scheme, String prefix, String authority)
			throws InvalidTargetHostException {
		String host;
		String port = null;
		if (authority.startsWith("[")) {
			int close = authority.indexOf(']');
			if (close < 0) {
				throw new InvalidTargetHostException(
						"'[' has no matching ']': write an IPv6 address as " + IPV6_EXAMPLE);
			}
			host = authority.substring(0, close + 1);
			String after = authority.substring(close + 1);
			if (after.startsWith(":")) {
				port = after.substring(1);
			}
			else if (!after.isEmpty()) {
				throw new InvalidTargetHostException("write the port after ':', for example " + host + ":8443");
			}
		}
		else {
			int colon = authority.indexOf(':');
			if (colon >= 0 && authority.indexOf(':', colon + 1) >= 0) {
				throw new InvalidTargetHostException("write an IPv6 address in brackets: " + IPV6_EXAMPLE);
			}
			host = (colon >= 0) ? authority.substring(0, colon) : authority;
			port = (colon >= 0) ? authority.substring(colon + 1) : null;
		}
		if (host.endsWith(".") && !host.endsWith("..")) {
			host = host.substring(0, host.length() - 1);
		}
		if (host.isEmpty()) {
			throw new InvalidTargetHostException("the host is missing: write a host such as " + prefix + HOST_EXAMPLE);
		}
		int portNumber = parsePort(port, prefix + host);
		String suffix = (port != null) ? ":" + port : "";
		if (host.startsWith("[")) {
			String address = IpAddressLiterals.canonicalIpv6(host.substring(1, host.length() - 1));
			if (address == null) {
				throw new InvalidTargetHostException(
						"'" + host + "' is not an IPv6 address: write one such as [::1] or [2001:db8::1]");
			}
			return new TargetHostEntry(scheme, "[" + address + "]", false, portNumber);
		}
		boolean wildcard = host.startsWith("*.");
		String domain = wildcard ? host.substring(2) : host;
		if (host.equals("*")) {
			throw new InvalidTargetHostException(
					"'*' alone is not allowed: leave the list empty to allow every host, or write *.example.com");
		}
		if (domain.indexOf('*') >= 0) {
			throw new InvalidTargetHostException(
					"a wildcard must be a leading '*.' followed by a domain, for example *.example.com");
		}
		if (!isAscii(domain)) {
			throw new InvalidTargetHostException(asciiAdvice(prefix + (wildcard ? "*." : ""), domain, suffix));
		}
		if (isNumeric(lastLabel(domain))) {
			if (wildcard) {
				throw new InvalidTargetHostException("a wildcard cannot cover an IP address: list the address itself");
			}
			if (!IpAddressLiterals.isIpv4(domain)) {
				throw new InvalidTargetHostException("'" + domain + "' is not an IPv4 address: write four numbers "
						+ "from 0 to 255 without leading zeros, for example 10.0.0.1");
			}
			return new TargetHostEntry(scheme, domain, false, portNumber);
		}
		checkDnsName(domain, prefix + (wildcard ? "*." : ""), suffix);
		if (wildcard) {
			checkNotPublicSuffix(domain);
		}
		return new TargetHostEntry(scheme, domain, wildcard, portNumber);
	}

	private static int parsePort(@Nullable String port, String host) throws InvalidTargetHostException {
		if (port == null) {
			return -1;
		}
		int value = 0;
		for (int i = 0; i < port.length() && value <= 65535; i++) {
			char c = port.charAt(i);
			value = (c >= '0' && c <= '9') ? value * 10 + (c - '0') : Integer.MAX_VALUE;
		}
		if (port.isEmpty() || value < 1 || value > 65535) {
			throw new InvalidTargetHostException(
					"the port must be a number from 1 to 65535, for example " + host + ":8443");
		}
		return value;
	}

	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) > 0x7F) {
				return false;
			}
		}
		return true;
	}

	private static String asciiAdvice(String prefix, String domain, String suffix) {
		try {
			return "write the ASCII form " + prefix + IDN.toASCII(domain).toLowerCase(Locale.ROOT) + suffix;
		}
		catch (IllegalArgumentException ex) {
			return "write the host in its ASCII (punycode) form, with xn-- labels";
		}
	}

	private static String lastLabel(String domain) {
		return domain.substring(domain.lastIndexOf('.') + 1);
	}

	private static boolean isNumeric(String label) {
		// a top-level domain is never all digits: such a name is meant as an address
		if (label.isEmpty()) {
			return false;
		}
		for (int i = 0; i < label.length(); i++) {
			if (label.charAt(i) < '0' || label.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

	private static void checkDnsName(String domain, String prefix, String suffix) throws InvalidTargetHostException {
		String name = collapseDots(domain);
		if (name.isEmpty()) {
			throw new InvalidTargetHostException(
					"a host cannot have empty labels: write a host such as " + HOST_EXAMPLE);
		}
		if (domain.startsWith(".")) {
			throw new InvalidTargetHostException("a leading '.' is not a wildcard: write *." + name
					+ " for its subdomains or " + name + " for the domain itself");
		}
		if (domain.contains("..") || domain.endsWith(".")) {
			throw new InvalidTargetHostException("a host cannot have empty labels: write " + prefix + name + suffix);
		}
		if (domain.length() > MAX_NAME_LENGTH) {
			throw new InvalidTargetHostException("a host name can have at most " + MAX_NAME_LENGTH + " characters");
		}
		int labelStart = 0;
		for (int i = 0; i <= domain.length(); i++) {
			char c = (i < domain.length()) ? domain.charAt(i) : '.';
			if (c == '.') {
				checkLabel(domain.substring(labelStart, i));
				labelStart = i + 1;
			}
			else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
				throw new InvalidTargetHostException(
						"'" + c + "' is not allowed in a host name: use letters, digits, hyphens and dots");
			}
		}
	}

	private static void checkLabel(String label) throws InvalidTargetHostException {
		if (label.length() > MAX_LABEL_LENGTH) {
			throw new InvalidTargetHostException(
					"a label between dots can have at most " + MAX_LABEL_LENGTH + " characters");
		}
		if (label.startsWith("-") || label.endsWith("-")) {
			throw new InvalidTargetHostException(
					"the label '" + label + "' starts or ends with '-': start and end it with a letter or digit");
		}
	}

	private static String collapseDots(String domain) {
		StringBuilder name = new StringBuilder();
		for (String label : domain.split("\\.", -1)) {
			if (!label.isEmpty()) {
				name.append((name.length() > 0) ? "." : "").append(label);
			}
		}
		return name.toString();
	}

	private static void checkNotPublicSuffix(String domain) throws InvalidTargetHostException {
		PublicSuffixList publicSuffixes = PublicSuffixList.get();
		if (publicSuffixes.isPublicSuffix(domain)) {
			throw new InvalidTargetHostException("*." + domain + " covers a public suffix: every site under it would "
					+ "receive the token; list your own domain, for example *.example." + domain);
		}
		String below = publicSuffixes.publicSuffixBelow(domain);
		if (below != null) {
			throw new InvalidTargetHostException("*." + domain + " covers public suffixes such as " + below
					+ ": sites of other owners under it would receive the token; list your own hosts instead");
		}
	}

	@Override
	public String toString() {
		return ((this.scheme != null) ? this.scheme + "://" : "") + (this.wildcard ? "*." : "") + this.host
				+ ((this.port != -1) ? ":" + this.port : "");
	}

	/**
	 * Carries the problem of an invalid entry, as a short phrase that says what to write
	 * instead; never leaves this package.
	 */
	static final class InvalidTargetHostException extends Exception {

		InvalidTargetHostException(String problem) {
			super(problem, null, false, false);
		}

	}

}
