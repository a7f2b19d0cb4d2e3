package dev.platen.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * Metadata and file identifier, chosen so that the same input always gives byte-identical files: openhtmltopdf
 * stamps the wall-clock time as creation date, and PDFBox derives the trailer /ID from the clock unless one is
 * already present. Both are replaced with values derived from the input.
 */
final class PdfIdentity {
  private PdfIdentity() {}

  static final String PRODUCER = "Platen";

  /** A digest of everything that decides the document's content. */
  static byte[] digest(String html, boolean watermark, Instant documentDate) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(html.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update((byte) (watermark ? 1 : 0));
      sha.update(String.valueOf(documentDate).getBytes(StandardCharsets.US_ASCII));
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static void apply(PDDocument doc, String title, Instant documentDate, byte[] digest) {
    PDDocumentInformation info = new PDDocumentInformation();
    if (title != null && !title.isBlank()) info.setTitle(title);
    info.setProducer(PRODUCER);
    if (documentDate != null) {
      info.setCreationDate(utc(documentDate));
      info.setModificationDate(utc(documentDate));
    }
    doc.setDocumentInformation(info);

    // both halves equal: this is the original version of the file (ISO 32000-1, 14.4)
    byte[] id = Arrays.copyOf(digest, 16);
    COSArray ids = new COSArray();
    ids.add(new COSString(id));
    ids.add(new COSString(id));
    doc.getDocument().getTrailer().setItem(COSName.ID, ids);
  }

  private static Calendar utc(Instant instant) {
    GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    c.setTimeInMillis(instant.toEpochMilli());
    return c;
  }
}
