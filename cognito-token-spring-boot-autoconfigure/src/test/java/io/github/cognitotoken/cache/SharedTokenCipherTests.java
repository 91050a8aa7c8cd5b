package io.github.cognitotoken.cache;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import io.github.cognitotoken.CognitoAccessToken;
import io.github.cognitotoken.cache.SharedTokenCipher.UnreadableEntryException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SharedTokenCipher}.
 */
class SharedTokenCipherTests {

	private static final String KEY = "cognito-token:0123";

	private static final CognitoAccessToken TOKEN = new CognitoAccessToken("eyJ.test-token-value.sig",
			Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T01:00:00Z"));

	private final SharedTokenCipher cipher = new SharedTokenCipher("secret-1", KEY);

	@Test
	void entryRoundTripsTokenAndTimes() {
		CognitoAccessToken decrypted = this.cipher.decrypt(this.cipher.encrypt(TOKEN));
		assertThat(decrypted.getValue()).isEqualTo(TOKEN.getValue());
		assertThat(decrypted.getIssuedAt()).isEqualTo(TOKEN.getIssuedAt());
		assertThat(decrypted.getExpiresAt()).isEqualTo(TOKEN.getExpiresAt());
	}

	@Test
	void entryHidesTheTokenAndUsesAFreshNonceEachTime() {
		String entry = this.cipher.encrypt(TOKEN);
		assertThat(entry).startsWith("v1.").doesNotContain("test-token-value");
		byte[] decoded = Base64.getUrlDecoder().decode(entry.substring(3));
		assertThat(new String(decoded, StandardCharsets.ISO_8859_1)).doesNotContain("test-token-value");
		assertThat(this.cipher.encrypt(TOKEN)).isNotEqualTo(entry);
	}

	@Test
	void entryWrittenWithAnotherSecretFailsAuthentication() {
		String entry = new SharedTokenCipher("secret-2", KEY).encrypt(TOKEN);
		assertThatExceptionOfType(UnreadableEntryException.class).isThrownBy(() -> this.cipher.decrypt(entry))
			.withMessage("authentication failed");
	}

	@Test
	void entryCopiedFromAnotherKeyFailsAuthentication() {
		String entry = new SharedTokenCipher("secret-1", "cognito-token:4567").encrypt(TOKEN);
		assertThatExceptionOfType(UnreadableEntryException.class).isThrownBy(() -> this.cipher.decrypt(entry));
	}

	@Test
	void everyModifiedByteFailsAuthentication() {
		byte[] entry = Base64.getUrlDecoder().decode(this.cipher.encrypt(TOKEN).substring(3));
		for (int i = 0; i < entry.length; i++) {
			byte[] modified = entry.clone();
			modified[i] ^= 0x01;
			String tampered = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(modified);
			assertThatExceptionOfType(UnreadableEntryException.class).isThrownBy(() -> this.cipher.decrypt(tampered));
		}
	}

	@Test
	void malformedEntriesAreRejected() {
		for (String entry : new String[] { "", "plain-token", "v1.", "v1.!!!", "v1.AAAA", "v2.AAAA" }) {
			assertThatExceptionOfType(UnreadableEntryException.class).isThrownBy(() -> this.cipher.decrypt(entry));
		}
	}

	@Test
	void keyDerivationIsHkdfSha256() {
		// RFC 5869, test case 1: the first 32 bytes of the output key material
		byte[] ikm = HexFormat.of().parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
		byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c");
		byte[] info = HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9");
		assertThat(HexFormat.of().formatHex(SharedTokenCipher.hkdfSha256(ikm, salt, info)))
			.isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
	}

}
