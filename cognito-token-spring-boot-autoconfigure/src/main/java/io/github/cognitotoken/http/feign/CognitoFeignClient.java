package io.github.cognitotoken.http.feign;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import feign.Client;
import feign.Request;
import feign.RequestTemplate;
import feign.Response;
import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenException;
import io.github.cognitotoken.CognitoTokenProvider;
import io.github.cognitotoken.http.CognitoClientRouter;
import io.github.cognitotoken.http.RedirectGuard;
import io.github.cognitotoken.http.TargetHostMatcher;
import io.github.cognitotoken.http.feign.CognitoFeignRequestInterceptor.Applied;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The Feign {@link Client} of {@link CognitoFeignCapability}: sends a request that
 * carries the token with redirects off, follows its redirects hop by hop, and replays it
 * once after a 401. Every other request goes to the delegate unchanged.
 *
 * @author cognito-token contributors
 */
final class CognitoFeignClient implements Client {

	private static final Log logger = LogFactory.getLog(CognitoFeignClient.class);

	private final Client delegate;

	private final CognitoFeignRequestInterceptor interceptor;

	private volatile boolean warnedMismatch;

	CognitoFeignClient(Client delegate, CognitoFeignRequestInterceptor interceptor) {
		this.delegate = delegate;
		this.interceptor = interceptor;
	}

	boolean isGuardedBy(CognitoFeignRequestInterceptor interceptor) {
		return this.interceptor == interceptor;
	}

	@Override
	public Response execute(Request request, Request.Options options) throws IOException {
		RequestTemplate template = request.requestTemplate();
		Applied applied = (template != null) ? this.interceptor.appliedTo(template) : null;
		if (applied == null) {
			return this.delegate.execute(request, options);
		}
		List<String> authorization = authorization(request.headers());
		if (!authorization.contains(applied.headerValue())) {
			// not our header any more: what is there is someone else's
			return this.delegate.execute(request, options);
		}
		if (authorization.size() > 1) {
			// an interceptor that ran after ours added its own: that one is kept, as when
			// it runs first
			authorization.remove(applied.headerValue());
			return this.delegate.execute(withAuthorization(request, authorization), options);
		}
		CognitoClientRouter.Route route = applied.route();
		URI uri = CognitoFeignRequestInterceptor.parse(request.url());
		if (uri == null || !route.getTargetHosts().matches(uri)) {
			warnMismatch(request.url(), route);
			return this.delegate.execute(withAuthorization(request, List.of()), options);
		}
		Exchange exchange = exchange(request, options, applied.token(), route.getTargetHosts());
		Response response = exchange.response();
		CognitoAccessToken renewed;
		try {
			if (!route.isRetryOnUnauthorized() || !exchange.carriedToken() || response.status() != 401) {
				return response;
			}
			renewed = renew(route.getTokens(), applied.token());
		}
		catch (RuntimeException ex) {
			response.close();
			throw ex;
		}
		if (renewed == null) {
			return response;
		}
		response.close();
		return exchange(request, options, renewed, route.getTargetHosts()).response();
	}

	/**
	 * Send the request with the token, with the HTTP client's redirects off, and follow
	 * redirects here when the options allow it: a hop gets the token only while every URL
	 * so far is a target.
	 */
	private Exchange exchange(Request request, Request.Options options, CognitoAccessToken token,
			TargetHostMatcher targetHosts) throws IOException {
		String headerValue = token.getAuthorizationHeaderValue();
		boolean followRedirects = options.isFollowRedirects();
		Request.Options hopOptions = followRedirects ? new Request.Options(options.connectTimeout(),
				options.connectTimeoutUnit(), options.readTimeout(), options.readTimeoutUnit(), false) : options;
		Request hop = withAuthorization(request, List.of(headerValue));
		boolean carriesToken = true;
		for (int redirects = 0;; redirects++) {
			Response response = this.delegate.execute(hop, hopOptions);
			if (!followRedirects || redirects >= RedirectGuard.MAX_REDIRECTS) {
				return new Exchange(response, carriesToken);
			}
			RedirectGuard.Hop next;
			try {
				URI uri = CognitoFeignRequestInterceptor.parse(hop.url());
				next = (uri != null) ? RedirectGuard.nextHop(HttpMethod.valueOf(hop.httpMethod().name()), uri,
						response.status(), toHttpHeaders(response.headers())) : null;
			}
			catch (RuntimeException ex) {
				response.close();
				throw ex;
			}
			if (next == null) {
				return new Exchange(response, carriesToken);
			}
			response.close();
			carriesToken = carriesToken && targetHosts.matches(next.uri());
			HttpHeaders nextHeaders = toHttpHeaders(hop.headers());
			RedirectGuard.prepareHeaders(nextHeaders, next);
			if (carriesToken) {
				nextHeaders.set(HttpHeaders.AUTHORIZATION, headerValue);
			}
			hop = Request.create(Request.HttpMethod.valueOf(next.method().name()), next.uri().toString(),
					toFeignHeaders(nextHeaders), next.keepsBody() ? hop.body() : null,
					next.keepsBody() ? hop.charset() : null, hop.requestTemplate());
		}
	}

	private void warnMismatch(String url, CognitoClientRouter.Route route) {
		if (!this.warnedMismatch && logger.isWarnEnabled()) {
			this.warnedMismatch = true;
			URI uri = CognitoFeignRequestInterceptor.parse(url);
			String shown = (uri != null) ? uri.getScheme() + "://" + uri.getRawAuthority() : "a URL that is not a URI";
			logger.warn("A Feign request was sent to " + shown + " rather than to the URL its template named, "
					+ "which is not among the target hosts of Cognito client '" + route.getName() + "' ("
					+ route.getTargetHosts() + "): it was sent without a token");
		}
	}

	private static @Nullable CognitoAccessToken renew(CognitoTokenProvider tokens, CognitoAccessToken rejected) {
		try {
			return tokens.renewRejectedToken(rejected);
		}
		catch (CognitoTokenException ex) {
			// The caller gets the server's 401; the manager has logged why no token came
			return null;
		}
	}

	private static List<String> authorization(Map<String, Collection<String>> headers) {
		List<String> values = new ArrayList<>(1);
		headers.forEach((name, headerValues) -> {
			if (CognitoFeignRequestInterceptor.AUTHORIZATION.equalsIgnoreCase(name)) {
				values.addAll(headerValues);
			}
		});
		return values;
	}

	private static Request withAuthorization(Request request, List<String> authorization) {
		Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		request.headers().forEach((name, values) -> {
			if (!CognitoFeignRequestInterceptor.AUTHORIZATION.equalsIgnoreCase(name)) {
				headers.put(name, values);
			}
		});
		if (!authorization.isEmpty()) {
			headers.put(CognitoFeignRequestInterceptor.AUTHORIZATION, List.copyOf(authorization));
		}
		return Request.create(request.httpMethod(), request.url(), headers, request.body(), request.charset(),
				request.requestTemplate());
	}

	private static HttpHeaders toHttpHeaders(Map<String, Collection<String>> headers) {
		HttpHeaders httpHeaders = new HttpHeaders();
		headers.forEach((name, values) -> httpHeaders.addAll(name, new ArrayList<>(values)));
		return httpHeaders;
	}

	private static Map<String, Collection<String>> toFeignHeaders(HttpHeaders headers) {
		Map<String, Collection<String>> feignHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> feignHeaders.put(name, List.copyOf(values)));
		return feignHeaders;
	}

	@Override
	public String toString() {
		return "CognitoFeignClient[" + this.delegate + "]";
	}

	private record Exchange(Response response, boolean carriedToken) {

	}

}
