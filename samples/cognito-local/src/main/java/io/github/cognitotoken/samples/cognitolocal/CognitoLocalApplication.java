package io.github.cognitotoken.samples.cognitolocal;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Entry point of the local Cognito token endpoint stand-in.
 */
@SpringBootApplication
@EnableConfigurationProperties(CognitoLocalProperties.class)
public class CognitoLocalApplication {

	/**
	 * The clock used to issue and to validate tokens; tests replace it to move time.
	 * @return the system UTC clock
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	public static void main(String[] args) {
		SpringApplication.run(CognitoLocalApplication.class, args);
	}

}
