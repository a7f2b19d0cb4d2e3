package dev.platen.auth;

import dev.platen.errors.PlatenException;
import dev.platen.store.ProjectStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** Turns an {@code Authorization} header into the calling project, or refuses with 401. */
public final class Authenticator {
  private final ProjectStore projects;
  private final String adminKey;

  public Authenticator(ProjectStore projects, String adminKey) {
    this.projects = projects;
    this.adminKey = adminKey;
  }

  private static PlatenException unauthorized(String why) {
    return new PlatenException(401, "unauthorized", why);
  }

  /**
   * @param headers every Authorization header value sent (more than one is refused: which would we trust?)
   */
  public Principal project(List<String> headers) {
    String key = bearer(headers);
    if (!ApiKeys.hasKnownPrefix(key)) throw unauthorized("API keys start with ck_live_ or ck_test_.");
    return projects.findActiveKey(ApiKeys.hash(key))
        .map(o -> new Principal(o.projectId(), o.keyId(), o.test()))
        .orElseThrow(() -> unauthorized("The API key is not valid or has been revoked."));
  }

  public boolean adminEnabled() { return adminKey != null; }

  /** Admin endpoints compare against PLATEN_ADMIN_KEY only, in constant time; project keys never pass. */
  public void admin(List<String> headers) {
    // Not bearer's hint at project keys: those never pass here.
    if (headers == null || headers.isEmpty()) {
      throw unauthorized("Send the admin key: Authorization: Bearer <admin key>.");
    }
    String key = bearer(headers);
    boolean ok = adminKey != null && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
        adminKey.getBytes(StandardCharsets.UTF_8));
    if (!ok) throw unauthorized("The admin key is not valid.");
  }

  private static String bearer(List<String> headers) {
    if (headers == null || headers.isEmpty()) throw unauthorized("Send an API key: Authorization: Bearer ck_live_….");
    if (headers.size() > 1) throw unauthorized("Send exactly one Authorization header.");
    String h = headers.get(0).trim();
    if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized("The Authorization header must be 'Bearer <key>'.");
    }
    String key = h.substring(7).trim();
    if (key.isEmpty() || key.length() > 512) throw unauthorized("The API key is not valid or has been revoked.");
    return key;
  }
}
