package io.github.cognitotoken.test.autoconfigure;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * A component of a user's application that calls a Cognito-protected API with a
 * {@link RestClient} built from Spring Boot's builder.
 */
@Component
class OrdersClient {

	private final RestClient restClient;

	OrdersClient(RestClient.Builder builder) {
		this.restClient = builder.baseUrl("https://api.example.com").build();
	}

	String orders() {
		return this.restClient.get().uri("/orders").retrieve().body(String.class);
	}

}
