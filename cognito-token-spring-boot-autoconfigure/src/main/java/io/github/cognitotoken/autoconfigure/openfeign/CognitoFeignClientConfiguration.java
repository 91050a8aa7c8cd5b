package io.github.cognitotoken.autoconfigure.openfeign;

import io.github.cognitotoken.CognitoTokenManager;
import io.github.cognitotoken.autoconfigure.CognitoClientProperties;
import io.github.cognitotoken.http.CognitoClientRouter;
import io.github.cognitotoken.http.TargetHostMatcher;
import io.github.cognitotoken.http.feign.CognitoFeignCapability;
import io.github.cognitotoken.http.feign.CognitoFeignRequestInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Configuration of the child context of each Feign client, never of the application
 * context: a top-level class, so that no auto-configuration takes it in as a member, and
 * without {@code @Configuration}, so that no component scan does.
 *
 * @author cognito-token contributors
 */
class CognitoFeignClientConfiguration {

	/**
	 * The property that Spring Cloud sets, in the child context of a Feign client, to the
	 * client's context id.
	 */
	static final String CLIENT_NAME_PROPERTY = "spring.cloud.openfeign.client.name";

	@Bean
	@ConditionalOnMissingBean
	CognitoFeignRequestInterceptor cognitoFeignRequestInterceptor(ObjectProvider<CognitoClientRouter> router,
			ObjectProvider<CognitoTokenManager> tokenManager, ObjectProvider<TargetHostMatcher> targetHosts,
			ObjectProvider<CognitoClientProperties> properties, Environment environment) {
		String contextId = environment.getProperty(CLIENT_NAME_PROPERTY);
		CognitoClientRouter clientRouter = router.getIfUnique();
		if (clientRouter == null) {
			// a CognitoTokenManager bean of the user's own, without cognito.client.*
			CognitoClientProperties clientProperties = properties.getIfAvailable();
			boolean retryOnUnauthorized = (clientProperties == null) || clientProperties.isRetryOnUnauthorized();
			// never every host because two matchers are ambiguous: getIfAvailable fails
			// then
			clientRouter = CognitoClientRouter.single(tokenManager.getObject(),
					targetHosts.getIfAvailable(TargetHostMatcher::anyHost), retryOnUnauthorized);
		}
		return new CognitoFeignRequestInterceptor(clientRouter, contextId);
	}

	@Bean
	@ConditionalOnMissingBean
	CognitoFeignCapability cognitoFeignCapability(CognitoFeignRequestInterceptor interceptor) {
		return interceptor.capability();
	}

}
