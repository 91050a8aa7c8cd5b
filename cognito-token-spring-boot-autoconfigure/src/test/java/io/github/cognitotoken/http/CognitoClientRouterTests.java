package io.github.cognitotoken.http;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenManager;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CognitoClientRouter}.
 */
class CognitoClientRouterTests {

	private final CognitoTokenManager defaultClient = manager("default");

	private final CognitoTokenManager billing = manager("billing");

	private final CognitoTokenManager partner = manager("partner");

	private final CognitoTokenManager reports = manager("reports");

	private CognitoClientRouter router() {
		return CognitoClientRouter.builder()
			.defaultClient(this.defaultClient, TargetHostMatcher.of(List.of("api.example.com")), true)
			.client("billing", this.billing, TargetHostMatcher.of(List.of("*.billing.example.com")), true)
			.client("partner", this.partner, TargetHostMatcher.of(List.of("eu.billing.example.com:8443")), false)
			.client("reports", this.reports, TargetHostMatcher.anyHost(), true)
			.routeByHost("default", "cognito.client.target-hosts")
			.routeByHost("billing", "cognito.clients.billing.target-hosts")
			.routeByHost("partner", "cognito.clients.partner.target-hosts")
			.group("partners", "partner", "cognito.clients.partner.http-service-groups")
			.build();
	}

	@Test
	void theMostSpecificHostEntryWins() {
		CognitoClientRouter router = router();
		assertThat(name(router, "https://eu.billing.example.com:8443/x")).isEqualTo("partner");
		// the exact entry names a port: other ports fall back to the wildcard
		assertThat(name(router, "https://eu.billing.example.com/x")).isEqualTo("billing");
		assertThat(name(router, "https://us.billing.example.com/x")).isEqualTo("billing");
		assertThat(name(router, "https://api.example.com/x")).isEqualTo("default");
		assertThat(name(router, "https://other.example.com/x")).isNull();
		// host routing keeps the target rules: no token over http
		assertThat(name(router, "http://us.billing.example.com/x")).isNull();
	}

	@Test
	void theSameAnswerOnceTheHostIsRemembered() {
		CognitoClientRouter router = router();
		for (int i = 0; i < 3; i++) {
			assertThat(name(router, "https://EU.billing.example.com.:8443/x")).isEqualTo("partner");
			assertThat(name(router, "https://eu.billing.example.com:9443/x")).isEqualTo("billing");
		}
	}

	@Test
	void anExplicitChoiceWinsAndStillObeysTheClientsTargets() {
		CognitoClientRouter router = router();
		Map<String, Object> attributes = new HashMap<>();
		CognitoClientAttributes.client("reports").accept(attributes);
		assertThat(router.route(attributes, URI.create("https://us.billing.example.com/x")).getName())
			.isEqualTo("reports");
		CognitoClientAttributes.client("partner").accept(attributes);
		assertThat(router.route(attributes, URI.create("https://api.example.com/x"))).isNull();
		CognitoClientAttributes.none().accept(attributes);
		assertThat(router.route(attributes, URI.create("https://api.example.com/x"))).isNull();
	}

	@Test
	void aGroupWinsOverTheHostButNotOverAnExplicitChoice() {
		CognitoClientRouter group = router().forGroup("partners");
		assertThat(group.route(Map.of(), URI.create("https://eu.billing.example.com:8443/x")).getName())
			.isEqualTo("partner");
		// partner's own targets still apply
		assertThat(group.route(Map.of(), URI.create("https://api.example.com/x"))).isNull();
		Map<String, Object> attributes = new HashMap<>();
		CognitoClientAttributes.client("billing").accept(attributes);
		assertThat(group.route(attributes, URI.create("https://us.billing.example.com/x")).getName())
			.isEqualTo("billing");
		assertThat(router().forGroup("unbound").route(Map.of(), URI.create("https://api.example.com/x")).getName())
			.isEqualTo("default");
	}

	@Test
	void anUnknownClientIsAnError() {
		Map<String, Object> attributes = new HashMap<>();
		CognitoClientAttributes.client("nobody").accept(attributes);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> router().route(attributes, URI.create("https://api.example.com/x")))
			.withMessageContaining("'nobody'")
			.withMessageContaining("[default, billing, partner, reports]");
	}

	@Test
	void twoClientsCannotClaimTheSameHostOnAPortBothMatch() {
		CognitoClientRouter.Builder builder = CognitoClientRouter.builder()
			.client("a", this.billing, TargetHostMatcher.of(List.of("https://api.example.com:443")), true)
			.client("b", this.partner, TargetHostMatcher.of(List.of("api.example.com:443")), true)
			.client("c", this.reports, TargetHostMatcher.of(List.of("api.example.com:8443")), true)
			.routeByHost("a", "cognito.clients.a.target-hosts");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder.routeByHost("b", "cognito.clients.b.target-hosts"))
			.withMessageContaining("cognito.clients.a.target-hosts and cognito.clients.b.target-hosts")
			.withMessageContaining("'api.example.com'");
		// another port is another claim
		builder.routeByHost("c", "cognito.clients.c.target-hosts");
	}

	@Test
	void twoClientsCannotClaimTheSameGroup() {
		CognitoClientRouter.Builder builder = CognitoClientRouter.builder()
			.client("a", this.billing, TargetHostMatcher.anyHost(), true)
			.client("b", this.partner, TargetHostMatcher.anyHost(), true)
			.group("orders", "a", "cognito.clients.a.http-service-groups");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder.group("orders", "b", "cognito.clients.b.http-service-groups"))
			.withMessage("cognito.clients.a.http-service-groups and cognito.clients.b.http-service-groups both "
					+ "claim the HTTP service group 'orders': a group belongs to one client");
	}

	@Test
	void wildcardsOfDifferentDepthsAreDifferentClaims() {
		CognitoClientRouter router = CognitoClientRouter.builder()
			.client("a", this.billing, TargetHostMatcher.of(List.of("*.example.com")), true)
			.client("b", this.partner, TargetHostMatcher.of(List.of("*.eu.example.com")), true)
			.routeByHost("a", "a")
			.routeByHost("b", "b")
			.build();
		assertThat(name(router, "https://x.eu.example.com/")).isEqualTo("b");
		assertThat(name(router, "https://x.us.example.com/")).isEqualTo("a");
		assertThat(name(router, "https://eu.example.com/")).isEqualTo("a");
	}

	private static String name(CognitoClientRouter router, String uri) {
		CognitoClientRouter.Route route = router.route(Map.of(), URI.create(uri));
		return (route != null) ? route.getName() : null;
	}

	private static CognitoTokenManager manager(String name) {
		return CognitoTokenManager
			.builder(() -> new CognitoAccessToken("token-of-" + name, Instant.now(),
					Instant.now().plus(Duration.ofHours(1))))
			.build();
	}

}
