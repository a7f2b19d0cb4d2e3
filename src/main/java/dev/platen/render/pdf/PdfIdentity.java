package dev.platen.render.pdf;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;

/**
 * Metadata and file identifier, chosen so that the same input always gives byte-identical files: openhtmltopdf
 * stamps the wall-clock time as creation date, and PDFBox derives the trailer /ID from the clock unless one is
 * already present. Both are replaced with values derived from the input. For PDF/A the XMP metadata, which
 * openhtmltopdf also dates with the clock and which must agree with the document information, is rewritten too.
 */
public final class PdfIdentity {
  private PdfIdentity() {}

  public static final String PRODUCER = "Platen";

  /** The JDK's own sRGB profile: PDF/A needs an output intent, and this one ships with every runtime. */
  private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

  /** Asks the builder for PDF/A-2b: every font embedded, an sRGB output intent, the PDF/A identification. */
  public static void pdfA(PdfRendererBuilder builder) {
    builder.usePdfAConformance(PdfAConformance.PDFA_2_B);
    builder.useColorProfile(SRGB);
  }

  /** A digest of everything that decides the document's content. */
  public static byte[] digest(String html, boolean watermark, Instant documentDate, boolean pdfa) {
    return digest(html + (pdfa ? "\u0000pdfa" : ""), watermark, documentDate);
  }

  /** A digest of everything that decides the document's content. */
  public static byte[] digest(String html, boolean watermark, Instant documentDate) {
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

  public static void apply(PDDocument doc, String title, Instant documentDate, byte[] digest, boolean pdfa)
      throws IOException {
    apply(doc, title, documentDate, digest);
    if (pdfa) archivalMetadata(doc, title, documentDate);
  }

  public static void apply(PDDocument doc, String title, Instant documentDate, byte[] digest) {
    PDDocumentInformation info = new PDDocumentInformation();
    if (title != null && !title.isBlank()) info.setTitle(title);
    info.setProducer(PRODUCER);
    if (documentDate != null) {
      String date = pdfDate(documentDate);
      info.getCOSObject().setString(COSName.CREATION_DATE, date);
      info.getCOSObject().setString(COSName.MOD_DATE, date);
    }
    doc.setDocumentInformation(info);

    // both halves equal: this is the original version of the file (ISO 32000-1, 14.4)
    byte[] id = Arrays.copyOf(digest, 16);
    COSArray ids = new COSArray();
    ids.add(new COSString(id));
    ids.add(new COSString(id));
    doc.getDocument().getTrailer().setItem(COSName.ID, ids);
  }

  private static void archivalMetadata(PDDocument doc, String title, Instant documentDate) throws IOException {
    XMPMetadata xmp = XMPMetadata.createXMPMetadata();
    try {
      var id = xmp.createAndAddPDFAIdentificationSchema();
      id.setPart(2);
      id.setConformance("B");
    } catch (BadFieldValueException e) {
      throw new IllegalStateException("PDF/A conformance B is a valid value", e);
    }
    DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
    dc.setFormat("application/pdf");
    if (title != null && !title.isBlank()) dc.setTitle(title);
    xmp.createAndAddAdobePDFSchema().setProducer(PRODUCER);
    XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
    if (documentDate != null) {
      Calendar date = utc(documentDate);
      basic.setCreateDate(date);
      basic.setModifyDate(date);
      basic.setMetadataDate(date);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new XmpSerializer().serialize(xmp, out, true);
    } catch (javax.xml.transform.TransformerException e) {
      throw new IOException("XMP metadata could not be written", e);
    }
    PDMetadata metadata = new PDMetadata(doc);
    metadata.importXMPMetadata(out.toByteArray());
    doc.getDocumentCatalog().setMetadata(metadata);
  }

  private static final DateTimeFormatter PDF_DATE =
      DateTimeFormatter.ofPattern("'D:'yyyyMMddHHmmss'+00''00'''", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * What PDFBox's {@code DateConverter.toString} writes for a UTC calendar ({@code D:20260605120000+00'00'}),
   * without its {@code String.format}, which was 4% of a direct invoice's CPU.
   */
  static String pdfDate(Instant instant) {
    return PDF_DATE.format(instant);
  }

  private static Calendar utc(Instant instant) {
    GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    c.setTimeInMillis(instant.toEpochMilli());
    return c;
  }
}
