package io.github.cognitotoken.samples.cognitolocal.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo API: {@code GET /api/orders}, which needs an access token with scope
 * {@code orders/read}.
 */
@RestController
public class OrdersController {

	private static final List<Order> ORDERS = List.of(new Order("order-1001", "coffee beans", 2, "SHIPPED"),
			new Order("order-1002", "espresso cups", 6, "PROCESSING"),
			new Order("order-1003", "milk frother", 1, "DELIVERED"));

	@GetMapping("/api/orders")
	List<Order> orders() {
		return ORDERS;
	}

}
