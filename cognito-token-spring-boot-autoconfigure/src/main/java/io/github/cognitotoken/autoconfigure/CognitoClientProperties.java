package io.github.cognitotoken.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.cognitotoken.endpoint.ClientAuthenticationMethod;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Cognito app client whose tokens the HTTP clients carry.
 *
 * @author cognito-token contributors
 */
@ConfigurationProperties("cognito.client")
public class CognitoClientProperties implements InitializingBean {

	/**
	 * Whether to enable the Cognito token auto-configuration.
	 */
	private boolean enabled = true;

	/**
	 * Client ID of the Cognito app client. The auto-configuration activates when it is
	 * set.
	 */
	private @Nullable String clientId;

	/**
	 * Client secret of the Cognito app client.
	 */
	private @Nullable String clientSecret;

	/**
	 * Absolute URL of the token endpoint, such as
	 * https://<domain>.auth.<region>.amazoncognito.com/oauth2/token. Must use https,
	 * except for a loopback host (localhost, 127.0.0.1, [::1]).
	 */
	private @Nullable String tokenEndpoint;

	/**
	 * Scopes to request, such as orders/read; sent space-separated. When empty, Cognito
	 * grants every custom scope enabled on the app client.
	 */
	private List<String> scope = new ArrayList<>();

	/**
	 * How the client authenticates to the token endpoint: client_secret_basic (HTTP
	 * Basic) or client_secret_post (credentials in the form body).
	 */
	private ClientAuthenticationMethod clientAuthenticationMethod = ClientAuthenticationMethod.CLIENT_SECRET_BASIC;

	/**
	 * Connect timeout for token requests.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Read timeout for token requests.
	 */
	private Duration readTimeout = Duration.ofSeconds(10);

	/**
	 * How long before its expiry a token stops being used. Capped at half of the token's
	 * lifetime, so short-lived tokens are still reused.
	 */
	private Duration clockSkew = Duration.ofSeconds(60);

	/**
	 * Whether startup waits for the first token and fails when it cannot be obtained.
	 * When false, the first token is fetched in the background while the application
	 * starts.
	 */
	private boolean failFast;

	/**
	 * Hosts that receive the token, each a host name or a *.domain pattern. When empty,
	 * every request from the customized RestClient and RestTemplate builders gets it.
	 */
	private List<String> targetHosts = new ArrayList<>();

	/**
	 * Base URL of the auto-configured RestClient.
	 */
	private @Nullable String baseUrl;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public @Nullable String getTokenEndpoint() {
		return this.tokenEndpoint;
	}

	public void setTokenEndpoint(@Nullable String tokenEndpoint) {
		this.tokenEndpoint = tokenEndpoint;
	}

	public List<String> getScope() {
		return this.scope;
	}

	public void setScope(List<String> scope) {
		this.scope = scope;
	}

	public ClientAuthenticationMethod getClientAuthenticationMethod() {
		return this.clientAuthenticationMethod;
	}

	public void setClientAuthenticationMethod(ClientAuthenticationMethod clientAuthenticationMethod) {
		this.clientAuthenticationMethod = clientAuthenticationMethod;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public Duration getClockSkew() {
		return this.clockSkew;
	}

	public void setClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	public List<String> getTargetHosts() {
		return this.targetHosts;
	}

	public void setTargetHosts(List<String> targetHosts) {
		this.targetHosts = targetHosts;
	}

	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	@Override
	public void afterPropertiesSet() {
		CognitoClientPropertiesValidator.validate(this);
	}

}
