package io.github.cognitotoken.http;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedirectGuard}: which redirects are followed, with which method, body
 * and headers.
 */
class RedirectGuardTests {

	private static final URI API = URI.create("https://api.example.com/orders/42");

	@Test
	void onlyRedirectStatusesWithALocationAreFollowed() {
		for (int status : new int[] { 200, 300, 304, 305, 401, 404 }) {
			assertThat(RedirectGuard.nextHop(HttpMethod.GET, API, status, location("/elsewhere")))
				.as("status %d", status)
				.isNull();
		}
		assertThat(RedirectGuard.nextHop(HttpMethod.GET, API, 302, new HttpHeaders())).isNull();
		assertThat(RedirectGuard.nextHop(HttpMethod.GET, API, 302, location(" "))).isNull();
	}

	@Test
	void relativeLocationsAreResolvedAgainstTheRequest() {
		RedirectGuard.Hop hop = RedirectGuard.nextHop(HttpMethod.GET, API, 301, location("../v2/orders/42"));
		assertThat(hop).isNotNull();
		assertThat(hop.uri()).isEqualTo(URI.create("https://api.example.com/v2/orders/42"));
		assertThat(hop.sameOrigin()).isTrue();
	}

	@Test
	void aRedirectToAnotherSchemeHostOrPortChangesOrigin() {
		assertThat(hop(HttpMethod.GET, 302, "https://cdn.example.com/a").sameOrigin()).isFalse();
		assertThat(hop(HttpMethod.GET, 302, "https://api.example.com:8443/a").sameOrigin()).isFalse();
		assertThat(hop(HttpMethod.GET, 302, "https://API.example.com:443/a").sameOrigin()).isTrue();
	}

	@Test
	void downgradesToHttpAndOtherSchemesAreNotFollowed() {
		assertThat(RedirectGuard.nextHop(HttpMethod.GET, API, 302, location("http://api.example.com/a"))).isNull();
		assertThat(RedirectGuard.nextHop(HttpMethod.GET, API, 302, location("ftp://api.example.com/a"))).isNull();
		assertThat(RedirectGuard.nextHop(HttpMethod.GET, API, 302, location("file:///etc/passwd"))).isNull();
		assertThat(RedirectGuard.nextHop(HttpMethod.GET, URI.create("http://localhost:8080/a"), 302,
				location("https://localhost:8443/b")))
			.isNotNull();
	}

	@Test
	void methodAndBodyFollowTheRulesOfEachStatus() {
		assertThat(hop(HttpMethod.POST, 301, "/b")).satisfies((hop) -> {
			assertThat(hop.method()).isEqualTo(HttpMethod.GET);
			assertThat(hop.keepsBody()).isFalse();
		});
		assertThat(hop(HttpMethod.POST, 302, "/b").method()).isEqualTo(HttpMethod.GET);
		assertThat(hop(HttpMethod.PUT, 303, "/b").method()).isEqualTo(HttpMethod.GET);
		assertThat(hop(HttpMethod.PUT, 302, "/b")).satisfies((hop) -> {
			assertThat(hop.method()).isEqualTo(HttpMethod.PUT);
			assertThat(hop.keepsBody()).isTrue();
		});
		for (int status : new int[] { 307, 308 }) {
			assertThat(hop(HttpMethod.POST, status, "/b")).satisfies((hop) -> {
				assertThat(hop.method()).isEqualTo(HttpMethod.POST);
				assertThat(hop.keepsBody()).isTrue();
			});
		}
	}

	@Test
	void headersNeverKeepAuthorizationAndDropCookiesAcrossOrigins() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.AUTHORIZATION, "Bearer abc");
		headers.set(HttpHeaders.COOKIE, "session=1");
		headers.set(HttpHeaders.PROXY_AUTHORIZATION, "Basic xyz");
		headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
		headers.set("X-Request-Id", "42");
		RedirectGuard.prepareHeaders(headers, hop(HttpMethod.POST, 302, "https://other.example.com/b"));
		assertThat(headers.headerNames()).containsExactly("X-Request-Id");
		HttpHeaders sameOrigin = new HttpHeaders();
		sameOrigin.set(HttpHeaders.AUTHORIZATION, "Bearer abc");
		sameOrigin.set(HttpHeaders.COOKIE, "session=1");
		sameOrigin.set(HttpHeaders.CONTENT_TYPE, "application/json");
		RedirectGuard.prepareHeaders(sameOrigin, hop(HttpMethod.POST, 307, "/b"));
		assertThat(sameOrigin.headerNames()).containsExactlyInAnyOrder(HttpHeaders.COOKIE, HttpHeaders.CONTENT_TYPE);
	}

	@Test
	void aGuardFollowsRedirectsOnlyWhenAcknowledgedWithAFollowingPolicy() {
		RedirectGuard guard = new RedirectGuard();
		assertThat(guard.followsRedirects()).isFalse();
		guard.acknowledge(null);
		assertThat(guard.followsRedirects()).isTrue();
		guard.acknowledge(HttpRedirects.DONT_FOLLOW);
		assertThat(guard.followsRedirects()).isFalse();
		guard.acknowledge(HttpRedirects.FOLLOW);
		assertThat(guard.followsRedirects()).isTrue();
	}

	private static RedirectGuard.Hop hop(HttpMethod method, int status, String location) {
		RedirectGuard.Hop hop = RedirectGuard.nextHop(method, API, status, location(location));
		assertThat(hop).isNotNull();
		return hop;
	}

	private static HttpHeaders location(String location) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.LOCATION, location);
		return headers;
	}

}
