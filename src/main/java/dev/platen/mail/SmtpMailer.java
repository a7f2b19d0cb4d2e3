package dev.platen.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Sends through one SMTP server with Jakarta Mail (Eclipse Angus), on the caller's thread: every network step is
 * bounded by a timeout, so a server that hangs costs the caller at most the connect time plus a few read timeouts.
 */
public final class SmtpMailer implements Mailer {

  /** How the connection is secured. */
  public enum Tls {
    /** TLS from the first byte ({@code smtps://}, usually port 465). */
    IMPLICIT,
    /** Plain connection upgraded with STARTTLS; refused when the server does not offer it. */
    STARTTLS_REQUIRED,
    /** STARTTLS when the server offers it, else plain (a relay on the same host or network). */
    STARTTLS_OPTIONAL
  }

  /** @param user null for a server that needs no login */
  public record Settings(String host, int port, String user, String password, Tls tls, Duration connectTimeout,
      Duration readTimeout) {
    @Override
    public String toString() {
      // never the password: settings end up in logs
      return "smtp " + host + ":" + port + " (" + tls + (user == null ? "" : ", user " + user) + ")";
    }
  }

  private final Settings settings;
  private final Session session;
  private final InstantSource clock;

  public SmtpMailer(Settings settings, InstantSource clock) {
    this.settings = settings;
    this.clock = clock;
    Properties p = new Properties();
    p.put("mail.smtp.host", settings.host());
    p.put("mail.smtp.port", String.valueOf(settings.port()));
    p.put("mail.smtp.auth", String.valueOf(settings.user() != null));
    p.put("mail.smtp.connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
    p.put("mail.smtp.timeout", String.valueOf(settings.readTimeout().toMillis()));
    p.put("mail.smtp.writetimeout", String.valueOf(settings.readTimeout().toMillis()));
    p.put("mail.smtp.ssl.checkserveridentity", "true");
    switch (settings.tls()) {
      case IMPLICIT -> p.put("mail.smtp.ssl.enable", "true");
      case STARTTLS_REQUIRED -> {
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
      }
      case STARTTLS_OPTIONAL -> p.put("mail.smtp.starttls.enable", "true");
    }
    this.session = Session.getInstance(p);
  }

  /** Checks a sender address at start-up, so a typo stops the server instead of every later e-mail. */
  public static void checkAddress(String address) {
    try {
      InternetAddress[] parsed = InternetAddress.parse(address, true);
      if (parsed.length != 1) throw new IllegalArgumentException("must be exactly one address, got '" + address + "'");
      parsed[0].validate();
    } catch (AddressException e) {
      throw new IllegalArgumentException("is not a valid e-mail address ('" + address + "'): " + e.getMessage());
    }
  }

  @Override
  public Sent send(OutgoingMail mail) throws MailFailure {
    MimeMessage message;
    String messageId;
    try {
      InternetAddress from = InternetAddress.parse(mail.from(), true)[0];
      messageId = "<" + UUID.randomUUID() + "@" + from.getAddress().substring(from.getAddress().indexOf('@') + 1)
          + ">";
      message = build(mail, from, messageId);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new MailFailure("The e-mail could not be composed: " + e.getMessage(), e);
    }
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect(settings.host(), settings.port(), settings.user(), settings.password());
      transport.sendMessage(message, message.getAllRecipients());
    } catch (MessagingException e) {
      throw new MailFailure(describe(e), e);
    }
    return new Sent(messageId);
  }

  private MimeMessage build(OutgoingMail mail, InternetAddress from, String messageId)
      throws MessagingException, UnsupportedEncodingException {
    MimeMessage m = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        // our own id, so the API can answer it before the server could rewrite anything
        setHeader("Message-ID", messageId);
      }
    };
    m.setFrom(from);
    InternetAddress to = new InternetAddress(mail.to(), mail.toName(), StandardCharsets.UTF_8.name());
    to.validate();
    m.setRecipient(Message.RecipientType.TO, to);
    m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
    m.setSentDate(Date.from(clock.instant()));

    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    if (mail.attachment() == null) {
      m.setContent(alternative);
    } else {
      MimeBodyPart body = new MimeBodyPart();
      body.setContent(alternative);
      MimeBodyPart file = new MimeBodyPart();
      file.setDataHandler(new DataHandler(new ByteArrayDataSource(mail.attachment().bytes(),
          mail.attachment().contentType())));
      file.setFileName(mail.attachment().filename());
      file.setDisposition(Part.ATTACHMENT);
      MimeMultipart mixed = new MimeMultipart("mixed");
      mixed.addBodyPart(body);
      mixed.addBodyPart(file);
      m.setContent(mixed);
    }
    m.saveChanges();
    return m;
  }

  /** What went wrong, in the server's own words when it answered: this text reaches the API's caller. */
  String describe(MessagingException e) {
    String server = settings.host() + ":" + settings.port();
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof SMTPAddressFailedException a) {
        return "The SMTP server " + server + " refused the recipient " + a.getAddress() + ": " + reply(a);
      }
      if (t instanceof SMTPSenderFailedException s) {
        return "The SMTP server " + server + " refused the sender " + s.getAddress() + ": " + reply(s);
      }
      if (t instanceof SMTPSendFailedException s) {
        return "The SMTP server " + server + " refused the message: " + reply(s);
      }
      if (t instanceof AuthenticationFailedException a) {
        return "The SMTP server " + server + " refused the login" + (a.getMessage() == null ? "."
            : ": " + a.getMessage().strip());
      }
    }
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof SocketTimeoutException) {
        return "The SMTP server " + server + " did not answer in time.";
      }
      if (t instanceof UnknownHostException) {
        return "The SMTP server's host name " + settings.host() + " does not resolve.";
      }
      if (t instanceof ConnectException c) {
        return "Could not connect to the SMTP server " + server + " (" + c.getMessage() + ").";
      }
    }
    if (e instanceof MailConnectException) return "Could not connect to the SMTP server " + server + ".";
    return "Sending through the SMTP server " + server + " failed: " + e.getMessage();
  }

  private static Throwable next(Throwable t) {
    Throwable n = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException()
        : t.getCause();
    return n == t ? null : n;
  }

  private static String reply(MessagingException e) {
    String m = e.getMessage();
    return m == null ? "(no reply text)" : m.strip().replaceAll("\\s+", " ");
  }
}
