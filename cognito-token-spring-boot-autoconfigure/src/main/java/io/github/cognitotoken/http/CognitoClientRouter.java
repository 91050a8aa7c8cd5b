package io.github.cognitotoken.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.cognitotoken.CognitoTokenManagers;
import io.github.cognitotoken.CognitoTokenProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

/**
 * Decides which Cognito client's token a request carries, if any. In this order:
 * <ol>
 * <li>an explicit choice on the request, the {@link CognitoClientAttributes#ATTRIBUTE}
 * attribute (set by {@link CognitoClientAttributes} or
 * {@link CognitoClient @CognitoClient}), which may also say that the request carries no
 * token;</li>
 * <li>the client bound to the request's HTTP service group (see
 * {@link #forGroup(String)});</li>
 * <li>the client whose target host entries name the request's host most specifically (an
 * exact host before a {@code *.domain} entry, a longer domain before a shorter one);</li>
 * <li>the default client, when its own target hosts match.</li>
 * </ol>
 * The chosen client's target host rules still apply: a request to a host the client does
 * not allow goes without a token. Two clients cannot claim the same group or the same
 * host entry.
 * <p>
 * Routing allocates nothing once a host has been seen: the clients that name a host are
 * remembered for up to {@value #MAX_REMEMBERED_HOSTS} hosts.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
public final class CognitoClientRouter {

	private static final Log logger = LogFactory.getLog(CognitoClientRouter.class);

	static final int MAX_REMEMBERED_HOSTS = 4096;

	private static final Route[] NO_ROUTES = new Route[0];

	private final Map<String, Route> byName;

	private final @Nullable Route defaultRoute;

	private final Route[] hostRoutes;

	private final Map<String, Route> groups;

	private final @Nullable Route groupRoute;

	private final Map<String, Route[]> rememberedHosts;

	private CognitoClientRouter(Map<String, Route> byName, @Nullable Route defaultRoute, Route[] hostRoutes,
			Map<String, Route> groups, @Nullable Route groupRoute, Map<String, Route[]> rememberedHosts) {
		this.byName = byName;
		this.defaultRoute = defaultRoute;
		this.hostRoutes = hostRoutes;
		this.groups = groups;
		this.groupRoute = groupRoute;
		this.rememberedHosts = rememberedHosts;
	}

	/**
	 * Return a router with one client, the default one.
	 * @param tokens the source of its tokens
	 * @param targetHosts which hosts receive its token
	 * @param retryOnUnauthorized whether a 401 answer renews its token and sends the
	 * request once more
	 * @return the router
	 */
	public static CognitoClientRouter single(CognitoTokenProvider tokens, TargetHostMatcher targetHosts,
			boolean retryOnUnauthorized) {
		return builder().defaultClient(tokens, targetHosts, retryOnUnauthorized).build();
	}

	/**
	 * Return a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the client that a request carries the token of.
	 * @param attributes the request attributes
	 * @param uri the request URI
	 * @return the route of the client, or {@code null} when the request carries no token
	 * @throws IllegalArgumentException when the request names a client that does not
	 * exist
	 */
	public @Nullable Route route(Map<String, Object> attributes, URI uri) {
		Object choice = attributes.isEmpty() ? null : attributes.get(CognitoClientAttributes.ATTRIBUTE);
		if (choice != null) {
			return explicit(choice, uri);
		}
		if (this.groupRoute != null) {
			return this.groupRoute.allows(uri, "its HTTP service group");
		}
		if (this.hostRoutes.length > 0) {
			Route route = byHost(uri);
			if (route != null) {
				return route;
			}
		}
		Route defaultRoute = this.defaultRoute;
		return (defaultRoute != null && defaultRoute.targetHosts.matches(uri)) ? defaultRoute : null;
	}

	private @Nullable Route explicit(Object choice, URI uri) {
		if (choice == CognitoClientAttributes.NO_CLIENT) {
			return null;
		}
		Route route = (choice instanceof String name) ? this.byName.get(name) : null;
		if (route == null) {
			throw new IllegalArgumentException("The request asks for the token of Cognito client '" + choice
					+ "', but no client has that name: the configured clients are " + this.byName.keySet());
		}
		return route.allows(uri, "an explicit choice");
	}

	private @Nullable Route byHost(URI uri) {
		String rawHost = uri.getHost();
		String host = (rawHost != null) ? TargetHostMatcher.normalizeRequestHost(rawHost) : null;
		if (host == null) {
			return null;
		}
		Route[] candidates = this.rememberedHosts.get(host);
		if (candidates == null) {
			candidates = candidates(host);
			if (this.rememberedHosts.size() < MAX_REMEMBERED_HOSTS) {
				this.rememberedHosts.put(host, candidates);
			}
		}
		for (Route candidate : candidates) {
			if (candidate.targetHosts.matches(uri)) {
				return candidate;
			}
		}
		return null;
	}

	private Route[] candidates(String host) {
		List<Route> candidates = new ArrayList<>();
		Map<Route, Integer> specificity = new HashMap<>();
		for (Route route : this.hostRoutes) {
			int value = route.targetHosts.specificity(host);
			if (value >= 0) {
				candidates.add(route);
				specificity.put(route, value);
			}
		}
		if (candidates.isEmpty()) {
			return NO_ROUTES;
		}
		candidates.sort(Comparator.comparing(specificity::get, Comparator.reverseOrder()));
		return candidates.toArray(NO_ROUTES);
	}

	/**
	 * Return the router for the clients of an HTTP service group: the same, with the
	 * client bound to the group (if any) chosen when the request makes no explicit
	 * choice.
	 * @param group the group name
	 * @return the router for that group
	 */
	public CognitoClientRouter forGroup(String group) {
		Route route = this.groups.get(group);
		if (route == null) {
			return this;
		}
		return new CognitoClientRouter(this.byName, this.defaultRoute, this.hostRoutes, this.groups, route,
				this.rememberedHosts);
	}

	/**
	 * Return the name of the client bound to an HTTP service group.
	 * @param group the group name
	 * @return the client name, or {@code null} when no client is bound to it
	 */
	public @Nullable String clientOfGroup(String group) {
		Route route = this.groups.get(group);
		return (route != null) ? route.name : null;
	}

	/**
	 * Check that every {@link CognitoClient @CognitoClient} of the given
	 * {@code @HttpExchange} interfaces names a client of this router, so that a wrong
	 * name fails at startup rather than on the first call.
	 * @param httpServiceTypes the interfaces
	 * @param origin where they come from, for the message, for example
	 * {@code HTTP service group 'orders'}
	 * @throws IllegalStateException naming the method and the configured clients
	 */
	public void checkClientChoices(Iterable<Class<?>> httpServiceTypes, String origin) {
		for (Class<?> type : httpServiceTypes) {
			// a method's choice falls back to its interface's
			ReflectionUtils.doWithMethods(type, (method) -> {
				String name = CognitoClientAttributes.clientOf(method);
				if (name != null && !CognitoClient.NONE.equals(name) && !this.byName.containsKey(name)) {
					throw new IllegalStateException("@CognitoClient(\"" + name + "\") on " + type.getName() + "."
							+ method.getName() + "() (" + origin + ") names no configured Cognito client: the "
							+ "clients are " + this.byName.keySet() + ". Configure cognito.clients." + name
							+ ".client-id, or correct the name");
				}
			}, (method) -> !method.isSynthetic() && method.getDeclaringClass() != Object.class);
		}
	}

	/**
	 * Return the names of the clients.
	 * @return the client names
	 */
	public Set<String> clientNames() {
		return this.byName.keySet();
	}

	@Override
	public String toString() {
		return "CognitoClientRouter[clients=" + this.byName.keySet() + ", groups=" + this.groups.keySet() + "]";
	}

	/**
	 * A client that requests can carry the token of.
	 */
	public static final class Route {

		private final String name;

		private final CognitoTokenProvider tokens;

		private final TargetHostMatcher targetHosts;

		private final boolean retryOnUnauthorized;

		private volatile boolean warnedMismatch;

		Route(String name, CognitoTokenProvider tokens, TargetHostMatcher targetHosts, boolean retryOnUnauthorized) {
			this.name = name;
			this.tokens = tokens;
			this.targetHosts = targetHosts;
			this.retryOnUnauthorized = retryOnUnauthorized;
		}

		/**
		 * Return the client name.
		 * @return the name
		 */
		public String getName() {
			return this.name;
		}

		/**
		 * Return the source of the client's tokens.
		 * @return the token provider
		 */
		public CognitoTokenProvider getTokens() {
			return this.tokens;
		}

		/**
		 * Return which hosts may receive the client's token, on every redirect hop too.
		 * @return the target hosts
		 */
		public TargetHostMatcher getTargetHosts() {
			return this.targetHosts;
		}

		/**
		 * Return whether a 401 answer renews the token and sends the request once more.
		 * @return whether to replay once after a 401
		 */
		public boolean isRetryOnUnauthorized() {
			return this.retryOnUnauthorized;
		}

		@Nullable Route allows(URI uri, String reason) {
			if (this.targetHosts.matches(uri)) {
				return this;
			}
			if (!this.warnedMismatch && logger.isWarnEnabled()) {
				this.warnedMismatch = true;
				logger.warn("A request to " + uri.getScheme() + "://" + uri.getRawAuthority()
						+ " chose Cognito client '" + this.name + "' through " + reason
						+ ", but that host is not among the client's target hosts (" + this.targetHosts
						+ "): it was sent without a token. Add the host to the client's target-hosts");
			}
			return null;
		}

		@Override
		public String toString() {
			return "Route[" + this.name + "]";
		}

	}

	/**
	 * Builder of {@link CognitoClientRouter} instances.
	 */
	public static final class Builder {

		private final Map<String, Route> byName = new LinkedHashMap<>();

		private @Nullable Route defaultRoute;

		private final List<Route> hostRoutes = new ArrayList<>();

		private final List<HostClaim> hostClaims = new ArrayList<>();

		private final Map<String, Route> groups = new LinkedHashMap<>();

		private final Map<String, String> groupSources = new HashMap<>();

		private Builder() {
		}

		/**
		 * Add the default client: requests that no other rule routes carry its token when
		 * its target hosts match.
		 * @param tokens the source of its tokens
		 * @param targetHosts which hosts receive its token
		 * @param retryOnUnauthorized whether a 401 answer renews its token and sends the
		 * request once more
		 * @return this builder
		 */
		public Builder defaultClient(CognitoTokenProvider tokens, TargetHostMatcher targetHosts,
				boolean retryOnUnauthorized) {
			Assert.state(this.defaultRoute == null, "A default client is set already");
			Route route = add(CognitoTokenManagers.DEFAULT, tokens, targetHosts, retryOnUnauthorized);
			this.defaultRoute = route;
			return this;
		}

		/**
		 * Add a named client, chosen explicitly or by group.
		 * @param name the client name
		 * @param tokens the source of its tokens
		 * @param targetHosts which hosts may receive its token
		 * @param retryOnUnauthorized whether a 401 answer renews its token and sends the
		 * request once more
		 * @return this builder
		 */
		public Builder client(String name, CognitoTokenProvider tokens, TargetHostMatcher targetHosts,
				boolean retryOnUnauthorized) {
			add(name, tokens, targetHosts, retryOnUnauthorized);
			return this;
		}

		/**
		 * Route requests to the hosts of a client's target host entries to that client.
		 * @param name the client name, added before
		 * @param source what configured the entries, for error messages, for example
		 * {@code cognito.clients.billing.target-hosts}
		 * @return this builder
		 * @throws IllegalArgumentException when another client claims an entry that names
		 * the same host and can match the same port
		 */
		public Builder routeByHost(String name, String source) {
			Route route = named(name);
			for (TargetHostEntry entry : route.targetHosts.entries()) {
				String host = (entry.isWildcard() ? "*." : "") + entry.host();
				for (HostClaim claim : this.hostClaims) {
					if (claim.host.equals(host) && claim.route != route
							&& (claim.port == -1 || entry.port() == -1 || claim.port == entry.port())) {
						throw new IllegalArgumentException(
								claim.source + " and " + source + " both claim the host '" + host + "' (entries '"
										+ claim.entry + "' and '" + entry + "'): a host belongs to one client");
					}
				}
				this.hostClaims.add(new HostClaim(host, entry.port(), entry.toString(), source, route));
			}
			if (route != this.defaultRoute) {
				this.hostRoutes.add(route);
			}
			return this;
		}

		/**
		 * Bind the clients of an HTTP service group to a client.
		 * @param group the group name
		 * @param name the client name, added before
		 * @param source what configured the binding, for error messages, for example
		 * {@code cognito.clients.billing.http-service-groups}
		 * @return this builder
		 * @throws IllegalArgumentException when another client has the group already
		 */
		public Builder group(String group, String name, String source) {
			Assert.hasText(group, "'group' must not be empty");
			Route route = named(name);
			String previous = this.groupSources.putIfAbsent(group, source);
			if (previous != null) {
				throw new IllegalArgumentException(previous + " and " + source + " both claim the HTTP service group '"
						+ group + "': a group belongs to one client");
			}
			this.groups.put(group, route);
			return this;
		}

		private Route named(String name) {
			Route route = this.byName.get(name);
			Assert.state(route != null, () -> "No client named '" + name + "' has been added");
			return route;
		}

		private Route add(String name, CognitoTokenProvider tokens, TargetHostMatcher targetHosts,
				boolean retryOnUnauthorized) {
			Assert.hasText(name, "'name' must not be empty");
			Assert.notNull(tokens, "'tokens' must not be null");
			Assert.notNull(targetHosts, "'targetHosts' must not be null");
			Assert.state(!this.byName.containsKey(name), () -> "A client named '" + name + "' is added already");
			Route route = new Route(name, tokens, targetHosts, retryOnUnauthorized);
			this.byName.put(name, route);
			return route;
		}

		private record HostClaim(String host, int port, String entry, String source, Route route) {

		}

		/**
		 * Build the router.
		 * @return the router
		 */
		public CognitoClientRouter build() {
			return new CognitoClientRouter(Collections.unmodifiableMap(new LinkedHashMap<>(this.byName)),
					this.defaultRoute, this.hostRoutes.toArray(NO_ROUTES), Map.copyOf(this.groups), null,
					new ConcurrentHashMap<>());
		}

	}

}
