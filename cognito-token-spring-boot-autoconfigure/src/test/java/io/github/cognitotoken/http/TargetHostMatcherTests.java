package io.github.cognitotoken.http;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TargetHostMatcher}.
 */
class TargetHostMatcherTests {

	@ParameterizedTest(name = "{0} on {1}: {2}")
	@CsvSource(delimiterString = "|", textBlock = """
			api.example.com                 | https://api.example.com/orders              | true
			api.example.com                 | https://api.example.com:8443/orders         | true
			api.example.com                 | http://api.example.com/orders               | false
			api.example.com                 | https://API.Example.COM/orders              | true
			api.example.com                 | https://api.example.com./orders             | true
			API.Example.com.                | https://api.example.com/orders              | true
			api.example.com                 | https://other.example.com/orders            | false
			api.example.com                 | https://a.api.example.com/orders            | false
			api.example.com                 | https://api.example.com.evil.test/orders    | false
			api.example.com                 | ftp://api.example.com/orders                | false
			api.example.com                 | wss://api.example.com/orders                | false
			api.example.com                 | /orders                                     | false
			api.example.com                 | mailto:ops@api.example.com                  | false
			https://api.example.com         | https://api.example.com/orders              | true
			https://api.example.com         | http://api.example.com/orders               | false
			HTTPS://api.example.com         | https://api.example.com/orders              | true
			http://orders                   | http://orders:8080/orders                   | true
			http://orders                   | https://orders/orders                       | true
			http://orders                   | http://payments/orders                      | false
			orders                          | http://orders/orders                        | false
			orders                          | https://orders/orders                       | true
			api.example.com:8443            | https://api.example.com:8443/orders         | true
			api.example.com:8443            | https://api.example.com/orders              | false
			api.example.com:8443            | https://api.example.com:9443/orders         | false
			api.example.com:443             | https://api.example.com/orders              | true
			api.example.com:443             | https://api.example.com:443/orders          | true
			http://orders:80                | http://orders/orders                        | true
			http://orders:80                | https://orders/orders                       | false
			localhost                       | http://localhost:8080/orders                | true
			localhost                       | https://localhost:8443/orders               | true
			localhost                       | http://LOCALHOST./orders                    | false
			localhost                       | https://LOCALHOST./orders                   | true
			https://localhost               | http://localhost:8080/orders                | false
			localhost:8080                  | http://localhost:8080/orders                | true
			localhost:8080                  | http://localhost:9090/orders                | false
			127.0.0.1                       | http://127.0.0.1:8080/orders                | true
			127.0.0.2                       | http://127.0.0.2/orders                     | true
			127.0.0.1                       | http://127.0.0.2/orders                     | false
			127.0.0.1                       | http://localhost/orders                     | false
			10.0.0.1                        | https://10.0.0.1/orders                     | true
			10.0.0.1                        | http://10.0.0.1/orders                      | false
			http://10.0.0.1:8080            | http://10.0.0.1:8080/orders                 | true
			[::1]                           | http://[::1]:8080/orders                    | true
			[::1]                           | http://[0:0:0:0:0:0:0:1]/orders             | true
			[::1]                           | http://127.0.0.1/orders                     | false
			[2001:DB8::1]                   | https://[2001:db8:0:0:0:0:0:1]/orders       | true
			[2001:db8::1]                   | http://[2001:db8::1]/orders                 | false
			[2001:db8::1]:8443              | https://[2001:db8::1]:8443/orders           | true
			[2001:db8::1]:8443              | https://[2001:db8::1]/orders                | false
			*.example.com                   | https://a.example.com/orders                | true
			*.example.com                   | https://a.b.example.com/orders              | true
			*.example.com                   | https://A.Example.COM./orders               | true
			*.example.com                   | https://example.com/orders                  | false
			*.example.com                   | https://badexample.com/orders               | false
			*.example.com                   | http://a.example.com/orders                 | false
			*.example.com:8443              | https://a.example.com:8443/orders           | true
			*.example.com:8443              | https://a.example.com/orders                | false
			http://*.svc.cluster.local:8080 | http://orders.prod.svc.cluster.local:8080/  | true
			http://*.svc.cluster.local:8080 | http://orders.prod.svc.cluster.local:9090/  | false
			*.example.co.uk                 | https://shop.example.co.uk/orders           | true
			*.foo.github.io                 | https://docs.foo.github.io/                 | true
			*.www.ck                        | https://a.www.ck/                           | true
			""")
	void matchesSchemeHostAndPort(String entry, String uri, boolean matches) {
		assertThat(TargetHostMatcher.of(List.of(entry)).matches(URI.create(uri))).isEqualTo(matches);
	}

	@Test
	void matchesWhenAnyEntryMatches() {
		TargetHostMatcher matcher = TargetHostMatcher.of(List.of("https://api.example.com", "api.example.com:8080",
				"http://api.example.com:9090", "*.example.org"));
		assertThat(matcher.matches(URI.create("https://api.example.com:7070/"))).isTrue();
		assertThat(matcher.matches(URI.create("http://api.example.com:9090/"))).isTrue();
		assertThat(matcher.matches(URI.create("http://api.example.com:8080/"))).isFalse();
		assertThat(matcher.matches(URI.create("https://a.example.org/"))).isTrue();
		assertThat(matcher.matches(URI.create("https://example.net/"))).isFalse();
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiterString = "|", textBlock = """
			https://example.com/orders          | true
			https://example.com:8443/orders     | true
			http://example.com/orders           | false
			http://example.com:8080/orders      | false
			http://localhost:8080/orders        | true
			http://127.0.0.1/orders             | true
			http://127.1.2.3:8080/orders        | true
			http://[::1]:8080/orders            | true
			http://127.example.com/orders       | false
			http://localhost.example.com/orders | false
			http://localhost.:8080/orders       | false
			https://localhost.:8443/orders      | true
			ftp://example.com/orders            | false
			/orders                             | false
			""")
	void anyHostSendsTheTokenInClearTextOnlyToLoopbackHosts(String uri, boolean matches) {
		assertThat(TargetHostMatcher.anyHost().matches(URI.create(uri))).isEqualTo(matches);
	}

	@Test
	void aLoopbackEntryNeverSendsTheTokenInClearTextToTheSameNameWithATrailingDot() {
		// "localhost." is looked up in DNS, not in the hosts file
		TargetHostMatcher matcher = TargetHostMatcher.of(List.of("localhost"));
		assertThat(matcher.matches(URI.create("http://localhost:8080/orders"))).isTrue();
		assertThat(matcher.matches(URI.create("http://localhost.:8080/orders"))).isFalse();
	}

	@Test
	void noEntriesMeansAnyHost() {
		assertThat(TargetHostMatcher.of(List.of())).isSameAs(TargetHostMatcher.anyHost());
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiterString = "|", textBlock = """
			https://api.example.com/orders   | true
			https://API.example.com:443/     | true
			http://api.example.com/orders    | false
			https://api.example.com:8443/    | false
			https://other.example.com/orders | false
			""")
	void httpsBaseUrlMatchesItsHostAndPortOverHttpsOnly(String uri, boolean matches) {
		TargetHostMatcher matcher = TargetHostMatcher.forBaseUrl(URI.create("https://api.example.com/v1"));
		assertThat(matcher.matches(URI.create(uri))).isEqualTo(matches);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiterString = "|", textBlock = """
			http://orders.internal/orders      | true
			https://orders.internal:80/orders  | true
			http://orders.internal:8080/orders | false
			https://orders.internal/orders     | false
			""")
	void httpBaseUrlAlsoMatchesHttpOnItsPort(String uri, boolean matches) {
		TargetHostMatcher matcher = TargetHostMatcher.forBaseUrl(URI.create("http://orders.internal"));
		assertThat(matcher.matches(URI.create(uri))).isEqualTo(matches);
	}

	@Test
	void localBaseUrlMatchesItsPort() {
		TargetHostMatcher matcher = TargetHostMatcher.forBaseUrl(URI.create("http://localhost:8080"));
		assertThat(matcher.matches(URI.create("http://localhost:8080/orders"))).isTrue();
		assertThat(matcher.matches(URI.create("http://localhost:9090/orders"))).isFalse();
		assertThat(matcher).hasToString("TargetHostMatcher[http://localhost:8080]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "api.example.com", "ftp://api.example.com", "https:///orders" })
	void baseUrlMustBeAnAbsoluteHttpUrlWithAHost(String baseUrl) {
		assertThatIllegalArgumentException().isThrownBy(() -> TargetHostMatcher.forBaseUrl(URI.create(baseUrl)));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiterString = "|", quoteCharacter = '"',
			textBlock = """
							api example com                     | a host cannot contain spaces: write one host per entry, such as api.example.com
							..                                  | a host cannot have empty labels: write a host such as api.example.com
							api..example.com                    | a host cannot have empty labels: write api.example.com
							https://api..example.com:8443       | a host cannot have empty labels: write https://api.example.com:8443
							example.com..                       | a host cannot have empty labels: write example.com
							.example.com                        | a leading '.' is not a wildcard: write *.example.com for its subdomains or example.com for the domain itself
							bücher.example                      | write the ASCII form xn--bcher-kva.example
							https://Bücher.example:8443         | write the ASCII form https://xn--bcher-kva.example:8443
							*.bücher.example                    | write the ASCII form *.xn--bcher-kva.example
							*                                   | '*' alone is not allowed: leave the list empty to allow every host, or write *.example.com
							api.*.com                           | a wildcard must be a leading '*.' followed by a domain, for example *.example.com
							*example.com                        | a wildcard must be a leading '*.' followed by a domain, for example *.example.com
							*.*.example.com                     | a wildcard must be a leading '*.' followed by a domain, for example *.example.com
							https://api.example.com/            | a target host cannot have a path: write https://api.example.com
							https://api.example.com/v1          | a target host cannot have a path: write https://api.example.com
							api.example.com?debug=true          | a target host cannot have a query: write api.example.com
							api.example.com#orders              | a target host cannot have a fragment: write api.example.com
							https://ops@api.example.com/v1      | a target host cannot have user information: write https://api.example.com
					https://ops:pa/ss@api.example.com   | a target host cannot have a path: write only [scheme://]host[:port]
							ftp://api.example.com               | the scheme must be http or https: write https://api.example.com
							://api.example.com                  | the scheme must be http or https: write https://api.example.com
							https:api.example.com               | write the scheme followed by '://': https://api.example.com
							https:/api.example.com              | write the scheme followed by '://': https://api.example.com
							https://                            | the host is missing: write a host such as https://api.example.com
							:8080                               | the host is missing: write a host such as api.example.com
							.                                   | the host is missing: write a host such as api.example.com
							api.example.com:                    | the port must be a number from 1 to 65535, for example api.example.com:8443
							api.example.com:0                   | the port must be a number from 1 to 65535, for example api.example.com:8443
							api.example.com:65536               | the port must be a number from 1 to 65535, for example api.example.com:8443
							api.example.com:99999999999         | the port must be a number from 1 to 65535, for example api.example.com:8443
							https://api.example.com:https       | the port must be a number from 1 to 65535, for example https://api.example.com:8443
							::1                                 | write an IPv6 address in brackets: [::1] or [::1]:8443
							2001:db8::1:8443                    | write an IPv6 address in brackets: [::1] or [::1]:8443
							[::1                                | '[' has no matching ']': write an IPv6 address as [::1] or [::1]:8443
							[::1]8080                           | write the port after ':', for example [::1]:8443
							[::g]                               | '[::g]' is not an IPv6 address: write one such as [::1] or [2001:db8::1]
							[1:2:3:4:5:6:7:8:9]                 | '[1:2:3:4:5:6:7:8:9]' is not an IPv6 address: write one such as [::1] or [2001:db8::1]
							[1::2::3]                           | '[1::2::3]' is not an IPv6 address: write one such as [::1] or [2001:db8::1]
							[fe80::1%eth0]                      | '[fe80::1%eth0]' is not an IPv6 address: write one such as [::1] or [2001:db8::1]
							[]                                  | '[]' is not an IPv6 address: write one such as [::1] or [2001:db8::1]
							256.0.0.1                           | '256.0.0.1' is not an IPv4 address: write four numbers from 0 to 255 without leading zeros, for example 10.0.0.1
							10.0.0                              | '10.0.0' is not an IPv4 address: write four numbers from 0 to 255 without leading zeros, for example 10.0.0.1
							010.0.0.1                           | '010.0.0.1' is not an IPv4 address: write four numbers from 0 to 255 without leading zeros, for example 10.0.0.1
							8080                                | '8080' is not an IPv4 address: write four numbers from 0 to 255 without leading zeros, for example 10.0.0.1
							*.10.0.0.1                          | a wildcard cannot cover an IP address: list the address itself
							api_v1.example.com                  | '_' is not allowed in a host name: use letters, digits, hyphens and dots
							-api.example.com                    | the label '-api' starts or ends with '-': start and end it with a letter or digit
							api-.example.com                    | the label 'api-' starts or ends with '-': start and end it with a letter or digit
							*.com                               | *.com covers a public suffix: every site under it would receive the token; list your own domain, for example *.example.com
							*.com.                              | *.com covers a public suffix: every site under it would receive the token; list your own domain, for example *.example.com
							*.co.uk                             | *.co.uk covers a public suffix: every site under it would receive the token; list your own domain, for example *.example.co.uk
							*.uk                                | *.uk covers a public suffix: every site under it would receive the token; list your own domain, for example *.example.uk
							*.internal                          | *.internal covers a public suffix: every site under it would receive the token; list your own domain, for example *.example.internal
							*.github.io                         | *.github.io covers a public suffix: every site under it would receive the token; list your own domain, for example *.example.github.io
							*.s3.amazonaws.com                  | *.s3.amazonaws.com covers a public suffix: every site under it would receive the token; list your own domain, for example *.example.s3.amazonaws.com
							*.cloudfront.net                    | *.cloudfront.net covers a public suffix: every site under it would receive the token; list your own domain, for example *.example.cloudfront.net
							*.execute-api.eu-west-1.amazonaws.com | *.execute-api.eu-west-1.amazonaws.com covers a public suffix: every site under it would receive the token; list your own domain, for example *.example.execute-api.eu-west-1.amazonaws.com
							http://*.other.ck:8080              | *.other.ck covers a public suffix: every site under it would receive the token; list your own domain, for example *.example.other.ck
							*.amazonaws.com                     | *.amazonaws.com covers public suffixes such as s3.amazonaws.com: sites of other owners under it would receive the token; list your own hosts instead
							""")
	void rejectsEntryWithAProblemThatSaysWhatToWrite(String entry, String problem) {
		assertThat(TargetHostMatcher.validate(entry)).isEqualTo(problem);
		String shown = entry.contains("@") ? "(not shown: it contains '@')" : "'" + entry + "'";
		assertThatIllegalArgumentException().isThrownBy(() -> TargetHostMatcher.of(List.of("api.example.com", entry)))
			.withMessage("Invalid target host " + shown + ": " + problem);
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "   " })
	void rejectsEmptyEntry(String entry) {
		assertThat(TargetHostMatcher.validate(entry))
			.isEqualTo("the entry is empty: write a host such as api.example.com");
	}

	@Test
	void rejectsOverlongLabelsAndNames() {
		String label = "a".repeat(64);
		assertThat(TargetHostMatcher.validate(label + ".example.com"))
			.isEqualTo("a label between dots can have at most 63 characters");
		assertThat(TargetHostMatcher.validate("a".repeat(63) + ".example.com")).isNull();
		String name = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61));
		assertThat(name).hasSize(253);
		assertThat(TargetHostMatcher.validate(name)).isNull();
		assertThat(TargetHostMatcher.validate(name + "d")).isEqualTo("a host name can have at most 253 characters");
		assertThat(TargetHostMatcher.validate(name + ".")).isNull();
	}

	@Test
	void neverEchoesUserInformation() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TargetHostMatcher.of(List.of("https://ops:s3cr3t@api.example.com")))
			.withMessage("Invalid target host (not shown: it contains '@'): "
					+ "a target host cannot have user information: write https://api.example.com")
			.withMessageNotContaining("s3cr3t");
		assertThat(TargetHostMatcher.validate("ftp://ops:s3cr3t@api.example.com")).doesNotContain("s3cr3t");
		assertThat(TargetHostMatcher.validate("https:ops:s3cr3t@api.example.com")).doesNotContain("s3cr3t");
	}

	@ParameterizedTest
	@ValueSource(strings = { "api.example.com", "  api.example.com  ", "API.EXAMPLE.COM.", "orders", "http://orders",
			"https://api.example.com:8443", "HTTP://Orders:8080", "localhost:8080", "127.0.0.1", "[::1]:8443",
			"[2001:db8::ffff:192.0.2.1]", "*.example.com", "*.example.co.uk", "*.foo.github.io", "*.www.ck",
			"*.svc.cluster.local", "xn--bcher-kva.example", "a-b.example.com", "1api.example.com" })
	void acceptsValidEntry(String entry) {
		assertThat(TargetHostMatcher.validate(entry)).isNull();
	}

	@Test
	void toStringShowsTheNormalizedEntries() {
		TargetHostMatcher matcher = TargetHostMatcher.of(List.of("API.Example.com.", "HTTP://Orders:8080",
				"*.Example.org", "[0:0:0:0:0:0:0:1]", "[2001:DB8:0:0:1:0:0:1]"));
		assertThat(matcher).hasToString(
				"TargetHostMatcher[api.example.com, http://orders:8080, *.example.org, [::1], [2001:db8::1:0:0:1]]");
		assertThat(TargetHostMatcher.forBaseUrl(URI.create("https://api.example.com/v1")))
			.hasToString("TargetHostMatcher[https://api.example.com:443]");
		assertThat(TargetHostMatcher.anyHost())
			.hasToString("TargetHostMatcher[any host over https, loopback hosts over http]");
	}

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(delimiterString = "|", textBlock = """
			::1                     | ::1
			0:0:0:0:0:0:0:1         | ::1
			::                      | ::
			2001:DB8::0001          | 2001:db8::1
			2001:db8:0:0:1:0:0:1    | 2001:db8::1:0:0:1
			2001:0:0:1:0:0:0:1      | 2001:0:0:1::1
			1:0:2:3:4:5:6:7         | 1:0:2:3:4:5:6:7
			1::                     | 1::
			::ffff:192.0.2.1        | ::ffff:c000:201
			""")
	void writesIpv6AddressesInCanonicalForm(String address, String canonical) {
		assertThat(IpAddressLiterals.canonicalIpv6(address)).isEqualTo(canonical);
	}

}
