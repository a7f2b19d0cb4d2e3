package dev.platen.mail;

/** Sends one e-mail and says how it went. {@link SmtpMailer} is the implementation; tests may stand in their own. */
public interface Mailer {

  /**
   * @return the Message-ID the mail went out with
   * @throws MailFailure when the mail was not accepted by the server, with the server's reply when it gave one
   */
  Sent send(OutgoingMail mail) throws MailFailure;

  /** A mail the server accepted. */
  record Sent(String messageId) {}
}
