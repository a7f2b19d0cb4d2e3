package dev.platen.mail;

/**
 * One message: a plain-text and an HTML body of the same content, and at most one attachment.
 *
 * @param toName the recipient's display name, or null
 * @param attachment null when nothing is attached
 */
public record OutgoingMail(String from, String to, String toName, String subject, String text, String html,
    Attachment attachment) {

  public record Attachment(String filename, String contentType, byte[] bytes) {}
}
