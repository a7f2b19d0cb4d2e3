package dev.platen.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the one secret Platen must be able to read back: a provisioned project's key, returned again
 * on every provision call. The cipher key is derived from the admin key, so the database alone reveals nothing.
 */
public final class KeyCipher {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;

  public KeyCipher(String adminKey) {
    try {
      byte[] k = MessageDigest.getInstance("SHA-256")
          .digest(("platen-provision-v1:" + adminKey).getBytes(StandardCharsets.UTF_8));
      this.key = new SecretKeySpec(k, "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String encrypt(String plaintext) {
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + ct.length).put(iv).put(ct).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @throws IllegalStateException when the value was encrypted under another admin key */
  public String decrypt(String stored) {
    try {
      byte[] all = Base64.getDecoder().decode(stored);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
      return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the stored key cannot be decrypted with the current PLATEN_ADMIN_KEY", e);
    }
  }
}
