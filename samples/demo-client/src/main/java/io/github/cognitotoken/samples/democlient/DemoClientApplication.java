package io.github.cognitotoken.samples.democlient;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Entry point of the demo client: runs {@link DemoRunner} once and exits with its status
 * (0 when every call succeeded).
 */
@SpringBootApplication
@EnableConfigurationProperties(DemoProperties.class)
@ImportHttpServices(group = "billing", types = InvoicesClient.class)
public class DemoClientApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(DemoClientApplication.class, args)));
	}

}
