package dev.platen.auth;

import dev.platen.errors.PlatenException;
import dev.platen.store.ProjectStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an {@code Authorization} header into the calling project (project keys), the account (account keys) or the
 * admin, or refuses with 401. A revocation or a project's deletion holds from the next request on in the process
 * that made it, and within a second in every other one ({@link ProjectStore#findActiveKey}'s short trust).
 */
public final class Authenticator {
  private static final Logger log = LoggerFactory.getLogger(Authenticator.class);
  /** A key's {@code lastUsedAt} is written at most this often per process: a write per request would be the cost. */
  public static final long LAST_USED_RESOLUTION_MS = 60_000;

  private final ProjectStore projects;
  private final String adminKey;
  private final InstantSource clock;
  /** key id → when this process last wrote its lastUsedAt. */
  private final ConcurrentMap<String, Long> lastWritten = new ConcurrentHashMap<>();

  public Authenticator(ProjectStore projects, String adminKey) {
    this(projects, adminKey, InstantSource.system());
  }

  public Authenticator(ProjectStore projects, String adminKey, InstantSource clock) {
    this.projects = projects;
    this.adminKey = adminKey;
    this.clock = clock;
  }

  private static PlatenException unauthorized(String why) {
    return new PlatenException(401, "unauthorized", why);
  }

  /**
   * @param headers every Authorization header value sent (more than one is refused: which would we trust?)
   */
  public Principal project(List<String> headers) {
    String key = bearer(headers);
    if (AccountKeys.looksLikeOne(key)) {
      throw unauthorized("An account key (ck_acct_) only manages projects under /v1/projects; use a project key "
          + "(ck_live_ or ck_test_) here.");
    }
    if (!ApiKeys.hasKnownPrefix(key)) throw unauthorized("API keys start with ck_live_ or ck_test_.");
    ProjectStore.KeyOwner owner = projects.findActiveKey(ApiKeys.hash(key))
        .orElseThrow(() -> unauthorized("The API key is not valid or has been revoked."));
    // the reference's code for a key whose project no longer exists
    if (owner.projectDeleted()) throw new PlatenException(403, "forbidden", "The key's project has been deleted.");
    noteUse(owner.keyId());
    return new Principal(owner.projectId(), owner.keyId(), owner.test());
  }

  /** The account API ({@code /v1/projects*}) takes the account's {@code ck_acct_} key and nothing else. */
  public void account(List<String> headers) {
    String key = bearer(headers);
    if (!AccountKeys.looksLikeOne(key)) {
      throw unauthorized("The projects API takes the account key (ck_acct_…), not a project key.");
    }
    if (projects.findAccountKey(ApiKeys.hash(key)).isEmpty()) {
      throw unauthorized("The account key is not valid or has been rotated.");
    }
  }

  /**
   * Writes a key's lastUsedAt when this process has not written it for a minute. Two requests racing past the
   * check both write, which is harmless; a failed write only delays the timestamp, never the request.
   */
  private void noteUse(String keyId) {
    long now = clock.millis();
    Long last = lastWritten.get(keyId);
    if (last != null && now - last < LAST_USED_RESOLUTION_MS) return;
    lastWritten.put(keyId, now);
    try {
      projects.touchKey(keyId, now);
    } catch (RuntimeException e) {
      log.warn("lastUsedAt of key {} not written: {}", keyId, e.toString());
    }
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
