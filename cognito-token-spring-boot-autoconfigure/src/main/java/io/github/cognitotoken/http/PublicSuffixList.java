package io.github.cognitotoken.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The rules of the <a href="https://publicsuffix.org/">Public Suffix List</a> (ICANN and
 * private sections), read from the copy bundled with the starter. Answers only what
 * {@link TargetHostMatcher} needs to refuse a wildcard that would send the token to sites
 * of other owners: whether a domain is a public suffix, and whether a public suffix lies
 * below it.
 *
 * @author cognito-token contributors
 */
final class PublicSuffixList {

	static final String LOCATION = "META-INF/cognito-token/public_suffix_list.dat";

	/** Normal rules, such as {@code co.uk}. */
	private final Set<String> rules = new HashSet<>();

	/** Domains whose every child is a public suffix: {@code ck} for {@code *.ck}. */
	private final Set<String> wildcardParents = new HashSet<>();

	/** Exception rules without their {@code !}: {@code www.ck} for {@code !www.ck}. */
	private final Set<String> exceptions = new HashSet<>();

	/** For every domain with a public suffix strictly below it, the shortest one. */
	private final Map<String, String> suffixesBelow = new HashMap<>();

	private PublicSuffixList() {
	}

	/**
	 * Return the bundled list, read on first use: only a wildcard target host needs it,
	 * so applications that list exact hosts never pay for it.
	 * @return the bundled list
	 */
	static PublicSuffixList get() {
		return Holder.INSTANCE;
	}

	/**
	 * Read a list in the format of {@code public_suffix_list.dat}.
	 * @param reader the list
	 * @return the rules
	 * @throws IOException if the list cannot be read
	 */
	static PublicSuffixList read(Reader reader) throws IOException {
		PublicSuffixList list = new PublicSuffixList();
		BufferedReader lines = new BufferedReader(reader);
		String line;
		while ((line = lines.readLine()) != null) {
			list.add(line);
		}
		list.indexSuffixesBelow();
		return list;
	}

	private void add(String line) {
		String rule = firstWord(line);
		if (rule.isEmpty() || rule.startsWith("//")) {
			return;
		}
		Set<String> target = this.rules;
		if (rule.startsWith("!")) {
			target = this.exceptions;
			rule = rule.substring(1);
		}
		else if (rule.startsWith("*.")) {
			target = this.wildcardParents;
			rule = rule.substring(2);
		}
		String ascii = toAscii(rule);
		if (ascii != null) {
			target.add(ascii);
		}
	}

	private static String firstWord(String line) {
		// The format reads each line only up to its first white space
		String trimmed = line.strip();
		for (int i = 0; i < trimmed.length(); i++) {
			if (Character.isWhitespace(trimmed.charAt(i))) {
				return trimmed.substring(0, i);
			}
		}
		return trimmed;
	}

	private static @Nullable String toAscii(String rule) {
		try {
			// Hosts reach the matcher in their ASCII (punycode) form, so rules must too.
			// Java's IDNA 2003 tables lack some newer scripts the list uses (Balinese)
			return IDN.toASCII(rule, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			// IDNA 2003 cannot spell the rule; no validated ASCII host can name it either
			return null;
		}
	}

	private void indexSuffixesBelow() {
		for (String rule : this.rules) {
			indexAncestors(rule, rule, false);
		}
		for (String parent : this.wildcardParents) {
			// every child of the parent is a public suffix, the parent included in the
			// domains that have one below them
			indexAncestors(parent, "example." + parent, true);
		}
	}

	private void indexAncestors(String domain, String example, boolean includeDomain) {
		String ancestor = includeDomain ? domain : parent(domain);
		while (ancestor != null) {
			String current = this.suffixesBelow.get(ancestor);
			if (current == null || example.length() < current.length()
					|| (example.length() == current.length() && example.compareTo(current) < 0)) {
				this.suffixesBelow.put(ancestor, example);
			}
			ancestor = parent(ancestor);
		}
	}

	private static @Nullable String parent(String domain) {
		int dot = domain.indexOf('.');
		return (dot < 0) ? null : domain.substring(dot + 1);
	}

	/**
	 * Return whether the domain is itself a public suffix, applying normal, wildcard and
	 * exception rules and the implicit rule {@code *} that makes every top-level domain a
	 * public suffix.
	 * @param domain a lower-case ASCII domain without a trailing dot
	 * @return whether it is a public suffix
	 */
	boolean isPublicSuffix(String domain) {
		if (this.exceptions.contains(domain)) {
			return false;
		}
		if (this.rules.contains(domain)) {
			return true;
		}
		String parent = parent(domain);
		return parent == null || this.wildcardParents.contains(parent);
	}

	/**
	 * Return a public suffix strictly below the domain (the shortest), or {@code null}
	 * when there is none, so that a wildcard on the domain would not reach sites
	 * registered under a public suffix.
	 * @param domain a lower-case ASCII domain without a trailing dot
	 * @return a public suffix below the domain, or {@code null}
	 */
	@Nullable String publicSuffixBelow(String domain) {
		return this.suffixesBelow.get(domain);
	}

	private static final class Holder {

		static final PublicSuffixList INSTANCE = load();

		private static PublicSuffixList load() {
			InputStream stream = PublicSuffixList.class.getClassLoader().getResourceAsStream(LOCATION);
			if (stream == null) {
				throw new IllegalStateException("The public suffix list " + LOCATION + " is not on the class path");
			}
			try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
				return read(reader);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read the public suffix list " + LOCATION, ex);
			}
		}

	}

}
