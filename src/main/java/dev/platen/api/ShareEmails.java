package dev.platen.api;

import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import dev.platen.mail.MailFailure;
import dev.platen.sharing.Sharing;
import java.io.IOException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Sending a render's share link by e-mail from a {@code POST /v1/renders/:id/email} body: the checks, the send and
 * what each failure answers. The API and the dashboard's e-mail form both come here.
 */
public final class ShareEmails {
  private static final Logger log = LoggerFactory.getLogger(ShareEmails.class);

  private ShareEmails() {}

  /**
   * @param body {@code {to, recipientName?, message?, expiresAt?}}
   * @param document the render to share, looked up (404, 409 when not succeeded) once the body is known to be valid
   * @throws PlatenException 400 for a bad body, 503 {@code email_not_configured}, 502 {@code email_send_failed}, 503
   *     {@code storage_unavailable}
   */
  public static Sharing.Emailed send(Sharing sharing, JsonNode body, Supplier<Sharing.Document> document,
      Sharing.Requester requester) {
    Issues issues = new Issues();
    String to = SharesApi.email(body, "to", true, issues);
    String name = SharesApi.text(body, "recipientName", SharesApi.MAX_NAME, issues);
    if (name != null && name.chars().anyMatch(Character::isISOControl)) {
      issues.add("recipientName", "Must not contain line breaks or control characters.");
    }
    String message = SharesApi.text(body, "message", SharesApi.MAX_MESSAGE, issues);
    Long expiresAt = SharesApi.instant(body, "expiresAt", issues);
    issues.throwIfAnyAsInvalidRequest();
    Sharing.Document d = document.get();
    if (!sharing.emailConfigured()) {
      throw new PlatenException(503, "email_not_configured",
          "E-mail delivery is not configured: set PLATEN_SMTP_URL and PLATEN_EMAIL_FROM.");
    }
    try {
      return sharing.email(d, new Sharing.EmailRequest(to, name == null ? null : name.strip(), message, expiresAt),
          requester);
    } catch (MailFailure e) {
      log.warn("share e-mail for render {} not sent: {}", d.renderId(), e.getMessage());
      throw new PlatenException(502, "email_send_failed", e.getMessage());
    } catch (IOException e) {
      log.error("PDF of render {} could not be read for its e-mail: {}", d.renderId(), e.toString());
      throw new PlatenException(503, "storage_unavailable", "The PDF could not be read from storage; retry shortly.");
    }
  }
}
