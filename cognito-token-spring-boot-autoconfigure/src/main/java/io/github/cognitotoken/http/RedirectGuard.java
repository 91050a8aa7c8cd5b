package io.github.cognitotoken.http;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Keeps redirects of requests that carry the Cognito token under the starter's control.
 * <p>
 * HTTP clients differ in what they do with an {@code Authorization} header when they
 * follow a redirect: the JDK {@code HttpClient}, for one, sends it to whatever host the
 * redirect names. So the bearer token interceptor and exchange filter mark every request
 * they add the token to with a guard (a request attribute, or a Reactor context entry for
 * WebClient). A request factory or connector built through
 * {@link RedirectGuardingRequestFactoryBuilder} or its reactive counterpart sends a
 * marked request with redirects turned off and acknowledges the guard with the redirect
 * policy it was built with. The interceptor then follows the redirect itself, when that
 * policy allows it, and decides for every hop whether it may carry the token. Requests
 * without the mark are sent exactly as before.
 * <p>
 * A guard that nobody acknowledged means the request went through a factory or connector
 * that the starter does not know: the HTTP client follows redirects on its own terms.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class RedirectGuard {

	/**
	 * Name of the request attribute (and Reactor context key) that holds the guard.
	 */
	public static final String ATTRIBUTE = RedirectGuard.class.getName();

	/**
	 * Most redirects followed for one request, like the JDK client's default of 5 plus
	 * room for a login or CDN hop.
	 */
	public static final int MAX_REDIRECTS = 10;

	/**
	 * The guard of the request the current thread is executing: Spring loses request
	 * attributes on some paths (a RestTemplate buffering predicate wraps the request
	 * without them), and the blocking execution runs on the caller's thread.
	 */
	private static final ThreadLocal<@Nullable RedirectGuard> current = new ThreadLocal<>();

	private volatile boolean acknowledged;

	/**
	 * Whether the last hop carried the token; kept here by the interceptor to spare an
	 * allocation per call.
	 */
	boolean carriedToken = true;

	private volatile @Nullable HttpRedirects redirects;

	/**
	 * Record that a guarding factory or connector sent the request with redirects off.
	 * @param redirects the redirect policy the factory or connector was built with
	 * ({@code null} for Spring Boot's default, following when possible)
	 */
	public void acknowledge(@Nullable HttpRedirects redirects) {
		this.redirects = redirects;
		this.acknowledged = true;
	}

	/**
	 * Forget an acknowledgement before the next hop, so that a hop that no guarding
	 * factory sent is seen as such.
	 */
	public void reset() {
		this.acknowledged = false;
	}

	static @Nullable RedirectGuard current() {
		return current.get();
	}

	static void setCurrent(@Nullable RedirectGuard guard) {
		// set(null) rather than remove(): a removed entry is allocated again by the next
		// request on the thread, and the value held is only ever this thread's guard
		current.set(guard);
	}

	/**
	 * Return whether a guarding factory or connector sent the request.
	 * @return whether the guard was acknowledged
	 */
	public boolean isAcknowledged() {
		return this.acknowledged;
	}

	/**
	 * Return whether the interceptor should follow redirects itself: the request went
	 * through a guarding factory whose policy follows redirects.
	 * @return whether to follow redirects
	 */
	public boolean followsRedirects() {
		return this.acknowledged && this.redirects != HttpRedirects.DONT_FOLLOW;
	}

	/**
	 * Return the hop that a redirect response asks for, or {@code null} when the response
	 * is not a redirect that can be followed: not 301, 302, 303, 307 or 308, no usable
	 * {@code Location}, a scheme other than http and https, or a downgrade from https to
	 * http (which the JDK client does not follow either).
	 * @param method the method of the request that was redirected
	 * @param uri the URI of the request that was redirected
	 * @param status the status of the response
	 * @param responseHeaders the headers of the response
	 * @return the next hop, or {@code null}
	 */
	public static @Nullable Hop nextHop(HttpMethod method, URI uri, int status, HttpHeaders responseHeaders) {
		if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
			return null;
		}
		String location = responseHeaders.getFirst(HttpHeaders.LOCATION);
		if (location == null || location.isBlank()) {
			return null;
		}
		URI target;
		try {
			target = uri.resolve(location.trim());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		String scheme = (target.getScheme() != null) ? target.getScheme().toLowerCase(Locale.ROOT) : "";
		if (target.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
			return null;
		}
		if ("https".equalsIgnoreCase(uri.getScheme()) && scheme.equals("http")) {
			return null;
		}
		boolean keepsMethod = status == 307 || status == 308 || HttpMethod.GET.equals(method)
				|| HttpMethod.HEAD.equals(method) || (status != 303 && !HttpMethod.POST.equals(method));
		HttpMethod nextMethod = keepsMethod ? method : HttpMethod.GET;
		return new Hop(nextMethod, target, keepsMethod, sameOrigin(uri, target));
	}

	/**
	 * Prepare the headers of a redirected request: never the previous hop's
	 * {@code Authorization}, no cookies or proxy credentials for another origin, and no
	 * content headers when the body is dropped.
	 * @param headers a copy of the previous hop's headers, changed in place
	 * @param hop the next hop
	 */
	public static void prepareHeaders(HttpHeaders headers, Hop hop) {
		headers.remove(HttpHeaders.AUTHORIZATION);
		if (!hop.sameOrigin()) {
			headers.remove(HttpHeaders.COOKIE);
			headers.remove(HttpHeaders.PROXY_AUTHORIZATION);
		}
		if (!hop.keepsBody()) {
			headers.remove(HttpHeaders.CONTENT_TYPE);
			headers.remove(HttpHeaders.CONTENT_LENGTH);
			headers.remove(HttpHeaders.CONTENT_ENCODING);
			headers.remove(HttpHeaders.TRANSFER_ENCODING);
		}
		headers.remove(HttpHeaders.HOST);
	}

	private static boolean sameOrigin(URI a, URI b) {
		return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
				&& Objects.equals(lower(a.getHost()), lower(b.getHost())) && effectivePort(a) == effectivePort(b);
	}

	private static @Nullable String lower(@Nullable String value) {
		return (value != null) ? value.toLowerCase(Locale.ROOT) : null;
	}

	private static int effectivePort(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	/**
	 * One redirect hop.
	 *
	 * @param method the method of the next request
	 * @param uri the URI of the next request
	 * @param keepsBody whether the next request sends the same body (307, 308, or a
	 * method other than POST on 301 and 302)
	 * @param sameOrigin whether the next request goes to the same scheme, host and port
	 */
	public record Hop(HttpMethod method, URI uri, boolean keepsBody, boolean sameOrigin) {

	}

}
