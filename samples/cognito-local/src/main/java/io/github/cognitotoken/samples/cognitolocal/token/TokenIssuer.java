package io.github.cognitotoken.samples.cognitolocal.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * and {@code client_id}, and no {@code aud}; plus {@code client_metadata} when the token
 * request sent {@code aws_client_metadata}.
 */
@Component
public class TokenIssuer {

	/**
	 * Name of the claim that holds the client metadata of the token request.
	 */
	public static final String CLIENT_METADATA_CLAIM = "client_metadata";

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
		return issue(clientId, scopes, Map.of());
	}

	/**
	 * Issue a signed access token with the client metadata of the token request in its
	 * {@code client_metadata} claim, as a pre token generation Lambda trigger that copies
	 * it would.
	 * @param clientId the authenticated client
	 * @param scopes the granted scopes
	 * @param clientMetadata the client metadata of the token request; when empty the
	 * token has no {@code client_metadata} claim
	 * @return the token
	 */
	public IssuedToken issue(String clientId, List<String> scopes, Map<String, String> clientMetadata) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = now.plus(this.lifetime);
		// Same claim order as Cognito's access tokens
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(clientId)
			.claim("token_use", "access")
			.claim("scope", String.join(" ", scopes))
			.claim("auth_time", now.getEpochSecond())
			.issuer(this.issuer)
			.expirationTime(Date.from(expiresAt))
			.issueTime(Date.from(now))
			.claim("version", 2)
			.jwtID(UUID.randomUUID().toString())
			.claim("client_id", clientId);
		if (!clientMetadata.isEmpty()) {
			// a JSON object claim, added last as a Lambda's claimsToAddOrOverride would
			// be
			claims.claim(CLIENT_METADATA_CLAIM, new LinkedHashMap<>(clientMetadata));
		}
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.signingKey.keyId()).build();
		SignedJWT jwt = new SignedJWT(header, claims.build());
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
