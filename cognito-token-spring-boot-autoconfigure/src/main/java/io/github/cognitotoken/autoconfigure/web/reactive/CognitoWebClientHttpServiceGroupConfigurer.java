package io.github.cognitotoken.autoconfigure.web.reactive;

import io.github.cognitotoken.http.CognitoClientAttributes;
import io.github.cognitotoken.http.reactive.CognitoBearerTokenExchangeFilterFunction;

import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import org.springframework.web.service.registry.HttpServiceGroup;

/**
 * Binds the {@code WebClient} based HTTP service groups to their Cognito clients: the
 * filter that the {@code WebClientCustomizer} added to a group's client is replaced by
 * one that knows the group's client, and every group honours
 * {@link io.github.cognitotoken.http.CognitoClient @CognitoClient}.
 *
 * @author cognito-token contributors
 */
class CognitoWebClientHttpServiceGroupConfigurer implements WebClientHttpServiceGroupConfigurer {

	/**
	 * After Spring Boot's configurer that applies the customizers (order 0).
	 */
	static final int ORDER = 10;

	private final CognitoBearerTokenExchangeFilterFunction filter;

	CognitoWebClientHttpServiceGroupConfigurer(CognitoBearerTokenExchangeFilterFunction filter) {
		this.filter = filter;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void configureGroups(Groups<WebClient.Builder> groups) {
		groups.forEachGroup(this::configureGroup);
	}

	private void configureGroup(HttpServiceGroup group, WebClient.Builder clientBuilder,
			HttpServiceProxyFactory.Builder factoryBuilder) {
		this.filter.getRouter()
			.checkClientChoices(group.httpServiceTypes(), "HTTP service group '" + group.name() + "'");
		factoryBuilder.httpRequestValuesProcessor(CognitoClientAttributes.requestValuesProcessor());
		CognitoBearerTokenExchangeFilterFunction groupFilter = this.filter.forGroup(group.name());
		if (groupFilter != this.filter) {
			clientBuilder.filters((filters) -> filters
				.replaceAll((candidate) -> (candidate == this.filter) ? groupFilter : candidate));
		}
	}

}
