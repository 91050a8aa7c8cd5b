package io.github.cognitotoken.test.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.CognitoTokenManagers;
import io.github.cognitotoken.autoconfigure.CognitoTokenAutoConfiguration;
import io.github.cognitotoken.autoconfigure.CognitoTokenClockCustomizer;
import io.github.cognitotoken.autoconfigure.CognitoTokenFetcherFactory;
import io.github.cognitotoken.autoconfigure.InvalidCognitoPropertyException;
import io.github.cognitotoken.autoconfigure.cache.CognitoTokenRedisCacheAutoConfiguration;
import io.github.cognitotoken.cache.SharedTokenStore;
import io.github.cognitotoken.endpoint.TokenEndpointClient;
import io.github.cognitotoken.test.CognitoTestToken;
import io.github.cognitotoken.test.CognitoTokenStub;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CognitoTokenStubAutoConfiguration}.
 */
class CognitoTokenStubAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CognitoTokenStubAutoConfiguration.class,
				CognitoTokenAutoConfiguration.class, CognitoTokenRedisCacheAutoConfiguration.class))
		.withPropertyValues("cognito.client.client-id=default-client", "cognito.client.client-secret=default-secret",
				"cognito.client.token-endpoint=https://cognito.invalid/oauth2/token",
				"cognito.client.target-hosts=api.example.com", "cognito.clients.orders.client-id=orders-client",
				"cognito.clients.orders.client-secret=orders-secret", "cognito.clients.orders.scope=orders/read");

	@Test
	void stubIssuesTheTokensOfTheDefaultClientAndOfEveryNamedClient() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CognitoTokenStub.class).doesNotHaveBean(TokenEndpointClient.class);
			CognitoTokenManagers managers = context.getBean(CognitoTokenManagers.class);
			CognitoTokenStub stub = context.getBean(CognitoTokenStub.class);
			CognitoTestToken defaultToken = stub.getTokenIssuer().verify(managers.get("default").getToken());
			CognitoTestToken ordersToken = stub.getTokenIssuer().verify(managers.get("orders").getToken());
			assertThat(defaultToken.getClientId()).isEqualTo("default-client");
			assertThat(defaultToken.getScopes()).isEmpty();
			assertThat(ordersToken.getClientId()).isEqualTo("orders-client");
			assertThat(ordersToken.getScopes()).containsExactly("orders/read");
			assertThat(stub.getClientNames()).containsExactlyInAnyOrder("default", "orders");
		});
	}

	@Test
	void tokensAreDatedByTheClockOfTheTokenManagers() {
		Instant now = Instant.parse("2030-01-01T00:00:00Z");
		this.contextRunner
			.withBean(CognitoTokenClockCustomizer.class,
					() -> new CognitoTokenClockCustomizer(Clock.fixed(now, ZoneOffset.UTC)))
			.run((context) -> {
				CognitoAccessToken token = context.getBean(CognitoTokenManagers.class).get("orders").getAccessToken();
				assertThat(token.getIssuedAt()).isEqualTo(now);
				assertThat(CognitoTestToken.decode(token.getValue()).getIssuedAt()).isEqualTo(now);
				assertThat(token.getExpiresAt()).isEqualTo(now.plusSeconds(3600));
			});
	}

	@Test
	void issuerPropertySetsTheIssClaim() {
		this.contextRunner
			.withPropertyValues(
					"cognito.test.token-stub.issuer=https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Test")
			.run((context) -> assertThat(
					CognitoTestToken.decode(context.getBean(CognitoTokenManagers.class).get("orders").getToken())
						.getIssuer())
				.isEqualTo("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Test"));
	}

	@Test
	void stubBacksOffWhenTheContextDefinesItsOwnFetcherFactory() {
		this.contextRunner.withUserConfiguration(OwnFetcherFactoryConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(CognitoTokenStub.class);
			assertThat(context.getBean(CognitoTokenManagers.class).get("orders").getToken()).isEqualTo("own-token");
		});
	}

	@Test
	void disabledStubLeavesTheTokenEndpointClient() {
		this.contextRunner.withPropertyValues("cognito.test.token-stub.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CognitoTokenStub.class)
				.hasSingleBean(TokenEndpointClient.class));
	}

	@Test
	void lifetimeShorterThanOneSecondStopsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("cognito.test.token-stub.lifetime=500ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidCognitoPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("cognito.test.token-stub.lifetime");
					assertThat(ex.getMessage()).contains("is PT0.5S, shorter than 1s");
				}));
	}

	@Test
	void sharedRedisCacheIsKeptInMemoryWithoutRedis() {
		// no Redis connection factory: without the stub's store, startup would fail
		this.contextRunner.withPropertyValues("cognito.client.cache.type=redis").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SharedTokenStore.class)).isInstanceOf(InMemorySharedTokenStore.class);
			CognitoTokenManagers managers = context.getBean(CognitoTokenManagers.class);
			assertThat(CognitoTestToken.decode(managers.get("orders").getToken()).getClientId())
				.isEqualTo("orders-client");
			assertThat(CognitoTestToken.decode(managers.get("default").getToken()).getClientId())
				.isEqualTo("default-client");
		});
	}

	@Test
	void stubIsNotAnAutoConfigurationThatTheJarAloneActivates() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
			.contains(CognitoTokenAutoConfiguration.class.getName())
			.doesNotContain(CognitoTokenStubAutoConfiguration.class.getName(),
					CognitoRestClientTestAutoConfiguration.class.getName());
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFetcherFactoryConfiguration {

		@Bean
		CognitoTokenFetcherFactory ownFetcherFactory() {
			return (name, registration) -> () -> new CognitoAccessToken("own-token", Instant.now(),
					Instant.now().plusSeconds(3600));
		}

	}

}
