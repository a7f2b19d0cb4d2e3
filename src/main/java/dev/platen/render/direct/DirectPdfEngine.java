package dev.platen.render.direct;

import dev.platen.render.EngineFailures;
import dev.platen.render.EngineSettings;
import dev.platen.render.PageSetup;
import dev.platen.render.PdfEngine;
import dev.platen.render.Placeholders;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.render.Units;
import dev.platen.render.WarmUpDocument;
import dev.platen.render.html.CanvasHtml;
import dev.platen.render.html.HtmlLayout;
import dev.platen.render.html.HtmlPdfEngine;
import dev.platen.render.images.AddressPolicy;
import dev.platen.render.images.GuardedImageLoader;
import dev.platen.render.images.ImageEmbedder;
import dev.platen.render.pdf.Compression;
import dev.platen.render.pdf.PdfIdentity;
import dev.platen.render.pdf.Watermark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Canvas layouts drawn straight with PDFBox: text measured with the bundled DejaVu faces, lines and pages broken
 * here, no HTML and no CSS engine in between. The HTML engine costs about 8 ms for a one-page invoice and 170 ms
 * for 1,000 table rows (docs/decisions.md S2), most of it in CSS cascade and layout; this path keeps the same
 * fonts, sizes and box model (see {@link Styles}) so the two print the same documents, and breaks tables at the
 * same rows.
 *
 * <p>Only layouts for which {@link #supports} is true are drawn; use it through {@link RoutingPdfEngine}, which
 * sends the others (and documents found to need shaping or bidi while measuring) to the HTML engine. Whether a
 * layout is drawn depends on the layout alone ({@link Plan}); what depends on the data (glyphs, scripts, image
 * formats) is found while laying it out and reported as {@link Unsupported}.
 * Thread-safe; fonts are parsed once per thread, as in the HTML engine.
 */
public final class DirectPdfEngine implements PdfEngine {
  private static final Logger log = LoggerFactory.getLogger(DirectPdfEngine.class);

  private static final int WARM_UP_RENDERS = 1;

  private final EngineSettings settings;
  private final GuardedImageLoader images;

  public DirectPdfEngine(EngineSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.images = new GuardedImageLoader(settings, AddressPolicy.of(settings));
    Compression.useFastDeflate();
  }

  /** Whether this engine draws the layout; false for html and button blocks, box styles, links and the like. */
  public static boolean supports(JsonNode layout) {
    return Support.supports(layout);
  }

  /**
   * Renders a sample document on the calling thread so class loading and font parsing are not paid by a user
   * (docs/benchmarks.md: first invoice 700 ms cold, 140 ms after this). Repeating it 30 times did not make the
   * first real render faster, so it runs once.
   */
  public void warmUp() {
    try {
      RenderInput sample = WarmUpDocument.input();
      for (int i = 0; i < WARM_UP_RENDERS; i++) render(sample);
    } catch (RenderException e) {
      throw new IllegalStateException("the direct PDF engine failed its warm-up render: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] render(RenderInput input) throws RenderException {
    Objects.requireNonNull(input, "input");
    return render(Plan.of(input.layout(), input.page()), input);
  }

  @Override
  public Prepared prepare(JsonNode layout, PageSetup page) {
    Plan plan = Plan.of(layout, page);
    return input -> render(plan, input);
  }

  byte[] render(Plan plan, RenderInput input) throws RenderException {
    Objects.requireNonNull(input, "input");
    plan.check(input);
    if (plan.refusal() != null) throw new Unsupported(plan.refusal());
    try {
      return draw(plan, input);
    } catch (Sink.PageLimit e) {
      throw new RenderException(e.message, false);
    } catch (RenderException e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      log.warn("render failed unexpectedly", e);
      throw EngineFailures.of(e);
    }
  }

  /**
   * A page length as openhtmltopdf has it, in points: in whole dots, the page's height and each margin rounded on
   * its own (measured: A4 with 20 mm margins leaves 19,426 dots, 728.475 pt, for content, not 728.504), which
   * decides whether a line ending at the bottom moves to the next page.
   */
  private static double dots(double points) {
    return Math.round(points * HtmlStyle.DOTS_PER_POINT) / HtmlStyle.DOTS_PER_POINT;
  }

  private byte[] draw(Plan plan, RenderInput input) throws IOException, RenderException {
    PageSetup page = plan.setup();
    double width = plan.width();
    double height = plan.height();
    double top = plan.top();
    double right = plan.right();
    double bottom = plan.bottom();
    double left = plan.left();
    String tooMany = "document exceeds " + Units.count(settings.maxPages()) + " pages";
    if (HtmlPdfEngine.minimumPages(tableRows(plan, input.data()), page) > settings.maxPages()) {
      throw new RenderException(tooMany, false);
    }
    Fonts.Pair fonts = Fonts.current();
    try (PDDocument doc = new PDDocument()) {
      ImageEmbedder embedder = new ImageEmbedder(images);
      Layout layout = new Layout(input.data(), fonts, embedder, doc, page.printBackground());
      double[] box = {width, height, top, right, bottom, left};
      // page 1's box after @page :first (the others' when there is none)
      double[] first = plan.first() == null ? box : plan.first();
      Sink.Pages pages = plan.html()
          ? new Sink.Pages(left, top, dots(height) - dots(top) - dots(bottom), first[5], first[2],
              dots(height) - dots(first[2]) - dots(first[4]), settings.maxPages(), tooMany)
          : new Sink.Pages(left, top, height - top - bottom, settings.maxPages(), tooMany);
      HtmlFlow flow = null;
      if (plan.html()) {
        HtmlLayout.Expanded html = HtmlLayout.expand(input, embedder);
        if (HtmlSubset.raw(input.layout())) {
          String refusal = HtmlSubset.rendered(html.document(), input.layout());
          if (refusal != null) throw new Unsupported(refusal + " (markup from the data)");
        }
        HtmlSvg.detach(html.drawings());
        layout.drawings(html.drawings());
        flow = plan.styles().flow(html.document(), plan.sheets(), fonts, layout, page.printBackground());
        // measured, openhtmltopdf lays the whole flow at page 1's content width (HtmlPage.first)
        flow.document(html.document(), first[0] - first[3] - first[5], pages);
      } else {
        layout.sections(input.layout(), width - left - right, pages);
      }
      List<List<Ops>> laid = pages.finish();

      EmbeddedFont regular = new EmbeddedFont(fonts.regular());
      EmbeddedFont bold = new EmbeddedFont(fonts.bold());
      MessageDigest digest = sha256();
      layout.digestImages(digest);
      Painter painter = new Painter(doc, regular, bold, fonts, new PDRectangle((float) width, (float) height), digest);
      Face face = fonts.regular();
      double footerLine = (face.ascent + face.descent) * Styles.FOOTER_SIZE;
      double footerBaseline = height - bottom + (bottom - footerLine) / 2 + face.ascent * Styles.FOOTER_SIZE;
      String total = Integer.toString(laid.size());
      // position: fixed elements, the same on every page, painted over the flow
      List<Ops> fixed = flow == null ? List.of()
          : flow.positioned.fixed(left, top, width - left - right, height - top - bottom);
      if (!fixed.isEmpty() && !java.util.Arrays.equals(first, box)) {
        throw new Unsupported("a position: fixed element with an @page :first rule (not compared with openhtmltopdf)");
      }
      for (int i = 0; i < laid.size(); i++) {
        List<Ops.Text> margins;
        List<Ops> ops = laid.get(i);
        if (plan.margins() != null) {
          List<Ops> boxes = i == 0 ? plan.firstMargins().ops(1, laid.size(), first, fonts, flow)
              : plan.margins().ops(i + 1, laid.size(), box, fonts, flow);
          margins = new java.util.ArrayList<>(boxes.size());
          List<Ops> shapes = new java.util.ArrayList<>(0);
          for (Ops op : boxes) {
            if (op instanceof Ops.Text t) margins.add(t);
            else shapes.add(op);
          }
          if (!fixed.isEmpty()) flow.positioned.fixedOverText(fixed, ops);
          if (!shapes.isEmpty() || !fixed.isEmpty()) {
            // a running element's borders and backgrounds first: the margin boxes are painted before the page
            List<Ops> all = new java.util.ArrayList<>(shapes.size() + ops.size() + fixed.size());
            all.addAll(shapes);
            all.addAll(ops);
            all.addAll(fixed);
            ops = all;
          }
        } else {
          String label = "Page " + (i + 1) + " of " + total;
          double w = Text.width(face, label, Styles.FOOTER_SIZE, 0);
          margins = List.of(new Ops.Text(left + (width - left - right - w) / 2, footerBaseline, false,
              Styles.FOOTER_SIZE, Styles.FOOTER_RGB, 0, label));
        }
        painter.page(ops, margins);
        laid.set(i, null); // drawn: let a long document's ops go
      }
      regular.finish(doc);
      bold.finish(doc);
      // the watermark draws through PDFBox, with its own subset of the bold face (subset by PDFBox at save)
      if (input.watermark()) Watermark.stamp(doc, PDType0Font.load(doc, fonts.bold().ttf, true));
      String title = CanvasHtml.title(input);
      String content = "direct\u0000" + HexFormat.of().formatHex(digest.digest()) + '\u0000' + page + '\u0000' + title;
      PdfIdentity.apply(doc, title, input.documentDate(),
          PdfIdentity.digest(content, input.watermark(), input.documentDate()));
      ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
      doc.save(out);
      return out.toByteArray();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Loop rows in the document, to refuse a runaway document before laying it out (as the HTML engine does). */
  private static long tableRows(Plan plan, JsonNode data) {
    long rows = 0;
    for (String loop : plan.loops()) {
      JsonNode items = Placeholders.lookup(data, loop);
      if (items.isArray()) rows += items.size();
    }
    return rows;
  }
}
