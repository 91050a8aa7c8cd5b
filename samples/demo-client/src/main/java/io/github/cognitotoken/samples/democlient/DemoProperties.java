package io.github.cognitotoken.samples.democlient;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * What the demo does.
 *
 * @param calls how many times to call the API
 * @param path the path of the API, relative to {@code cognito.client.base-url}
 */
@ConfigurationProperties("demo")
public record DemoProperties(@DefaultValue("5") int calls, @DefaultValue("/api/orders") String path) {

	public DemoProperties {
		Assert.isTrue(calls >= 0, "'demo.calls' must not be negative");
		Assert.hasText(path, "'demo.path' must not be empty");
	}

}
