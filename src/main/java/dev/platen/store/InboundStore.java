package dev.platen.store;

import dev.platen.store.TemplateStore.TemplateRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Each template's inbound trigger: the token of its {@code /v1/hooks/:token} URL, the secret of its optional
 * signature, and whether the signature is required. Nothing is cached: a rotation or a change of
 * {@code requireSignature} holds for the next request on every process.
 */
public final class InboundStore {
  private final Database db;

  public InboundStore(Database db) {
    this.db = db;
  }

  /** A template's trigger as its owner sees it. */
  public record Inbound(String templateId, String token, String secret, boolean requireSignature) {}

  /** What a hook request resolves to: the trigger, its live template and the project that owns both. */
  public record Target(Inbound inbound, String projectId, TemplateRow template) {}

  private static final String COLS = "template_id, token, secret, require_signature";

  /** Mints the trigger of a new template, in the transaction that inserts it. */
  static void create(Handle h, String templateId, long now) {
    insertIfAbsent(h, templateId, now);
  }

  /** The template's trigger, minted now if the template predates triggers. */
  public Inbound get(String templateId, long now) {
    Optional<Inbound> existing = db.jdbi().withHandle(h -> find(h, templateId));
    return existing.orElseGet(() -> db.write(h -> {
      insertIfAbsent(h, templateId, now);
      return find(h, templateId).orElseThrow();
    }));
  }

  /** A new token and secret; the old token stops resolving when this commits. */
  public Inbound rotate(String templateId, long now) {
    return db.write(h -> {
      insertIfAbsent(h, templateId, now);
      String token = newToken();
      h.createUpdate("UPDATE template_inbound SET token_hash = :hash, token = :token, secret = :secret, "
              + "rotated_at = :now WHERE template_id = :id")
          .bind("hash", hash(token)).bind("token", token).bind("secret", newSecret()).bind("now", now)
          .bind("id", templateId).execute();
      return find(h, templateId).orElseThrow();
    });
  }

  public Inbound requireSignature(String templateId, boolean required, long now) {
    return db.write(h -> {
      insertIfAbsent(h, templateId, now);
      h.createUpdate("UPDATE template_inbound SET require_signature = :required WHERE template_id = :id")
          .bind("required", required).bind("id", templateId).execute();
      return find(h, templateId).orElseThrow();
    });
  }

  /**
   * The live template a hook token names. The lookup goes by the token's SHA-256, never by the token: a database
   * index (like {@code String.equals}) stops comparing at the first differing byte, so looking up the token itself
   * would let response times tell an attacker how much of a guess is right. Hashing first means the bytes compared
   * are a digest that a guess cannot steer toward the real one, so a wrong token costs the same as a right one up
   * to this point, whatever it shares with the real token.
   */
  public Optional<Target> findByToken(String token) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT " + COLS + ", project_id, " + TemplateStore.TEMPLATE_COLS
            + " FROM template_inbound JOIN templates ON templates.id = template_inbound.template_id "
            + "WHERE token_hash = :hash AND deleted_at IS NULL")
        .bind("hash", hash(token))
        .map((rs, ctx) -> new Target(new Inbound(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)),
            rs.getString(5), TemplateStore.templateRow(rs, 5)))
        .findOne());
  }

  private static Optional<Inbound> find(Handle h, String templateId) {
    return h.createQuery("SELECT " + COLS + " FROM template_inbound WHERE template_id = :id")
        .bind("id", templateId)
        .map((rs, ctx) -> new Inbound(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
        .findOne();
  }

  private static void insertIfAbsent(Handle h, String templateId, long now) {
    String token = newToken();
    h.createUpdate("INSERT INTO template_inbound (template_id, token_hash, token, secret, require_signature, "
            + "rotated_at) VALUES (:id, :hash, :token, :secret, :required, :now) ON CONFLICT (template_id) DO NOTHING")
        .bind("id", templateId).bind("hash", hash(token)).bind("token", token).bind("secret", newSecret())
        .bind("required", false).bind("now", now).execute();
  }

  /** 192 random bits, URL-safe: the whole credential of an unsigned hook. */
  private static String newToken() {
    return Ids.token(24);
  }

  private static String newSecret() {
    return "ihsec_" + Ids.token(32);
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
