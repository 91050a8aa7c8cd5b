package io.github.cognitotoken.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.github.cognitotoken.CognitoAccessToken;

import org.springframework.util.Assert;

/**
 * Encrypts and authenticates the entries of a shared token with AES-256-GCM, so that
 * whoever can read the store but lacks the client secret cannot use the tokens, and a
 * modified entry, an entry written with another secret or one copied from another key is
 * rejected.
 * <ul>
 * <li>Key: HKDF-SHA256 (RFC 5869) of the UTF-8 client secret, with the salt
 * {@value #SALT} and the info {@value #INFO_PREFIX} followed by the entry's key, 32
 * bytes.</li>
 * <li>Entry: {@code v1.} followed by the URL-safe Base64 of a random 96-bit nonce and the
 * ciphertext with its 128-bit tag. The plaintext holds the receipt and expiry times and
 * the token, so the times are authenticated with the token: an entry cannot be made to
 * look newer than it is, and an older one written back is recognised by its expiry.</li>
 * <li>Additional authenticated data: {@code v1.} followed by the entry's key.</li>
 * </ul>
 *
 * @author cognito-token contributors
 */
final class SharedTokenCipher {

	static final String SALT = "io.github.cognitotoken shared token cache";

	static final String INFO_PREFIX = "aes-256-gcm v1 ";

	private static final String VERSION = "v1.";

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private static final int NONCE_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private static final int TIMES_LENGTH = 2 * Long.BYTES;

	private static final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	private final byte[] associatedData;

	SharedTokenCipher(String clientSecret, String entryKey) {
		Assert.hasText(clientSecret, "'clientSecret' must not be empty");
		Assert.hasText(entryKey, "'entryKey' must not be empty");
		byte[] secret = clientSecret.getBytes(StandardCharsets.UTF_8);
		byte[] derived = hkdfSha256(secret, SALT.getBytes(StandardCharsets.UTF_8),
				(INFO_PREFIX + entryKey).getBytes(StandardCharsets.UTF_8));
		this.key = new SecretKeySpec(derived, "AES");
		Arrays.fill(secret, (byte) 0);
		Arrays.fill(derived, (byte) 0);
		this.associatedData = (VERSION + entryKey).getBytes(StandardCharsets.UTF_8);
	}

	String encrypt(CognitoAccessToken token) {
		byte[] value = token.getValue().getBytes(StandardCharsets.UTF_8);
		ByteBuffer plaintext = ByteBuffer.allocate(TIMES_LENGTH + value.length);
		plaintext.putLong(token.getIssuedAt().toEpochMilli()).putLong(token.getExpiresAt().toEpochMilli()).put(value);
		byte[] nonce = new byte[NONCE_LENGTH];
		random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(this.associatedData);
			byte[] ciphertext = cipher.doFinal(plaintext.array());
			byte[] entry = new byte[NONCE_LENGTH + ciphertext.length];
			System.arraycopy(nonce, 0, entry, 0, NONCE_LENGTH);
			System.arraycopy(ciphertext, 0, entry, NONCE_LENGTH, ciphertext.length);
			return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(entry);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
		finally {
			Arrays.fill(plaintext.array(), (byte) 0);
		}
	}

	/**
	 * Decrypt an entry.
	 * @param entry the stored entry
	 * @return the token
	 * @throws UnreadableEntryException if the entry is malformed or fails authentication
	 */
	CognitoAccessToken decrypt(String entry) {
		if (!entry.startsWith(VERSION)) {
			throw new UnreadableEntryException("unknown format");
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(entry.substring(VERSION.length()));
		}
		catch (IllegalArgumentException ex) {
			throw new UnreadableEntryException("not Base64");
		}
		if (bytes.length < NONCE_LENGTH + TAG_BITS / 8 + TIMES_LENGTH + 1) {
			throw new UnreadableEntryException("too short");
		}
		byte[] plaintext;
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_LENGTH));
			cipher.updateAAD(this.associatedData);
			plaintext = cipher.doFinal(bytes, NONCE_LENGTH, bytes.length - NONCE_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			// AEADBadTagException: another secret, another key, or modified
			throw new UnreadableEntryException("authentication failed");
		}
		try {
			ByteBuffer buffer = ByteBuffer.wrap(plaintext);
			Instant issuedAt = Instant.ofEpochMilli(buffer.getLong());
			Instant expiresAt = Instant.ofEpochMilli(buffer.getLong());
			String value = new String(plaintext, TIMES_LENGTH, plaintext.length - TIMES_LENGTH, StandardCharsets.UTF_8);
			if (!expiresAt.isAfter(issuedAt) || value.isBlank()) {
				throw new UnreadableEntryException("invalid content");
			}
			return new CognitoAccessToken(value, issuedAt, expiresAt);
		}
		finally {
			Arrays.fill(plaintext, (byte) 0);
		}
	}

	static byte[] hkdfSha256(byte[] inputKeyMaterial, byte[] salt, byte[] info) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(salt, "HmacSHA256"));
			byte[] pseudoRandomKey = mac.doFinal(inputKeyMaterial);
			// 32 bytes of output key material are one block: T(1) = HMAC(PRK, info |
			// 0x01)
			mac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
			mac.update(info);
			mac.update((byte) 1);
			byte[] okm = mac.doFinal();
			Arrays.fill(pseudoRandomKey, (byte) 0);
			return okm;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * Thrown when an entry cannot be used. The message says why in a few words and never
	 * contains the entry.
	 */
	static final class UnreadableEntryException extends RuntimeException {

		UnreadableEntryException(String reason) {
			super(reason, null, false, false);
		}

	}

}
