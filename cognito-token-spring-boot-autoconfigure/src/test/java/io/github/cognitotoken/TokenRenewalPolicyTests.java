package io.github.cognitotoken;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TokenRenewalPolicy}.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenRenewalPolicyTests {

	private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void oneHourTokenIsUsableUntilTheSkewAndRenewedRefreshAheadOfItsExpiry() {
		TokenRenewalPolicy policy = TokenRenewalPolicy.defaults();
		CognitoAccessToken token = token(Duration.ofHours(1));
		assertThat(policy.usableUntil(token)).isEqualTo(ISSUED.plus(Duration.ofMinutes(59)));
		assertThat(policy.renewalTime(token)).isEqualTo(ISSUED.plus(Duration.ofMinutes(55)));
		assertThat(policy.jitterBound(token)).isEqualTo(Duration.ofSeconds(30));
		assertThat(policy.freshnessThreshold(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(390));
	}

	@Test
	void shortTokenIsCappedAtHalfItsLifetime() {
		TokenRenewalPolicy policy = TokenRenewalPolicy.of(Duration.ofMinutes(5), Duration.ofMinutes(5));
		CognitoAccessToken token = token(Duration.ofMinutes(4));
		assertThat(policy.usableUntil(token)).isEqualTo(ISSUED.plus(Duration.ofMinutes(2)));
		// renewal at 90% of the usable time, while the token is still usable
		assertThat(policy.renewalTime(token)).isEqualTo(ISSUED.plus(Duration.ofSeconds(108)));
		assertThat(policy.jitterBound(token)).isEqualTo(Duration.ofMillis(10_800));
	}

	@Test
	void freshTokenLeavesMoreThanTheRenewalWindowJitterAndMargin() {
		TokenRenewalPolicy policy = TokenRenewalPolicy.defaults();
		CognitoAccessToken token = token(Duration.ofHours(1));
		assertThat(policy.isFresh(token, ISSUED.plus(Duration.ofSeconds(3600 - 391)))).isTrue();
		assertThat(policy.isFresh(token, ISSUED.plus(Duration.ofSeconds(3600 - 390)))).isFalse();
	}

	@Test
	void tokenOfAFewSecondsIsFreshOnlyWhileTheManagerWouldStillUseIt() {
		// renewal 1 ms before the expiry, no skew: the minimum usable time (1 s) decides
		TokenRenewalPolicy policy = TokenRenewalPolicy.of(Duration.ZERO, Duration.ofMillis(1));
		assertThat(policy.freshnessThreshold(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void longerThanADayIsClampedWithAWarning(CapturedOutput output) {
		TokenRenewalPolicy policy = TokenRenewalPolicy.of(Duration.ofDays(2), Duration.ofDays(3));
		assertThat(policy.getClockSkew()).isEqualTo(CognitoTokenManager.MAX_TIMING);
		assertThat(policy.getRefreshAhead()).isEqualTo(CognitoTokenManager.MAX_TIMING);
		assertThat(output).contains("clock skew PT48H is outside PT0S to PT24H")
			.contains("refresh-ahead time PT72H is outside PT0S to PT24H");
	}

	@Test
	void negativeTimesAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TokenRenewalPolicy.of(Duration.ofSeconds(-1), Duration.ZERO))
			.withMessage("'clockSkew' must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TokenRenewalPolicy.defaults().withRefreshAhead(Duration.ofSeconds(-1)))
			.withMessage("'refreshAhead' must not be negative");
	}

	@Test
	void policiesWithTheSameTimesAreEqual() {
		TokenRenewalPolicy policy = TokenRenewalPolicy.of(Duration.ofSeconds(60), Duration.ofMinutes(5));
		assertThat(policy).isEqualTo(TokenRenewalPolicy.defaults()).hasSameHashCodeAs(TokenRenewalPolicy.defaults());
		assertThat(policy.withClockSkew(Duration.ZERO)).isNotEqualTo(policy);
		assertThat(policy).hasToString("TokenRenewalPolicy[clockSkew=PT1M, refreshAhead=PT5M]");
	}

	private static CognitoAccessToken token(Duration lifetime) {
		return new CognitoAccessToken("token", ISSUED, ISSUED.plus(lifetime));
	}

}
