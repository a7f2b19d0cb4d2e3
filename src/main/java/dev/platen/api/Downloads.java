package dev.platen.api;

import dev.platen.blob.BlobStore;
import dev.platen.errors.PlatenException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sending a stored PDF, the one way every download does it ({@code /files/…}, both private streams, share links):
 * {@code Content-Length}, {@code HEAD} with the same headers and no body, a single byte range ({@code 206},
 * {@code 416}), and {@code ETag}/{@code If-None-Match} ({@code 304}). A render's PDF never changes once stored, so
 * its id is its entity tag.
 *
 * <p>The bytes are read from storage before the status line is sent, so a storage failure is a clean 503 and never
 * a truncated 200. They are written to the servlet response directly, past Javalin's compression: a PDF is already
 * compressed, and a compressed answer could not keep its {@code Content-Length} or honour a byte range.
 */
final class Downloads {
  private static final Logger log = LoggerFactory.getLogger(Downloads.class);
  private static final Pattern RANGE = Pattern.compile("bytes=([0-9]{0,18})-([0-9]{0,18})");

  private Downloads() {}

  /**
   * What to send.
   *
   * @param entityId names the bytes (the render id): the same id is always the same file
   * @param disposition {@code inline} or {@code attachment}
   * @param headers further headers sent on every answer, 304 included
   */
  record Pdf(String blobKey, String entityId, String filename, String disposition, String cacheControl,
      Map<String, String> headers) {}

  /**
   * @param beforeBody runs once the answer is known to carry the document from its first byte, before it is sent
   *     (a share records a download there)
   */
  static void send(Context ctx, BlobStore blobs, Pdf pdf, Runnable beforeBody) {
    String etag = "\"" + pdf.entityId() + "\"";
    boolean head = ctx.method() == HandlerType.HEAD;
    ctx.header("ETag", etag);
    ctx.header("Cache-Control", pdf.cacheControl());
    pdf.headers().forEach(ctx::header);
    if (matches(ctx.header("If-None-Match"), etag)) {
      ctx.status(304);
      return;
    }
    ctx.header("Accept-Ranges", "bytes");
    String range = ctx.header("Range");
    String ifRange = ctx.header("If-Range");
    if (range != null && (ifRange == null || ifRange.trim().equals(etag))) {
      Matcher m = RANGE.matcher(range.trim());
      // Anything but one well-formed byte range is ignored, as RFC 9110 allows: the whole file is sent.
      // A last position before the first makes the range invalid, hence ignored too.
      if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty()) && (m.group(1).isEmpty()
          || m.group(2).isEmpty() || Long.parseLong(m.group(2)) >= Long.parseLong(m.group(1)))) {
        partial(ctx, blobs, pdf, m.group(1), m.group(2), head, beforeBody);
        return;
      }
    }
    if (head) {
      long size = size(blobs, pdf);
      ok(ctx, 200, pdf);
      ctx.res().setContentLengthLong(size);
      return;
    }
    byte[] bytes;
    try (var in = blobs.open(pdf.blobKey())) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw unreadable(pdf, e);
    }
    beforeBody.run();
    ok(ctx, 200, pdf);
    write(ctx, bytes);
  }

  private static void partial(Context ctx, BlobStore blobs, Pdf pdf, String first, String last, boolean head,
      Runnable beforeBody) {
    long size = size(blobs, pdf);
    long start;
    long end;
    if (first.isEmpty()) { // the last N bytes
      long n = Long.parseLong(last);
      if (n == 0) throw unsatisfiable(ctx, size);
      start = Math.max(0, size - n);
      end = size - 1;
    } else {
      start = Long.parseLong(first);
      end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
    }
    if (start >= size) throw unsatisfiable(ctx, size);
    long length = end - start + 1;
    if (length > Integer.MAX_VALUE - 8) length = Integer.MAX_VALUE - 8;
    String contentRange = "bytes " + start + "-" + (start + length - 1) + "/" + size;
    if (head) {
      ok(ctx, 206, pdf);
      ctx.header("Content-Range", contentRange);
      ctx.res().setContentLengthLong(length);
      return;
    }
    byte[] bytes;
    try {
      bytes = blobs.read(pdf.blobKey(), start, (int) length);
    } catch (IOException e) {
      throw unreadable(pdf, e);
    }
    ok(ctx, 206, pdf);
    ctx.header("Content-Range", contentRange);
    if (start == 0) beforeBody.run();
    write(ctx, bytes);
  }

  /** Only an answer that carries the document says what it is: an error keeps its JSON headers. */
  private static void ok(Context ctx, int status, Pdf pdf) {
    ctx.status(status).contentType("application/pdf");
    ctx.header("Content-Disposition", pdf.disposition() + "; filename=\"" + pdf.filename() + "\"");
    ctx.header("X-Content-Type-Options", "nosniff");
  }

  private static PlatenException unsatisfiable(Context ctx, long size) {
    ctx.header("Content-Range", "bytes */" + size);
    return new PlatenException(416, "range_not_satisfiable",
        "The requested range starts beyond the end of the file (" + size + " bytes).");
  }

  /**
   * If-None-Match: a list of entity tags or {@code *}; weak comparison, as RFC 9110 asks for this header.
   */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) return false;
    for (String t : ifNoneMatch.split(",")) {
      String tag = t.trim();
      if (tag.equals("*")) return true;
      if (tag.startsWith("W/")) tag = tag.substring(2);
      if (tag.equals(etag)) return true;
    }
    return false;
  }

  private static long size(BlobStore blobs, Pdf pdf) {
    long size;
    try {
      size = blobs.size(pdf.blobKey());
    } catch (IOException e) {
      throw unreadable(pdf, e);
    }
    if (size < 0) throw unreadable(pdf, new java.io.FileNotFoundException(pdf.blobKey()));
    return size;
  }

  private static PlatenException unreadable(Pdf pdf, IOException e) {
    log.error("PDF {} could not be read from storage: {}", pdf.blobKey(), e.toString());
    return new PlatenException(503, "storage_unavailable", "The PDF could not be read from storage; retry shortly.");
  }

  /** The body, with its length, past Javalin's compression (see the class comment). */
  static void write(Context ctx, byte[] bytes) {
    ctx.res().setContentLengthLong(bytes.length);
    try {
      OutputStream out = ctx.res().getOutputStream();
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      // the client went away mid-download; nothing is left to tell it
      log.debug("download of {} bytes ended early: {}", bytes.length, e.toString());
    }
  }
}
