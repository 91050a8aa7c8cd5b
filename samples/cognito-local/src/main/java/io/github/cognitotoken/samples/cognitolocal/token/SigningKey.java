package io.github.cognitotoken.samples.cognitolocal.token;

import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import org.springframework.stereotype.Component;

/**
 * The RSA key pair that signs access tokens, generated (2048 bits) at startup and never
 * persisted.
 */
@Component
public class SigningKey {

	private final RSAKey rsaKey;

	public SigningKey() {
		try {
			this.rsaKey = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyID(UUID.randomUUID().toString())
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unable to generate the RSA signing key", ex);
		}
	}

	/**
	 * Return the key pair, private part included.
	 * @return the RSA JWK
	 */
	RSAKey rsaKey() {
		return this.rsaKey;
	}

	/**
	 * Return the key id, the {@code kid} header of every token.
	 * @return the key id
	 */
	public String keyId() {
		return this.rsaKey.getKeyID();
	}

	/**
	 * Return the public key that verifies tokens.
	 * @return the public key
	 */
	public RSAPublicKey publicKey() {
		try {
			return this.rsaKey.toRSAPublicKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unable to read the RSA public key", ex);
		}
	}

	/**
	 * Return the public JWK set, as served at {@code /.well-known/jwks.json}.
	 * @return the JWK set as a JSON object
	 */
	public Map<String, Object> publicJwkSet() {
		return new JWKSet(this.rsaKey.toPublicJWK()).toJSONObject(true);
	}

}
