package io.github.cognitotoken.samples.cognitolocal.token;

import io.github.cognitotoken.samples.cognitolocal.token.TokenRequestCounter.Counts;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exposes the token counts at {@code /admin/token-requests} as
 * {@code {"issued":N,"failed":M,"issuedByClient":{"<client id>":N}}}; {@code DELETE}
 * resets them.
 */
@RestController
public class TokenRequestCounterController {

	private final TokenRequestCounter counter;

	public TokenRequestCounterController(TokenRequestCounter counter) {
		this.counter = counter;
	}

	@GetMapping("/admin/token-requests")
	Counts counts() {
		return this.counter.counts();
	}

	@DeleteMapping("/admin/token-requests")
	ResponseEntity<Void> reset() {
		this.counter.reset();
		return ResponseEntity.noContent().build();
	}

}
