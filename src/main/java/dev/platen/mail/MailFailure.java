package dev.platen.mail;

/**
 * A mail that did not go out. The message is for the API's caller: what the SMTP server said, or why it was not
 * reached.
 */
public final class MailFailure extends Exception {
  public MailFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
