package dev.platen.render.direct;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Image XObjects already encoded for PDF, per thread, by image bytes, and the forms of inline drawings by their XML
 * and box. A PNG with transparency is decoded and re-compressed by PDFBox (predictor + deflate) on every document,
 * which profiling showed as the largest single cost of a one-page invoice with a logo (about two thirds of it);
 * templates reuse the same logo on every render, so the encoded streams are kept and copied into each new document
 * as they are. Keyed by content, not by URL, so a remote image that changes is encoded again.
 */
final class ImageCache {
  private ImageCache() {}

  private static final int ENTRIES = 16;
  /** Larger images are rare in templates and would pin a lot of memory per thread. */
  private static final int MAX_BYTES = 2 * 1024 * 1024;

  private record Key(byte[] bytes, int hash) {
    static Key of(byte[] bytes) {
      return new Key(bytes, Arrays.hashCode(bytes));
    }

    @Override public boolean equals(Object o) {
      return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override public int hashCode() {
      return hash;
    }
  }

  /** A stream detached from any document: its raw (still encoded) bytes and its dictionary. */
  private record Detached(byte[] raw, Map<COSName, Object> dict) {}

  private static final ThreadLocal<Map<Key, Detached>> CACHE = ThreadLocal.withInitial(
      () -> new LinkedHashMap<>(ENTRIES, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Key, Detached> eldest) {
          return size() > ENTRIES;
        }
      });

  static PDImageXObject image(PDDocument doc, byte[] bytes) throws IOException {
    if (bytes.length > MAX_BYTES) return PDImageXObject.createFromByteArray(doc, bytes, null);
    Map<Key, Detached> cache = CACHE.get();
    Key key = Key.of(bytes);
    Detached cached = cache.get(key);
    if (cached == null) {
      PDImageXObject image = PDImageXObject.createFromByteArray(doc, bytes, null);
      cache.put(key, (Detached) detach(image.getCOSObject()));
      return image;
    }
    return new PDImageXObject(new PDStream((COSStream) attach(doc, cached)), null);
  }

  /** What draws a form when it is not cached. */
  @FunctionalInterface
  interface Drawing {
    PDFormXObject draw() throws Unsupported;
  }

  /**
   * A form drawn once per thread and then copied into each document as it is: an inline drawing ({@link HtmlSvg})
   * is the same on every render of its template, and Batik builds it in about as long as the rest of a page takes.
   *
   * @param key what determines the form entirely (the drawing's XML and its box)
   */
  static PDFormXObject form(PDDocument doc, byte[] key, Drawing drawing) throws Unsupported, IOException {
    if (key.length > MAX_BYTES) return drawing.draw();
    Map<Key, Detached> cache = CACHE.get();
    Key k = Key.of(key);
    Detached cached = cache.get(k);
    if (cached == null) {
      PDFormXObject form = drawing.draw();
      cache.put(k, (Detached) detach(form.getCOSObject()));
      return form;
    }
    return new PDFormXObject((COSStream) attach(doc, cached));
  }

  private static Object detach(COSBase base) throws IOException {
    COSBase b = base instanceof COSObject o ? o.getObject() : base;
    if (b instanceof COSStream s) {
      byte[] raw;
      try (InputStream in = s.createRawInputStream()) {
        raw = in.readAllBytes();
      }
      return new Detached(raw, entries(s));
    }
    if (b instanceof COSDictionary d) return entries(d);
    if (b instanceof COSArray a) {
      List<Object> items = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) items.add(detach(a.get(i)));
      return items;
    }
    return b; // names, numbers, booleans, strings: immutable in practice
  }

  private static Map<COSName, Object> entries(COSDictionary d) throws IOException {
    Map<COSName, Object> map = new LinkedHashMap<>();
    for (Map.Entry<COSName, COSBase> e : d.entrySet()) {
      if (!COSName.LENGTH.equals(e.getKey())) map.put(e.getKey(), detach(e.getValue()));
    }
    return map;
  }

  @SuppressWarnings("unchecked")
  private static COSBase attach(PDDocument doc, Object detached) throws IOException {
    if (detached instanceof Detached s) {
      COSStream stream = doc.getDocument().createCOSStream();
      fill(doc, stream, s.dict());
      try (OutputStream out = stream.createRawOutputStream()) {
        out.write(s.raw());
      }
      return stream;
    }
    if (detached instanceof Map<?, ?> m) {
      COSDictionary d = new COSDictionary();
      fill(doc, d, (Map<COSName, Object>) m);
      return d;
    }
    if (detached instanceof List<?> l) {
      COSArray a = new COSArray();
      for (Object item : l) a.add(attach(doc, item));
      return a;
    }
    return (COSBase) detached;
  }

  private static void fill(PDDocument doc, COSDictionary target, Map<COSName, Object> entries) throws IOException {
    for (Map.Entry<COSName, Object> e : entries.entrySet()) target.setItem(e.getKey(), attach(doc, e.getValue()));
  }
}
