package dev.platen.sharing;

import dev.platen.mail.OutgoingMail;

/** The e-mail that carries a share link: the same words as plain text and as HTML. */
final class ShareEmail {
  private ShareEmail() {}

  /**
   * @param recipientName null for a plain greeting
   * @param message the sender's note, or null
   * @param expiresAt null when the link never expires
   * @param trackingPixel the open-tracking image's URL, or null when opens are not tracked
   * @param attachment the PDF, or null when it is not attached
   */
  static OutgoingMail compose(String from, String to, String recipientName, String message, String title,
      String filename, String shareUrl, Long expiresAt, String trackingPixel, OutgoingMail.Attachment attachment) {
    String greeting = recipientName == null ? "Hello," : "Hello " + recipientName + ",";
    String expiry = expiresAt == null ? null : "The link works until " + Html.readable(expiresAt) + ".";
    String attached = attachment == null ? null : "The PDF is attached to this e-mail as well.";

    StringBuilder text = new StringBuilder(greeting).append("\n\n");
    if (message != null) text.append(message).append("\n\n");
    text.append("A document has been shared with you: ").append(title).append(" (").append(filename).append(")\n\n")
        .append("Open it here: ").append(shareUrl).append('\n');
    if (expiry != null) text.append('\n').append(expiry).append('\n');
    if (attached != null) text.append('\n').append(attached).append('\n');

    StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
        .append(Html.escape(title)).append("</title></head><body style=\"font-family: sans-serif; color: #1f2933;\">")
        .append("<p>").append(Html.escape(greeting)).append("</p>");
    if (message != null) html.append("<p>").append(Html.paragraph(message)).append("</p>");
    html.append("<p>A document has been shared with you: <strong>").append(Html.escape(title))
        .append("</strong> (").append(Html.escape(filename)).append(")</p>")
        .append("<p><a href=\"").append(Html.escape(shareUrl)).append("\" style=\"display: inline-block; ")
        .append("padding: 10px 18px; background: #1f4fd1; color: #ffffff; text-decoration: none; ")
        .append("border-radius: 4px;\">Open the document</a></p>")
        .append("<p style=\"font-size: 13px; color: #52606d;\">Or copy this address into your browser: ")
        .append(Html.escape(shareUrl)).append("</p>");
    if (expiry != null) html.append("<p style=\"font-size: 13px; color: #52606d;\">").append(Html.escape(expiry))
        .append("</p>");
    if (attached != null) html.append("<p style=\"font-size: 13px; color: #52606d;\">").append(Html.escape(attached))
        .append("</p>");
    if (trackingPixel != null) {
      html.append("<img src=\"").append(Html.escape(trackingPixel))
          .append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display: block; border: 0;\">");
    }
    html.append("</body></html>");

    // a template name may hold line breaks; a header must not
    String subject = ("Document shared with you: " + title).replaceAll("\\p{Cntrl}+", " ");
    return new OutgoingMail(from, to, recipientName, subject, text.toString(), html.toString(), attachment);
  }
}
