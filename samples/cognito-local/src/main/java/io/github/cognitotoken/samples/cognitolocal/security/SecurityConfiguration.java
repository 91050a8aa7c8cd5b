package io.github.cognitotoken.samples.cognitolocal.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.github.cognitotoken.samples.cognitolocal.CognitoLocalProperties;
import io.github.cognitotoken.samples.cognitolocal.token.SigningKey;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Security of the stand-in: the token endpoint, the JWKS and {@code /admin/**} are
 * public; {@code GET /api/orders} needs an access token from this stand-in with scope
 * {@code orders/read}, {@code GET /api/invoices} one with scope {@code billing/read}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers("/oauth2/token", "/.well-known/jwks.json", "/admin/**", "/error")
					.permitAll()
					.requestMatchers(HttpMethod.GET, "/api/orders")
					.hasAuthority("SCOPE_orders/read")
					.requestMatchers(HttpMethod.GET, "/api/invoices")
					.hasAuthority("SCOPE_billing/read")
					.anyRequest()
					.authenticated());
		// Stateless, cookie-less API: no session, so no CSRF protection is needed
		http.csrf((csrf) -> csrf.disable());
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.requestCache((cache) -> cache.disable());
		http.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()));
		return http.build();
	}

	/**
	 * Decodes access tokens signed by this stand-in and validates expiry (against the
	 * injected clock, no clock skew), issuer and {@code token_use}.
	 * @param signingKey the signing key
	 * @param clock the clock
	 * @param properties the properties
	 * @return the decoder
	 */
	@Bean
	JwtDecoder jwtDecoder(SigningKey signingKey, Clock clock, CognitoLocalProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(signingKey.publicKey())
			.signatureAlgorithm(SignatureAlgorithm.RS256)
			.build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
		timestamps.setClock(clock);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull), timestamps,
				new JwtIssuerValidator(properties.issuer()), new JwtClaimValidator<>("token_use", "access"::equals)));
		return decoder;
	}

}
