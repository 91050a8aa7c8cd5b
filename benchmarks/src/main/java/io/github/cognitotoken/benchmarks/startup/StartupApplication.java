package io.github.cognitotoken.benchmarks.startup;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * The small application: auto-configuration and one {@link RestClient} built from Spring
 * Boot's {@code RestClient.Builder}. Launched without the starter on the class path, it
 * is the base line; with the starter (and its properties), the builder adds the bearer
 * token.
 *
 * @author cognito-token contributors
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class StartupApplication {

	/**
	 * Name of the application's {@link RestClient} bean.
	 */
	public static final String REST_CLIENT_BEAN = "benchmarkRestClient";

	@Bean(REST_CLIENT_BEAN)
	RestClient benchmarkRestClient(RestClient.Builder builder) {
		return builder.build();
	}

}
