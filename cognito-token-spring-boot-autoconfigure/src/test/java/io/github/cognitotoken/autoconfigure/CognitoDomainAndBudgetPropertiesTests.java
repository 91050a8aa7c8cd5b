package io.github.cognitotoken.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint built from {@code domain}, {@code region} and {@code fips}, and the
 * startup failures of those and of the request budget, each naming the property. No token
 * request is sent: the application's own manager stands in for the auto-configured one,
 * so that no request goes to Cognito.
 */
class CognitoDomainAndBudgetPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CognitoTokenAutoConfiguration.class))
		.withBean(CognitoTokenManager.class, () -> new CognitoTokenManager(
				() -> new CognitoAccessToken("stand-in", Instant.now(), Instant.now().plus(Duration.ofHours(1)))))
		.withPropertyValues("cognito.client.client-id=demo-client", "cognito.client.client-secret=demo-secret");

	@Test
	void domainAndRegionBuildThePrefixDomainTokenEndpoint() {
		this.contextRunner.withPropertyValues("cognito.client.domain=my-domain", "cognito.client.region=eu-west-1")
			.run((context) -> assertThat(tokenEndpoint(context))
				.isEqualTo(URI.create("https://my-domain.auth.eu-west-1.amazoncognito.com/oauth2/token")));
	}

	@Test
	void fipsUsesTheAuthFipsEndpoint() {
		this.contextRunner
			.withPropertyValues("cognito.client.domain=my-domain", "cognito.client.region=us-east-1",
					"cognito.client.fips=true")
			.run((context) -> assertThat(tokenEndpoint(context))
				.isEqualTo(URI.create("https://my-domain.auth-fips.us-east-1.amazoncognito.com/oauth2/token")));
		this.contextRunner
			.withPropertyValues("cognito.client.domain=gov-domain", "cognito.client.region=us-gov-west-1",
					"cognito.client.fips=true")
			.run((context) -> assertThat(tokenEndpoint(context))
				.isEqualTo(URI.create("https://gov-domain.auth-fips.us-gov-west-1.amazoncognito.com/oauth2/token")));
	}

	@Test
	void customDomainStillUsesTheTokenEndpoint() {
		this.contextRunner.withPropertyValues("cognito.client.token-endpoint=https://auth.example.com/oauth2/token")
			.run((context) -> assertThat(tokenEndpoint(context))
				.isEqualTo(URI.create("https://auth.example.com/oauth2/token")));
	}

	@Test
	void domainAndTokenEndpointTogetherAreRejected() {
		this.contextRunner
			.withPropertyValues("cognito.client.domain=my-domain", "cognito.client.region=eu-west-1",
					"cognito.client.token-endpoint=https://auth.example.com/oauth2/token")
			.run(failsWith("cognito.client.domain",
					"'cognito.client.domain' and cognito.client.token-endpoint are both set",
					"Set either cognito.client.domain and cognito.client.region"));
	}

	@Test
	void regionWithoutDomainIsRejected() {
		this.contextRunner
			.withPropertyValues("cognito.client.region=eu-west-1",
					"cognito.client.token-endpoint=https://auth.example.com/oauth2/token")
			.run(failsWith("cognito.client.region", "is set but cognito.client.domain is not",
					"Set cognito.client.domain"));
	}

	@Test
	void domainWithoutRegionIsRejected() {
		this.contextRunner.withPropertyValues("cognito.client.domain=my-domain")
			.run(failsWith("cognito.client.region", "is not set but cognito.client.domain is",
					"for example eu-west-1"));
	}

	@Test
	void fipsWithoutDomainIsRejected() {
		this.contextRunner
			.withPropertyValues("cognito.client.fips=true",
					"cognito.client.token-endpoint=https://auth.example.com/oauth2/token")
			.run(failsWith("cognito.client.fips", "is true but cognito.client.domain is not set",
					"Set cognito.client.domain and cognito.client.region"));
	}

	@Test
	void domainsThatCannotBeRightAreRejected() {
		assertDomainRejected("my-domain.auth.eu-west-1.amazoncognito.com", "is a host name or a URL");
		assertDomainRejected("https://my-domain", "is a host name or a URL");
		assertDomainRejected("My-Domain", "is not a Cognito prefix domain");
		assertDomainRejected("-my-domain", "is not a Cognito prefix domain");
		assertDomainRejected("my-domain-", "is not a Cognito prefix domain");
		assertDomainRejected("my_domain", "is not a Cognito prefix domain");
		assertDomainRejected("a".repeat(64), "is not a Cognito prefix domain");
		assertDomainRejected("my-aws-domain", "contains 'aws'");
		assertDomainRejected("amazon-orders", "contains 'amazon'");
		assertDomainRejected("orders-cognito", "contains 'cognito'");
		this.contextRunner
			.withPropertyValues("cognito.client.domain=" + "a".repeat(63), "cognito.client.region=eu-west-1")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void regionsThatCannotBeRightAreRejected() {
		assertRegionRejected("eu-west", "is not an AWS Region");
		assertRegionRejected("europe-west-1", "is not an AWS Region");
		assertRegionRejected("eu-west-1a", "is an Availability Zone, not a Region");
		assertRegionRejected("EU-WEST-1", "is not written in lower case");
		for (String region : new String[] { "us-east-1", "ap-southeast-2", "me-central-1", "ca-west-1", "il-central-1",
				"sa-east-1" }) {
			this.contextRunner.withPropertyValues("cognito.client.domain=my-domain", "cognito.client.region=" + region)
				.run((context) -> assertThat(context).hasNotFailed());
		}
	}

	@Test
	void govCloudNeedsFips() {
		this.contextRunner.withPropertyValues("cognito.client.domain=my-domain", "cognito.client.region=us-gov-east-1")
			.run(failsWith("cognito.client.fips", "has FIPS endpoints only", "Set cognito.client.fips=true."));
	}

	@Test
	void fipsOutsideTheUsRegionsIsRejected() {
		this.contextRunner
			.withPropertyValues("cognito.client.domain=my-domain", "cognito.client.region=eu-west-1",
					"cognito.client.fips=true")
			.run(failsWith("cognito.client.fips", "has FIPS endpoints only in the US Regions",
					"Remove cognito.client.fips"));
	}

	@Test
	void missingTokenEndpointMentionsTheDomainAlternative() {
		this.contextRunner.run(failsWith("cognito.client.token-endpoint", "is not set",
				"Or set cognito.client.domain and cognito.client.region"));
	}

	@Test
	void budgetOutsideItsLimitsIsRejected() {
		withTokenEndpoint().withPropertyValues("cognito.client.budget.max-requests=0")
			.run(failsWith("cognito.client.budget.max-requests", "(0) is not from 1 to 100000",
					"Set cognito.client.budget.max-requests"));
		withTokenEndpoint().withPropertyValues("cognito.client.budget.max-requests=100001")
			.run(failsWith("cognito.client.budget.max-requests", "(100001) is not from 1 to 100000",
					"or remove it for no ceiling"));
		withTokenEndpoint()
			.withPropertyValues("cognito.client.budget.max-requests=10", "cognito.client.budget.period=30s")
			.run(failsWith("cognito.client.budget.period", "(30s) is not from 1m to 1d", "(default 1h)"));
	}

	@Test
	void budgetReachesTheManager() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CognitoTokenAutoConfiguration.class))
			.withPropertyValues("cognito.client.client-id=demo-client", "cognito.client.client-secret=demo-secret",
					"cognito.client.token-endpoint=http://localhost:1/oauth2/token",
					"cognito.client.budget.max-requests=20", "cognito.client.budget.period=2h")
			.run((context) -> {
				CognitoTokenManager manager = context.getBean(CognitoTokenManager.class);
				assertThat(manager.getStatus().requests().maxRequests()).isEqualTo(20);
				assertThat(manager.getStatus().requests().period()).isEqualTo(Duration.ofHours(2));
			});
	}

	private void assertDomainRejected(String domain, String problem) {
		this.contextRunner.withPropertyValues("cognito.client.domain=" + domain, "cognito.client.region=eu-west-1")
			.run(failsWith("cognito.client.domain", problem, "Set cognito.client.domain to the prefix"));
	}

	private void assertRegionRejected(String region, String problem) {
		this.contextRunner.withPropertyValues("cognito.client.domain=my-domain", "cognito.client.region=" + region)
			.run(failsWith("cognito.client.region", problem, "Set cognito.client.region to the AWS Region"));
	}

	private ApplicationContextRunner withTokenEndpoint() {
		return this.contextRunner
			.withPropertyValues("cognito.client.token-endpoint=https://auth.example.com/oauth2/token");
	}

	private static URI tokenEndpoint(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(TokenEndpointClient.class).getRegistration().getTokenEndpoint();
	}

	private static ContextConsumer<AssertableApplicationContext> failsWith(String property, String description,
			String action) {
		return (context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidCognitoPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).as("failure analysis").isNotNull();
			assertThat(analysis.getDescription()).contains("'" + property + "'").contains(description);
			assertThat(analysis.getAction()).contains(action);
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("demo-secret");
		};
	}

}
