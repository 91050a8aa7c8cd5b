package io.github.cognitotoken.http;

import org.jspecify.annotations.Nullable;

/**
 * Reads IP address literals without ever resolving a name. IPv6 addresses are brought to
 * the canonical text form of RFC 5952, so that {@code [0:0:0:0:0:0:0:1]} and
 * {@code [::1]} are one host.
 *
 * @author cognito-token contributors
 */
final class IpAddressLiterals {

	private IpAddressLiterals() {
	}

	/**
	 * Return whether a normalized host is a loopback host, without resolving it: a name
	 * could resolve differently later, only literals and {@code localhost} are trusted.
	 * @param host a lower-case host, IPv6 in brackets and canonical form
	 * @return whether it is a loopback host
	 */
	static boolean isLoopback(String host) {
		return host.equals("localhost") || host.equals("[::1]") || (host.startsWith("127.") && isIpv4(host));
	}

	/**
	 * Return whether the text is an IPv4 address in dotted-decimal form: four numbers
	 * from 0 to 255 without leading zeros. Shorter forms such as {@code 127.1} are
	 * refused: resolvers disagree on how to read them.
	 * @param text the text
	 * @return whether it is an IPv4 address
	 */
	static boolean isIpv4(String text) {
		int parts = 0;
		int value = -1;
		int digits = 0;
		for (int i = 0; i <= text.length(); i++) {
			char c = (i < text.length()) ? text.charAt(i) : '.';
			if (c == '.') {
				// "01" could be read as octal elsewhere: only canonical numbers
				if (digits == 0 || (digits > 1 && text.charAt(i - digits) == '0') || value > 255) {
					return false;
				}
				parts++;
				value = -1;
				digits = 0;
			}
			else if (c >= '0' && c <= '9' && digits < 3) {
				value = ((value < 0) ? 0 : value * 10) + (c - '0');
				digits++;
			}
			else {
				return false;
			}
		}
		return parts == 4;
	}

	/**
	 * Return the canonical form of an IPv6 address written without brackets.
	 * @param text the address
	 * @return the canonical form, or {@code null} if the text is no IPv6 address (zone
	 * ids included)
	 */
	static @Nullable String canonicalIpv6(String text) {
		int[] groups = new int[8];
		int doubleColon = text.indexOf("::");
		if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
			return null;
		}
		int count;
		if (doubleColon < 0) {
			count = parseGroups(text, groups, 0, true);
			if (count != 8) {
				return null;
			}
		}
		else {
			int[] tail = new int[8];
			int head = parseGroups(text.substring(0, doubleColon), groups, 0, false);
			int tailCount = parseGroups(text.substring(doubleColon + 2), tail, 0, true);
			if (head < 0 || tailCount < 0 || head + tailCount > 7) {
				return null;
			}
			System.arraycopy(tail, 0, groups, 8 - tailCount, tailCount);
		}
		return format(groups);
	}

	/**
	 * Parse colon-separated groups into {@code groups} from {@code start}.
	 * @return how many groups were read, or -1 when the text is not valid
	 */
	private static int parseGroups(String text, int[] groups, int start, boolean ipv4AtEnd) {
		if (text.isEmpty()) {
			return 0;
		}
		int count = start;
		int from = 0;
		while (true) {
			int colon = text.indexOf(':', from);
			String group = (colon < 0) ? text.substring(from) : text.substring(from, colon);
			if (colon < 0 && ipv4AtEnd && group.indexOf('.') >= 0) {
				if (count > 6 || !isIpv4(group)) {
					return -1;
				}
				String[] octets = group.split("\\.", -1);
				groups[count++] = (Integer.parseInt(octets[0]) << 8) | Integer.parseInt(octets[1]);
				groups[count++] = (Integer.parseInt(octets[2]) << 8) | Integer.parseInt(octets[3]);
				return count - start;
			}
			if (count > 7 || group.isEmpty() || group.length() > 4) {
				return -1;
			}
			int value = 0;
			for (int i = 0; i < group.length(); i++) {
				int digit = Character.digit(group.charAt(i), 16);
				if (digit < 0) {
					return -1;
				}
				value = value * 16 + digit;
			}
			groups[count++] = value;
			if (colon < 0) {
				return count - start;
			}
			from = colon + 1;
		}
	}

	private static String format(int[] groups) {
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = (j > i) ? j : i + 1;
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

}
