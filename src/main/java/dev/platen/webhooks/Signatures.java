package dev.platen.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature receivers check: lower-case hex HMAC-SHA256 of the raw body, keyed by the whole secret string
 * ({@code whsec_…}) as UTF-8, no {@code sha256=} prefix (spec §f.2). docs/webhooks.md shows the receiver's side.
 */
public final class Signatures {
  private Signatures() {}

  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
