package io.github.cognitotoken.samples.cognitolocal.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs arbitrary claims, with the stand-in's own key or with a foreign one, to test what
 * the resource server rejects.
 */
public final class TestTokens {

	private TestTokens() {
	}

	/**
	 * Sign claims with the stand-in's key.
	 * @param signingKey the stand-in's key
	 * @param claims the claims
	 * @return the compact JWT
	 * @throws JOSEException on signing failure
	 */
	public static String signWith(SigningKey signingKey, JWTClaimsSet claims) throws JOSEException {
		return sign(signingKey.rsaKey(), claims);
	}

	/**
	 * Sign claims with a freshly generated key that has the same {@code kid} as the
	 * stand-in's key.
	 * @param signingKey the stand-in's key, for its key id
	 * @param claims the claims
	 * @return the compact JWT
	 * @throws JOSEException on signing failure
	 */
	public static String signWithForeignKey(SigningKey signingKey, JWTClaimsSet claims) throws JOSEException {
		return sign(new RSAKeyGenerator(2048).keyID(signingKey.keyId()).generate(), claims);
	}

	private static String sign(RSAKey key, JWTClaimsSet claims) throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
