package dev.platen.render.html;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.TextDirection;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceType;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import dev.platen.render.EngineFailures;
import dev.platen.render.EngineSettings;
import dev.platen.render.PageSetup;
import dev.platen.render.PdfEngine;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.render.Units;
import dev.platen.render.WarmUpDocument;
import dev.platen.render.images.AddressPolicy;
import dev.platen.render.images.GuardedImageLoader;
import dev.platen.render.images.ImageEmbedder;
import dev.platen.render.pdf.Compression;
import dev.platen.render.pdf.FontedBuilder;
import dev.platen.render.pdf.PdfIdentity;
import dev.platen.render.pdf.ThreadFonts;
import dev.platen.render.pdf.Watermark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiPredicate;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PDF engine: canvas layout + data → XHTML ({@link CanvasHtml}, or {@link HtmlLayout} for Handlebars HTML
 * layouts) → openhtmltopdf in fast mode → PDFBox post-processing (watermark, deterministic metadata). Configured
 * as the stack measurements found best (docs/decisions.md S2, S3): a new builder per document, fonts parsed once
 * per thread and attached per document, and no resource loading except data: URIs, because the only remote
 * content allowed in is images that {@link GuardedImageLoader} fetched and checked.
 *
 * <p>Thread-safe. Rendering is CPU-bound; run it on a fixed pool of platform threads, one per core.
 */
public final class HtmlPdfEngine implements PdfEngine {
  private static final Logger log = LoggerFactory.getLogger(HtmlPdfEngine.class);

  private static final String BASE_URI = "about:blank";
  /** A loop-table row is 10 pt text at 1.35 line height plus 6 pt padding, about 20 pt; 12 pt is a safe floor. */
  private static final double MIN_ROW_HEIGHT_PT = 12;

  private static final BiPredicate<String, ExternalResourceType> DATA_URIS_ONLY =
      (uri, type) -> uri != null && uri.regionMatches(true, 0, "data:", 0, 5);

  private final EngineSettings settings;
  private final GuardedImageLoader images;

  public HtmlPdfEngine(EngineSettings settings) {
    this(settings, AddressPolicy.of(settings));
  }

  HtmlPdfEngine(EngineSettings settings, AddressPolicy addresses) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.images = new GuardedImageLoader(settings, addresses);
    Compression.useFastDeflate();
    Slf4jXrLogger.install();
  }

  /**
   * Renders a sample document on the calling thread so the first real render does not pay class loading, JIT
   * and font parsing (about a second, docs/decisions.md S3). Call it at start-up, ideally once on each render thread.
   *
   * @throws IllegalStateException when the engine cannot render at all (a broken install)
   */
  public void warmUp() {
    try {
      render(WarmUpDocument.input());
    } catch (RenderException e) {
      throw new IllegalStateException("the PDF engine failed its warm-up render: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] render(RenderInput input) throws RenderException {
    Objects.requireNonNull(input, "input");
    try {
      ImageEmbedder embedder = new ImageEmbedder(images);
      if (HtmlLayout.isHtml(input.layout())) {
        return layoutAndWrite(HtmlLayout.build(input, embedder), input, embedder);
      }
      CanvasHtml.Result canvas = CanvasHtml.build(input, embedder);
      if (minimumPages(canvas.tableRows(), input.page()) > settings.maxPages()) throw tooManyPages();
      return layoutAndWrite(canvas.html(), input, embedder);
    } catch (RenderException e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      RenderException refused = ImageGate.refusalIn(e);
      if (refused != null) throw refused;
      log.warn("render failed unexpectedly", e);
      throw EngineFailures.of(e);
    }
  }

  private byte[] layoutAndWrite(String html, RenderInput input, ImageEmbedder embedder)
      throws IOException, RenderException {
    FontedBuilder builder = new FontedBuilder();
    builder.useFastMode();
    ThreadFonts.Coverage text = ThreadFonts.cover(html);
    builder.withHtmlContent(text.text(), BASE_URI);
    builder.withProducer(PdfIdentity.PRODUCER);
    // Images are checked where the engine resolves them: CSS url(data:…) never went through the embedder
    ImageGate images = new ImageGate(embedder);
    builder.useExternalResourceAccessControl(DATA_URIS_ONLY, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
    builder.useExternalResourceAccessControl(images, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
    if (embedder.embeddedSvg()) {
      builder.useSVGDrawer(new BatikSVGDrawer(BatikSVGDrawer.SvgScriptMode.SECURE,
          BatikSVGDrawer.SvgExternalResourceMode.SECURE));
    }
    boolean pdfa = input.page() != null && input.page().pdfa();
    if (pdfa) PdfIdentity.pdfA(builder);
    if (containsRtl(html)) {
      // ICU bidi roughly doubles the cost of a small page, so only documents that need it pay for it
      builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
      builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
      builder.defaultTextDirection(TextDirection.LTR);
    }
    try (PDDocument doc = new PDDocument()) {
      builder.usePDDocument(doc);
      PDType0Font bold = ThreadFonts.register(builder, doc, text.fallback());
      try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
        renderer.layout();
        images.throwIfRefused();
        // the page count is known after layout, before any page is drawn: refuse a runaway document cheaply
        int pages = renderer.getRootBox().getLayer().getPages().size();
        if (pages > settings.maxPages()) throw tooManyPages();
        renderer.createPDFWithoutClosing();
        images.throwIfRefused(); // backgrounds are loaded while pages are drawn
        if (input.watermark()) Watermark.stamp(doc, bold);
        Instant date = input.documentDate();
        PdfIdentity.apply(doc, CanvasHtml.title(input), date, PdfIdentity.digest(html, input.watermark(), date, pdfa),
            pdfa);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        doc.save(out);
        return out.toByteArray();
      }
    }
  }

  private RenderException tooManyPages() {
    return new RenderException("document exceeds " + Units.count(settings.maxPages()) + " pages", false);
  }

  /**
   * Pages the loop tables need at the very least, assuming rows far shorter than the style sheet allows and no
   * margins. Layout cost grows with the page count, so a document of, say, twenty 10,000-row tables is refused
   * here instead of after laying out thousands of pages. The direct engine refuses with the same bound.
   */
  public static long minimumPages(long tableRows, PageSetup page) {
    PageSetup p = page == null ? PageSetup.DEFAULT : page;
    double heightPt = p.millimetres()[1] * 72 / 25.4;
    return (long) Math.floor(tableRows * MIN_ROW_HEIGHT_PT / heightPt);
  }

  static boolean containsRtl(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 0x0590) continue; // everything below Hebrew is left-to-right or neutral
      byte dir = Character.getDirectionality(cp);
      if (dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
          || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_EMBEDDING
          || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_OVERRIDE
          || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ISOLATE) {
        return true;
      }
    }
    return false;
  }
}
