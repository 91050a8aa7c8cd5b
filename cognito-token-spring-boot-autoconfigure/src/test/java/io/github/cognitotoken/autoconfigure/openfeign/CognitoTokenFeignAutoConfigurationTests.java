package io.github.cognitotoken.autoconfigure.openfeign;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import feign.Capability;
import feign.RequestInterceptor;
import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.autoconfigure.CognitoTokenAutoConfiguration;
import io.github.cognitotoken.autoconfigure.CognitoTokenFetcherFactory;
import io.github.cognitotoken.autoconfigure.InvalidCognitoPropertyException;
import io.github.cognitotoken.http.CognitoClient;
import io.github.cognitotoken.http.CognitoClientRouter;
import io.github.cognitotoken.http.feign.CognitoFeignCapability;
import io.github.cognitotoken.http.feign.CognitoFeignRequestInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignAutoConfiguration;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.cloud.openfeign.FeignClientFactory;
import org.springframework.cloud.openfeign.FeignClientSpecification;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link CognitoTokenFeignAutoConfiguration}: when it applies, what each Feign
 * client's context gets, and the startup failures of a wrong binding.
 */
class CognitoTokenFeignAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CognitoTokenAutoConfiguration.class,
				CognitoTokenFeignAutoConfiguration.class, FeignAutoConfiguration.class))
		.withBean(CognitoTokenFetcherFactory.class, () -> (name, registration) -> () -> {
			Instant now = Instant.now();
			return new CognitoAccessToken(name + "-token", now, now.plus(Duration.ofHours(1)));
		})
		.withPropertyValues("cognito.client.client-id=orders-client", "cognito.client.client-secret=orders-secret",
				"cognito.client.token-endpoint=https://example.auth.eu-west-1.amazoncognito.com/oauth2/token",
				"cognito.client.target-hosts=orders.example.com", "cognito.clients.billing.client-id=billing-client",
				"cognito.clients.billing.client-secret=billing-secret",
				"cognito.clients.billing.target-hosts=billing.example.com");

	@Test
	void everyFeignClientGetsAnInterceptorAndCapabilityThatKnowItsContextId() {
		this.runner.withUserConfiguration(FeignClients.class)
			.withPropertyValues("cognito.clients.billing.feign-clients=billing-admin")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				FeignClientFactory feign = context.getBean(FeignClientFactory.class);
				Map<String, RequestInterceptor> interceptors = feign.getInstances("billing-admin",
						RequestInterceptor.class);
				assertThat(interceptors).hasSize(1);
				CognitoFeignRequestInterceptor interceptor = (CognitoFeignRequestInterceptor) interceptors.values()
					.iterator()
					.next();
				assertThat(interceptor.getRouter()).isSameAs(context.getBean(CognitoClientRouter.class));
				assertThat(interceptor.getRouter().clientOfFeignClient("billing-admin")).isEqualTo("billing");
				assertThat(feign.getInstances("billing-admin", Capability.class).values())
					.containsExactly(interceptor.capability());
				// one per Feign client context, none in the application context
				assertThat(feign.getInstance("orders", CognitoFeignRequestInterceptor.class)).isNotSameAs(interceptor);
				assertThat(context).doesNotHaveBean(CognitoFeignRequestInterceptor.class);
			});
	}

	@Test
	void interceptorOfTheApplicationsOwnIsUsedByEveryFeignClient() {
		this.runner.withUserConfiguration(FeignClients.class, OwnInterceptor.class).run((context) -> {
			assertThat(context).hasNotFailed();
			FeignClientFactory feign = context.getBean(FeignClientFactory.class);
			CognitoFeignRequestInterceptor own = context.getBean(CognitoFeignRequestInterceptor.class);
			assertThat(feign.getInstances("orders", RequestInterceptor.class).values()).containsExactly(own);
			assertThat(feign.getInstances("orders", CognitoFeignCapability.class).values()).singleElement()
				.isSameAs(own.capability());
		});
	}

	@Test
	void twoClientsClaimingTheSameFeignClientFailStartupNamingBothProperties() {
		this.runner.withUserConfiguration(FeignClients.class)
			.withPropertyValues("cognito.client.feign-clients=orders",
					"cognito.clients.billing.feign-clients=invoices, orders")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidCognitoPropertyException.class)
					.hasMessageContaining("cognito.client.feign-clients and cognito.clients.billing.feign-clients "
							+ "both claim the Feign client 'orders': a Feign client belongs to one client");
			});
	}

	@Test
	void blankFeignClientEntryFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("cognito.clients.billing.feign-clients=invoices,,orders").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidCognitoPropertyException.class)
				.hasMessageContaining("cognito.clients.billing.feign-clients")
				.hasMessageContaining("contains an empty entry");
		});
	}

	@Test
	void feignClientsOfTheDefaultClientWithoutItsClientIdFailStartup() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CognitoTokenAutoConfiguration.class,
					CognitoTokenFeignAutoConfiguration.class, FeignAutoConfiguration.class))
			.withPropertyValues("cognito.client.feign-clients=orders",
					"cognito.client.token-endpoint=https://example.auth.eu-west-1.amazoncognito.com/oauth2/token",
					"cognito.clients.billing.client-id=billing-client",
					"cognito.clients.billing.client-secret=billing-secret")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidCognitoPropertyException.class)
					.hasMessageContaining("cognito.client.feign-clients")
					.hasMessageContaining("named clients do not inherit where the token goes");
			});
	}

	@Test
	void cognitoClientAnnotationNamingNoClientFailsStartupWhenTheFeignClientIsBuilt() {
		this.runner.withUserConfiguration(MisnamedFeignClient.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessage("@CognitoClient(\"biling\") on Feign client " + MisnamedClient.class.getName()
						+ ".invoices() names no configured Cognito client: the clients are [default, billing]. "
						+ "Configure cognito.clients.biling.client-id, or correct the name");
		});
	}

	@Test
	void backsOffWithoutOpenFeign() {
		this.runner.withClassLoader(new FilteredClassLoader(FeignClientFactory.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FeignClientSpecification.class));
	}

	@Test
	void backsOffWithoutACognitoClient() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CognitoTokenAutoConfiguration.class,
					CognitoTokenFeignAutoConfiguration.class, FeignAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FeignClientSpecification.class));
	}

	@FeignClient(name = "orders", url = "https://orders.example.com")
	interface OrdersClient {

		@GetMapping("/orders")
		String orders();

	}

	@FeignClient(name = "billing", contextId = "billing-admin", url = "https://billing.example.com")
	interface BillingAdminClient {

		@GetMapping("/invoices")
		String invoices();

	}

	@FeignClient(name = "billing", url = "https://billing.example.com")
	@CognitoClient("biling")
	interface MisnamedClient {

		@GetMapping("/invoices")
		String invoices();

	}

	@Configuration(proxyBeanMethods = false)
	@EnableFeignClients(clients = { OrdersClient.class, BillingAdminClient.class })
	static class FeignClients {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableFeignClients(clients = MisnamedClient.class)
	static class MisnamedFeignClient {

		// a Feign client is built when it is first injected
		@Bean
		Object invoicesService(MisnamedClient client) {
			return new Object();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnInterceptor {

		@Bean
		CognitoFeignRequestInterceptor ownCognitoFeignRequestInterceptor(CognitoClientRouter router) {
			return new CognitoFeignRequestInterceptor(router);
		}

	}

}
