package io.github.cognitotoken.samples.cognitolocal.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.cognitotoken.samples.cognitolocal.CognitoLocalProperties;

import org.springframework.stereotype.Component;

/**
 * Issues access tokens shaped like Cognito's client-credentials access tokens: RS256 with
 * a {@code kid} header, claims {@code sub}, {@code token_use}, {@code scope},
 * {@code auth_time}, {@code iss}, {@code exp}, {@code iat}, {@code version}, {@code jti}
 * and {@code client_id}, and no {@code aud}.
 */
@Component
public class TokenIssuer {

	private final SigningKey signingKey;

	private final RSASSASigner signer;

	private final Clock clock;

	private final String issuer;

	private final Duration lifetime;

	public TokenIssuer(SigningKey signingKey, Clock clock, CognitoLocalProperties properties) {
		this.signingKey = signingKey;
		try {
			this.signer = new RSASSASigner(signingKey.rsaKey());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unable to create the token signer", ex);
		}
		this.clock = clock;
		this.issuer = properties.issuer();
		this.lifetime = properties.accessTokenLifetime();
	}

	/**
	 * Issue a signed access token.
	 * @param clientId the authenticated client
	 * @param scopes the granted scopes
	 * @return the token
	 */
	public IssuedToken issue(String clientId, List<String> scopes) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = now.plus(this.lifetime);
		// Same claim order as Cognito's access tokens
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(clientId)
			.claim("token_use", "access")
			.claim("scope", String.join(" ", scopes))
			.claim("auth_time", now.getEpochSecond())
			.issuer(this.issuer)
			.expirationTime(Date.from(expiresAt))
			.issueTime(Date.from(now))
			.claim("version", 2)
			.jwtID(UUID.randomUUID().toString())
			.claim("client_id", clientId)
			.build();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.signingKey.keyId()).build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unable to sign the access token", ex);
		}
		return new IssuedToken(jwt.serialize(), this.lifetime.getSeconds());
	}

	/**
	 * A signed access token and its lifetime.
	 *
	 * @param value the compact JWT; never log it
	 * @param expiresIn the lifetime in seconds
	 */
	public record IssuedToken(String value, long expiresIn) {

		@Override
		public String toString() {
			return "IssuedToken[value=******, expiresIn=" + this.expiresIn + "]";
		}

	}

}
