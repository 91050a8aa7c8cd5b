package io.github.cognitotoken.autoconfigure.openfeign;

import feign.RequestInterceptor;
import io.github.cognitotoken.autoconfigure.CognitoTokenAutoConfiguration;
import io.github.cognitotoken.autoconfigure.ConditionalOnCognitoTokenSource;
import io.github.cognitotoken.http.feign.CognitoFeignCapability;
import io.github.cognitotoken.http.feign.CognitoFeignRequestInterceptor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.openfeign.FeignClientFactory;
import org.springframework.cloud.openfeign.FeignClientSpecification;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that gives every Spring Cloud OpenFeign client the bearer token: a
 * {@link CognitoFeignRequestInterceptor} and its {@link CognitoFeignCapability} in the
 * child context of each Feign client, through a default Feign client configuration (as
 * {@code @EnableFeignClients(defaultConfiguration = ...)} would add). Each Feign client's
 * interceptor knows its context id, so that {@code cognito.client.feign-clients} and
 * {@code cognito.clients.<name>.feign-clients} bind it to a Cognito client.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = CognitoTokenAutoConfiguration.class)
@ConditionalOnClass({ RequestInterceptor.class, FeignClientFactory.class })
@ConditionalOnCognitoTokenSource
public final class CognitoTokenFeignAutoConfiguration {

	/**
	 * Name of the specification: Spring Cloud applies the configuration of every
	 * specification whose name starts with {@code default.} to every Feign client.
	 */
	static final String SPECIFICATION_NAME = "default." + CognitoFeignClientConfiguration.class.getName();

	@Bean
	@ConditionalOnMissingBean(name = "cognitoFeignClientSpecification")
	FeignClientSpecification cognitoFeignClientSpecification() {
		return new FeignClientSpecification(SPECIFICATION_NAME, CognitoTokenFeignAutoConfiguration.class.getName(),
				new Class<?>[] { CognitoFeignClientConfiguration.class });
	}

}
