package dev.platen.api;

import dev.platen.errors.PlatenException;
import dev.platen.sharing.EventType;
import dev.platen.sharing.SharePage;
import dev.platen.sharing.ShareStore.SharedFile;
import dev.platen.sharing.Sharing;
import io.javalin.http.Context;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The public side of a share link, for whoever holds its token: the viewer page, the PDF, and the e-mail's open
 * tracking image. Errors are pages for browsers and the JSON envelope for clients that ask for JSON. Nothing here is
 * cached, so a revocation or an expiry holds from the next request on.
 */
final class SharePages {
  /** A transparent 1×1 GIF. */
  private static final byte[] PIXEL =
      Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
  /** Inline styles only: the pages load nothing but their own PDF. */
  private static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; "
      + "object-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

  private final Sharing sharing;
  private final PublicRateLimit limit;

  SharePages(Sharing sharing, PublicRateLimit limit) {
    this.sharing = sharing;
    this.limit = limit;
  }

  /** GET /share/:token: the viewer; records a view. */
  void page(Context ctx) {
    Optional<SharedFile> f = live(ctx);
    if (f.isEmpty()) return;
    sharing.recordReader(f.get(), EventType.VIEWED, SharesApi.requester(ctx));
    html(ctx, 200, sharing.viewerPage(f.get()));
  }

  /**
   * GET /share/:token/pdf: the PDF as an attachment, recorded as a download; with {@code ?inline=1} (the viewer's
   * own frame) inline and not recorded, since the page view already was.
   */
  void pdf(Context ctx) {
    Optional<SharedFile> found = live(ctx);
    if (found.isEmpty()) return;
    SharedFile f = found.get();
    boolean inline = "1".equals(ctx.queryParam("inline"));
    // The viewer's own frame is not recorded (the page view already was), nor a HEAD, a revalidation or a later
    // byte range: only a fetch of the document from its start counts as a download.
    Downloads.send(ctx, sharing.blobs(), new Downloads.Pdf(f.blobKey(), f.share().renderId(), f.filename(),
        inline ? "inline" : "attachment", "no-store", Map.of("Referrer-Policy", "no-referrer")), () -> {
          if (!inline) sharing.recordReader(f, EventType.DOWNLOADED, SharesApi.requester(ctx));
        });
  }

  /**
   * GET /share/:token/open.gif: always the image (a mail client shows no broken picture); an open is recorded only
   * for a live e-mail share.
   */
  void openGif(Context ctx) {
    if (limit.allow(ctx.ip())) {
      Sharing.Opened o = sharing.open(ctx.pathParam("token"));
      if (o.state() == Sharing.State.LIVE) {
        sharing.recordReader(o.file(), EventType.EMAIL_OPENED, SharesApi.requester(ctx));
      }
    }
    ctx.status(200).contentType("image/gif")
        .header("Cache-Control", "no-store, no-cache, must-revalidate")
        .header("X-Content-Type-Options", "nosniff")
        .result(PIXEL);
  }

  /**
   * The live share behind the path's token; empty when the answer that says why there is none was written.
   *
   * @throws PlatenException that answer, in the envelope, to a client that asked for JSON
   */
  private Optional<SharedFile> live(Context ctx) {
    if (!limit.allow(ctx.ip())) {
      ctx.header("Retry-After", String.valueOf(limit.retryAfterSeconds()));
      return refuse(ctx, 429, "rate_limited", "Too many requests",
          "Too many requests from your address; retry in a minute.");
    }
    Sharing.Opened o = sharing.open(ctx.pathParam("token"));
    return switch (o.state()) {
      case LIVE -> Optional.of(o.file());
      case GONE -> refuse(ctx, 404, "not_found", "Link not available",
          "This share link does not exist or has been revoked.");
      case EXPIRED -> refuse(ctx, 410, "share_expired", "Link expired", "This share link has expired.");
    };
  }

  /** A browser's Accept lists text/html and {@code curl} sends any: both get the page; a JSON client the envelope. */
  private static Optional<SharedFile> refuse(Context ctx, int status, String code, String heading, String message) {
    String accept = ctx.header("Accept");
    if (accept != null && accept.contains("application/json") && !accept.contains("text/html")) {
      throw new PlatenException(status, code, message);
    }
    html(ctx, status, SharePage.unavailable(heading, message));
    return Optional.empty();
  }

  private static void html(Context ctx, int status, String page) {
    ctx.status(status).contentType("text/html; charset=utf-8")
        .header("Cache-Control", "no-store")
        .header("Content-Security-Policy", PAGE_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .result(page);
  }
}
