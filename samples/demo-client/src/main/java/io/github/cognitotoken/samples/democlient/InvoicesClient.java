package io.github.cognitotoken.samples.democlient;

import org.springframework.http.ResponseEntity;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The billing API, as a declarative HTTP client of the {@code billing} HTTP service
 * group. It needs no Cognito code:
 * {@code cognito.clients.billing.http-service-groups=billing} gives every request of the
 * group the billing client's token.
 */
@HttpExchange("/api/invoices")
public interface InvoicesClient {

	@GetExchange
	ResponseEntity<String> invoices();

}
