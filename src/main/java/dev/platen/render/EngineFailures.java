package dev.platen.render;

/**
 * Turns an unexpected failure inside a PDF engine (openhtmltopdf, Batik, PDFBox, the XML parsers under them) into a
 * sentence about the template. Their messages name Java classes, parser internals and line numbers of markup the
 * user never wrote ("Cannot invoke org.apache.batik.util.ParsedURL.toString()", "SAXParseException; lineNumber:
 * 55"), so none of their text is passed on: the failure is recognised by kind and described in the user's terms.
 * The full exception still goes to the log for the operator.
 */
public final class EngineFailures {
  private EngineFailures() {}

  private static final String PREFIX = "the document could not be rendered: ";

  /** A non-retryable failure: the same template and data fail the same way on every attempt. */
  public static RenderException of(Throwable e) {
    return new RenderException(PREFIX + describe(e), false, e);
  }

  /** What went wrong, in one sentence that names no Java class. */
  public static String describe(Throwable e) {
    if (e instanceof StackOverflowError) return "the layout is nested too deeply";
    if (e instanceof OutOfMemoryError) return "it needs more memory than a render may use";
    if (involves(e, "org.apache.batik.")) {
      return "an SVG image in it uses something the SVG renderer cannot draw (such as a style sheet import, "
          + "an external reference or an unsupported element)";
    }
    if (causedBy(e, "org.xml.sax.SAXParseException") || causedBy(e, "javax.xml.transform.TransformerException")
        || messageStarts(e, "Can't load the XML resource")) {
      return "its markup is not well-formed (look for namespaced tags such as xi:include, CDATA sections "
          + "or unclosed elements in the layout)";
    }
    if (causedBy(e, "java.awt.FontFormatException")) return "a font in it could not be read";
    if (involves(e, "javax.imageio.") || involves(e, "org.apache.pdfbox.pdmodel.graphics.image.")) {
      return "an image in it could not be decoded";
    }
    return "the PDF engine failed on something in the layout (an unusual HTML, CSS or image construct)";
  }

  private static boolean causedBy(Throwable e, String className) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
        if (c.getName().equals(className)) return true;
      }
    }
    return false;
  }

  private static boolean messageStarts(Throwable e, String start) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && t.getMessage().startsWith(start)) return true;
    }
    return false;
  }

  /** Whether the failure was thrown from, or passed through, code of that package. */
  private static boolean involves(Throwable e, String packagePrefix) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getClass().getName().startsWith(packagePrefix)) return true;
      for (StackTraceElement frame : t.getStackTrace()) {
        if (frame.getClassName().startsWith(packagePrefix)) return true;
      }
    }
    return false;
  }
}
