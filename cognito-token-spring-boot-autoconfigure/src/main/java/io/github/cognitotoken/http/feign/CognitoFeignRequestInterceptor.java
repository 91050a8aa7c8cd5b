package io.github.cognitotoken.http.feign;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import feign.MethodMetadata;
import feign.RequestInterceptor;
import feign.RequestTemplate;
import feign.Target;
import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.http.CognitoClient;
import io.github.cognitotoken.http.CognitoClientAttributes;
import io.github.cognitotoken.http.CognitoClientRouter;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.util.Assert;

/**
 * Feign {@link RequestInterceptor} that adds {@code Authorization: Bearer <token>} with
 * the token of the Cognito client that the {@link CognitoClientRouter} chooses for the
 * request, by the same rules as the RestClient interceptor: in this order
 * {@link CognitoClient @CognitoClient} on the Feign method or interface, the client bound
 * to the Feign client ({@code feign-clients}), the client whose target hosts name the
 * host, the default client. A request that already has an {@code Authorization} header,
 * for which no client is chosen, or whose host the chosen client's target hosts reject,
 * is sent unchanged.
 * <p>
 * Feign applies interceptors before its target turns the template into a request, so the
 * URL is resolved here the way the target resolves it: a template URL that is not
 * absolute is appended to the target's URL. For a load-balanced Feign client (no
 * {@code url}) that is {@code http://<name>}: list it as {@code http://<name>} in the
 * target hosts, or bind the Feign client.
 * <p>
 * Feign interceptors never see responses. Add {@link #capability()} to the same Feign
 * client (the auto-configuration does) so that requests carrying the token never follow
 * redirects inside the HTTP client, a 401 answer renews the token and sends the request
 * once more, and the final URL is checked against the target hosts once more.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public class CognitoFeignRequestInterceptor implements RequestInterceptor, Ordered {

	static final String AUTHORIZATION = "Authorization";

	private static final Map<String, Object> NO_CHOICE = Map.of();

	private final CognitoClientRouter router;

	private final @Nullable String contextId;

	private final Map<String, CognitoClientRouter> routers = new ConcurrentHashMap<>();

	private final Map<MethodMetadata, Map<String, Object>> choices = new ConcurrentHashMap<>();

	/**
	 * What this interceptor put on each template: the capability needs it, and a Retryer
	 * sends the same template through the interceptors again. Weak keys: a template lives
	 * as long as one call.
	 */
	private final Map<RequestTemplate, Applied> applied = Collections.synchronizedMap(new WeakHashMap<>());

	private final CognitoFeignCapability capability;

	/**
	 * Create an interceptor that binds Feign clients by their name.
	 * @param router which client's token a request carries
	 */
	public CognitoFeignRequestInterceptor(CognitoClientRouter router) {
		this(router, null);
	}

	/**
	 * Create the interceptor of one Feign client, which binds it by its context id first
	 * and by its name second.
	 * @param router which client's token a request carries
	 * @param contextId the context id of the Feign client, or {@code null} to bind by
	 * name only
	 */
	public CognitoFeignRequestInterceptor(CognitoClientRouter router, @Nullable String contextId) {
		Assert.notNull(router, "'router' must not be null");
		this.router = router;
		this.contextId = contextId;
		this.capability = new CognitoFeignCapability(this);
	}

	/**
	 * Return the capability to add to every Feign client that has this interceptor:
	 * {@code Feign.builder().requestInterceptor(interceptor).addCapability(interceptor.capability())}.
	 * @return the capability
	 */
	public CognitoFeignCapability capability() {
		return this.capability;
	}

	/**
	 * Return the router that chooses the client of each request.
	 * @return the router
	 */
	public CognitoClientRouter getRouter() {
		return this.router;
	}

	/**
	 * Run last among the interceptors of equal order, so that an {@code Authorization}
	 * header that another interceptor sets is seen and kept.
	 * @return {@link Ordered#LOWEST_PRECEDENCE}
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void apply(RequestTemplate template) {
		Applied previous = this.applied.remove(template);
		Collection<String> authorization = template.headers().get(AUTHORIZATION);
		if (authorization != null && !authorization.isEmpty()) {
			if (previous == null || !authorization.contains(previous.headerValue())) {
				return;
			}
			// ours, from an earlier attempt of the same call (a Retryer sends the
			// template
			// through the interceptors again): put a current token in its place
			List<String> others = new ArrayList<>(authorization);
			others.remove(previous.headerValue());
			template.removeHeader(AUTHORIZATION);
			if (!others.isEmpty()) {
				template.headerLiteral(AUTHORIZATION, others);
				return;
			}
		}
		URI uri = uriOf(template);
		if (uri == null) {
			return;
		}
		CognitoClientRouter.Route route = routerOf(template).route(choiceOf(template), uri);
		if (route == null) {
			return;
		}
		CognitoAccessToken token = route.getTokens().getAccessToken();
		String headerValue = token.getAuthorizationHeaderValue();
		template.headerLiteral(AUTHORIZATION, headerValue);
		this.applied.put(template, new Applied(route, token, headerValue));
	}

	@Nullable Applied appliedTo(RequestTemplate template) {
		return this.applied.get(template);
	}

	private CognitoClientRouter routerOf(RequestTemplate template) {
		Target<?> target = template.feignTarget();
		String name = (target != null) ? target.name() : null;
		if (name == null && this.contextId == null) {
			return this.router;
		}
		return this.routers.computeIfAbsent((name != null) ? name : "",
				(key) -> this.router.forFeignClient(this.contextId, key));
	}

	private Map<String, Object> choiceOf(RequestTemplate template) {
		MethodMetadata metadata = template.methodMetadata();
		if (metadata == null || metadata.method() == null) {
			return NO_CHOICE;
		}
		return this.choices.computeIfAbsent(metadata, (key) -> {
			String name = clientOf(key.targetType(), key.method());
			if (name == null) {
				return NO_CHOICE;
			}
			Map<String, Object> attributes = new HashMap<>(2);
			CognitoClientAttributes.client(name).accept(attributes);
			return Map.copyOf(attributes);
		});
	}

	/**
	 * Return the client that {@link CognitoClient @CognitoClient} chooses for a Feign
	 * method: on the method, else on the Feign interface (or an interface it extends),
	 * else on the interface that declares the method.
	 * @param targetType the Feign interface, or {@code null} when unknown
	 * @param method the method
	 * @return the client name, {@link CognitoClient#NONE}, or {@code null}
	 */
	static @Nullable String clientOf(@Nullable Class<?> targetType, Method method) {
		return CognitoClientAttributes.clientOf(targetType, method);
	}

	/**
	 * Resolve the URL of a template the way Feign's targets do: an absolute template URL
	 * (a {@code URI} argument, or a template that a target already completed) as it is,
	 * otherwise the target's URL followed by the template's.
	 */
	static @Nullable URI uriOf(RequestTemplate template) {
		String url = template.url();
		if (url.indexOf("http") != 0) {
			Target<?> target = template.feignTarget();
			if (target == null) {
				return null;
			}
			try {
				url = target.url() + url;
			}
			catch (UnsupportedOperationException ex) {
				// Target.EmptyTarget: the URL comes from an argument, and there was none
				return null;
			}
		}
		return parse(url);
	}

	static @Nullable URI parse(String url) {
		URI uri = toUri(url);
		if (uri == null) {
			// routing needs the origin only: a path or query that java.net.URI rejects
			// must not cost the token
			int authority = url.indexOf("://");
			if (authority > 0) {
				int end = authority + 3;
				while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
					end++;
				}
				uri = toUri(url.substring(0, end));
			}
		}
		return (uri != null && uri.getHost() != null) ? uri : null;
	}

	private static @Nullable URI toUri(String url) {
		try {
			return new URI(url);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/**
	 * What the interceptor put on a template.
	 *
	 * @param route the client whose token it is
	 * @param token the token
	 * @param headerValue the header value on the template
	 */
	record Applied(CognitoClientRouter.Route route, CognitoAccessToken token, String headerValue) {

	}

}
