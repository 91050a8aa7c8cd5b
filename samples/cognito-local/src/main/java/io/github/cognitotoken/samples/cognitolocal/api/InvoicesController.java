package io.github.cognitotoken.samples.cognitolocal.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A second demo API, billing, that needs a token with scope {@code billing/read}: the
 * token of another app client than the orders API's, so the demo shows two clients.
 */
@RestController
public class InvoicesController {

	private static final List<Invoice> INVOICES = List.of(new Invoice("invoice-2001", "order-1001", 2400, "PAID"),
			new Invoice("invoice-2002", "order-1002", 3600, "OPEN"));

	@GetMapping("/api/invoices")
	List<Invoice> invoices() {
		return INVOICES;
	}

}
