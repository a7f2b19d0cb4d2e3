package dev.platen.sharing;

import dev.platen.blob.BlobStore;
import dev.platen.mail.MailFailure;
import dev.platen.mail.Mailer;
import dev.platen.mail.OutgoingMail;
import dev.platen.sharing.EngagementStore.NewEvent;
import dev.platen.sharing.EngagementStore.Summary;
import dev.platen.sharing.ShareStore.Revoked;
import dev.platen.sharing.ShareStore.Share;
import dev.platen.sharing.ShareStore.SharedFile;
import dev.platen.store.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Share links, their e-mail delivery and what readers do with them. Every fact (a share made or revoked, an e-mail
 * sent, a view) is an engagement event written together with its {@code document.*} outbox message.
 */
public final class Sharing {
  /** A larger PDF is not attached; the e-mail's link still reaches it. */
  public static final int MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
  private static final Pattern TOKEN = Pattern.compile("cks_[A-Za-z0-9_-]{16,64}");

  private final ShareStore shares;
  private final EngagementStore events;
  private final BlobStore blobs;
  private final InstantSource clock;
  private final String shareBaseUrl;
  private final Email email;

  /**
   * How share e-mails go out.
   *
   * @param from the sender address ({@code PLATEN_EMAIL_FROM}) of projects without one of their own
   * @param attach whether a PDF up to {@link #MAX_ATTACHMENT_BYTES} is attached
   * @param trackOpens whether the HTML part carries the open-tracking image
   */
  public record Email(Mailer mailer, String from, boolean attach, boolean trackOpens) {}

  /** The succeeded render a share points at, already checked to belong to the caller's project. */
  public record Document(String projectId, String renderId, String filename, String blobKey) {}

  /** Where a request came from, recorded with the events it causes. */
  public record Requester(String sourceIp, String userAgent) {}

  /** @param expiresAt epoch ms, or null for a link that never expires */
  public record NewShare(Channel channel, String recipientEmail, String message, Long expiresAt) {}

  /** @param recipientName null for none; @param message the sender's note or null */
  public record EmailRequest(String to, String recipientName, String message, Long expiresAt) {}

  /** An e-mail that the SMTP server accepted, and the share it carries. */
  public record Emailed(Share share, String messageId, long sentAt) {}

  /** What a public token leads to. */
  public enum State { LIVE, GONE, EXPIRED }

  /** @param file set only when {@code state} is {@link State#LIVE} */
  public record Opened(State state, SharedFile file) {}

  /**
   * @param shareBaseUrl the base of share links ({@code PLATEN_SHARE_BASE_URL}), without a trailing slash
   * @param email null when no SMTP server is configured
   */
  public Sharing(ShareStore shares, EngagementStore events, BlobStore blobs, InstantSource clock, String shareBaseUrl,
      Email email) {
    this.shares = shares;
    this.events = events;
    this.blobs = blobs;
    this.clock = clock;
    this.shareBaseUrl = shareBaseUrl;
    this.email = email;
  }

  public String shareUrl(String token) {
    return shareBaseUrl + "/share/" + token;
  }

  /** A fresh token: 192 random bits behind Craftkit's {@code cks_} prefix. */
  private static String newToken() {
    return "cks_" + Ids.token(24);
  }

  /** Whether {@code token} could be one of ours; anything else is not looked up. */
  public static boolean plausibleToken(String token) {
    return token != null && TOKEN.matcher(token).matches();
  }

  /** Records a share; a share on the {@code email} channel made this way sends nothing (as in the reference). */
  public Share create(Document d, NewShare s, Requester r) {
    Share share = new Share(Ids.newId(), d.projectId(), d.renderId(), newToken(), s.channel(), s.recipientEmail(),
        null, s.message(), null, s.expiresAt(), null, null, clock.millis(), 0);
    shares.insert(share, r.sourceIp(), r.userAgent());
    return share;
  }

  public List<Share> list(String projectId, String renderId) {
    return shares.list(projectId, renderId);
  }

  /** @return empty when the share is unknown, of another render or project, or already revoked */
  public Optional<Revoked> revoke(String projectId, String renderId, String shareId, Requester r) {
    return shares.revoke(projectId, renderId, shareId, r.sourceIp(), r.userAgent(), clock.millis());
  }

  public boolean emailConfigured() {
    return email != null;
  }

  /**
   * Sends the share link by e-mail, then records the share: a share exists only for an e-mail the SMTP server
   * accepted. (Holding a transaction open across the SMTP conversation would block every other writer on SQLite.)
   *
   * @throws MailFailure when the server refused or could not be reached; nothing was recorded
   * @throws IOException when the PDF to attach could not be read from storage; nothing was sent
   * @throws IllegalStateException when e-mail is not configured ({@link #emailConfigured()})
   */
  public Emailed email(Document d, EmailRequest req, Requester r) throws MailFailure, IOException {
    if (email == null) throw new IllegalStateException("e-mail is not configured");
    String token = newToken();
    String url = shareUrl(token);
    OutgoingMail.Attachment attachment = email.attach() ? attachment(d) : null;
    String title = shares.title(d.renderId()).orElse(d.filename());
    // a provisioned project may send as itself; everyone else sends as the installation
    String from = shares.sender(d.projectId()).orElse(email.from());
    OutgoingMail mail = ShareEmail.compose(from, req.to(), req.recipientName(), req.message(), title,
        d.filename(), url, req.expiresAt(), email.trackOpens() ? url + "/open.gif" : null, attachment);
    Mailer.Sent sent = email.mailer().send(mail);
    long now = clock.millis();
    Share share = new Share(Ids.newId(), d.projectId(), d.renderId(), token, Channel.EMAIL, req.to(),
        req.recipientName(), req.message(), sent.messageId(), req.expiresAt(), null, null, now, 0);
    shares.insert(share, r.sourceIp(), r.userAgent());
    return new Emailed(share, sent.messageId(), now);
  }

  private OutgoingMail.Attachment attachment(Document d) throws IOException {
    byte[] pdf;
    try (InputStream in = blobs.open(d.blobKey())) {
      pdf = in.readNBytes(MAX_ATTACHMENT_BYTES + 1);
    }
    return pdf.length > MAX_ATTACHMENT_BYTES ? null
        : new OutgoingMail.Attachment(d.filename(), "application/pdf", pdf);
  }

  /**
   * An event the partner reports about a render (its own viewer showed, downloaded or printed it).
   *
   * @param metadata JSON object text, or null
   * @return false when it repeats one from the same address within 5 minutes and was not stored
   */
  public boolean report(String projectId, String renderId, EventType type, String metadata, Requester r) {
    return events.record(new NewEvent(projectId, renderId, null, type, ActorKind.PARTNER, r.sourceIp(),
        r.userAgent(), metadata, clock.millis()));
  }

  public Summary engagement(String renderId) {
    return events.summary(renderId);
  }

  /** What a public token leads to now: a revoked share is gone at once, an expired one from its expiry on. */
  public Opened open(String token) {
    if (!plausibleToken(token)) return new Opened(State.GONE, null);
    Optional<SharedFile> found = shares.byToken(token);
    if (found.isEmpty() || found.get().share().revokedAt() != null) return new Opened(State.GONE, null);
    Long expires = found.get().share().expiresAt();
    if (expires != null && expires <= clock.millis()) return new Opened(State.EXPIRED, null);
    return new Opened(State.LIVE, found.get());
  }

  /**
   * Records what a reader did through a live share. An e-mail open counts only for a share on the e-mail channel,
   * and not while open tracking is off.
   *
   * @return whether it was recorded (false for a repeat within 5 minutes)
   */
  public boolean recordReader(SharedFile f, EventType type, Requester r) {
    if (type == EventType.EMAIL_OPENED
        && (f.share().channel() != Channel.EMAIL || (email != null && !email.trackOpens()))) {
      return false;
    }
    Share s = f.share();
    return events.record(new NewEvent(s.projectId(), s.renderId(), s.id(), type, ActorKind.RECIPIENT, r.sourceIp(),
        r.userAgent(), null, clock.millis()));
  }

  /** The viewer page of a live share. */
  public String viewerPage(SharedFile f) {
    return SharePage.viewer(f);
  }

  /** Where the shared PDFs ({@link SharedFile#blobKey}) are read from. */
  public BlobStore blobs() {
    return blobs;
  }
}
