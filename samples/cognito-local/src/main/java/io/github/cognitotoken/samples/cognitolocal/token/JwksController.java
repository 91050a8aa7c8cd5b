package io.github.cognitotoken.samples.cognitolocal.token;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the public signing key at {@code /.well-known/jwks.json}, like a Cognito user
 * pool does.
 */
@RestController
public class JwksController {

	private final SigningKey signingKey;

	public JwksController(SigningKey signingKey) {
		this.signingKey = signingKey;
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> jwks() {
		return this.signingKey.publicJwkSet();
	}

}
