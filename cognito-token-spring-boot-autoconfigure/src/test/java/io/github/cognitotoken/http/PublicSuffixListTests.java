package io.github.cognitotoken.http;

import java.io.IOException;
import java.io.StringReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PublicSuffixList}.
 */
class PublicSuffixListTests {

	private static final String SMALL_LIST = """
			// ===BEGIN ICANN DOMAINS===

			// uk
			uk
			co.uk
			*.sch.uk

			// ck
			*.ck
			!www.ck
			   com
			bücher.example  everything after white space is ignored
			// ===END ICANN DOMAINS===
			""";

	@ParameterizedTest(name = "{0} is a public suffix: {1}")
	@CsvSource(textBlock = """
			uk,                    true
			co.uk,                 true
			example.co.uk,         false
			sch.uk,                false
			school.sch.uk,         true
			other.ck,              true
			www.ck,                false
			ck,                    true
			com,                   true
			xn--bcher-kva.example, true
			example,               true
			example.com,           false
			""")
	void appliesNormalWildcardExceptionAndDefaultRules(String domain, boolean publicSuffix) throws IOException {
		PublicSuffixList list = PublicSuffixList.read(new StringReader(SMALL_LIST));
		assertThat(list.isPublicSuffix(domain)).isEqualTo(publicSuffix);
	}

	@Test
	void namesTheShortestPublicSuffixBelowADomain() throws IOException {
		PublicSuffixList list = PublicSuffixList.read(new StringReader(SMALL_LIST));
		assertThat(list.publicSuffixBelow("uk")).isEqualTo("co.uk");
		assertThat(list.publicSuffixBelow("sch.uk")).isEqualTo("example.sch.uk");
		assertThat(list.publicSuffixBelow("ck")).isEqualTo("example.ck");
		assertThat(list.publicSuffixBelow("co.uk")).isNull();
		assertThat(list.publicSuffixBelow("www.ck")).isNull();
		assertThat(list.publicSuffixBelow("example.com")).isNull();
	}

	@ParameterizedTest(name = "{0} is a public suffix: {1}")
	@CsvSource(textBlock = """
			com,                                 true
			co.uk,                               true
			uk,                                  true
			example.co.uk,                       false
			github.io,                           true
			foo.github.io,                       false
			s3.amazonaws.com,                    true
			amazonaws.com,                       false
			cloudfront.net,                      true
			execute-api.eu-west-1.amazonaws.com, true
			other.ck,                            true
			www.ck,                              false
			xn--55qx5d.cn,                       true
			example.com,                         false
			""")
	void bundledListHasBothSections(String domain, boolean publicSuffix) {
		assertThat(PublicSuffixList.get().isPublicSuffix(domain)).isEqualTo(publicSuffix);
	}

	@Test
	void bundledListKnowsPublicSuffixesBelowRegistrableDomains() {
		assertThat(PublicSuffixList.get().publicSuffixBelow("amazonaws.com")).isEqualTo("s3.amazonaws.com");
		assertThat(PublicSuffixList.get().publicSuffixBelow("example.com")).isNull();
		assertThat(PublicSuffixList.get().publicSuffixBelow("foo.github.io")).isNull();
	}

	@Test
	void bundledListIsReadOnce() {
		assertThat(PublicSuffixList.get()).isSameAs(PublicSuffixList.get());
	}

}
