package io.github.cognitotoken.autoconfigure;

import io.github.cognitotoken.http.CognitoBearerTokenInterceptor;
import io.github.cognitotoken.http.CognitoClientAttributes;

import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import org.springframework.web.service.registry.HttpServiceGroup;

/**
 * Binds the {@code RestClient} based HTTP service groups to their Cognito clients: the
 * interceptor that the {@code RestClientCustomizer} added to a group's client is replaced
 * by one that knows the group's client, and every group honours
 * {@link io.github.cognitotoken.http.CognitoClient @CognitoClient}.
 *
 * @author cognito-token contributors
 */
class CognitoRestClientHttpServiceGroupConfigurer implements RestClientHttpServiceGroupConfigurer {

	/**
	 * After Spring Boot's configurer that applies the customizers (order 0).
	 */
	static final int ORDER = 10;

	private final CognitoBearerTokenInterceptor interceptor;

	CognitoRestClientHttpServiceGroupConfigurer(CognitoBearerTokenInterceptor interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void configureGroups(Groups<RestClient.Builder> groups) {
		groups.forEachGroup(this::configureGroup);
	}

	private void configureGroup(HttpServiceGroup group, RestClient.Builder clientBuilder,
			HttpServiceProxyFactory.Builder factoryBuilder) {
		this.interceptor.getRouter()
			.checkClientChoices(group.httpServiceTypes(), "HTTP service group '" + group.name() + "'");
		factoryBuilder.httpRequestValuesProcessor(CognitoClientAttributes.requestValuesProcessor());
		CognitoBearerTokenInterceptor groupInterceptor = this.interceptor.forGroup(group.name());
		if (groupInterceptor != this.interceptor) {
			clientBuilder.requestInterceptors((interceptors) -> interceptors
				.replaceAll((candidate) -> (candidate == this.interceptor) ? groupInterceptor : candidate));
		}
	}

}
