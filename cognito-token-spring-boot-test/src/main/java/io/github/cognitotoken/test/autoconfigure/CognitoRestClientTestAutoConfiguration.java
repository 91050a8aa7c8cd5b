package io.github.cognitotoken.test.autoconfigure;

import io.github.cognitotoken.autoconfigure.CognitoTokenAutoConfiguration;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Test auto-configuration, imported by
 * {@link AutoConfigureCognitoToken @AutoConfigureCognitoToken}, that makes the starter's
 * {@code RestClient} bean lazy: it is built from a {@code RestClient.Builder} only when
 * something injects it. Spring Boot's auto-configured {@code MockRestServiceServer} binds
 * to exactly one builder, so a test of a component that builds its own client from the
 * builder would otherwise fail with "MockServerRestClientCustomizer has been bound to
 * more than one RestClient".
 *
 * @author cognito-token contributors
 */
@AutoConfiguration(after = CognitoTokenAutoConfiguration.class)
final class CognitoRestClientTestAutoConfiguration {

	/**
	 * The name of the starter's {@code RestClient} bean.
	 */
	static final String REST_CLIENT_BEAN = "cognitoRestClient";

	@Bean
	static BeanFactoryPostProcessor cognitoRestClientLazyInitPostProcessor() {
		return (beanFactory) -> {
			if (beanFactory.containsBeanDefinition(REST_CLIENT_BEAN)) {
				BeanDefinition definition = beanFactory.getBeanDefinition(REST_CLIENT_BEAN);
				definition.setLazyInit(true);
			}
		};
	}

}
