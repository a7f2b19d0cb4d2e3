package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameSharp;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderInput;
import dev.platen.render.html.HtmlPdfEngine;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inline {@code <svg>} drawings (a logo, an icon beside a heading, a barcode, a gradient mark) drawn directly: the
 * same Batik drawing as openhtmltopdf's, byte for byte, in a box of the same size at the same place.
 */
class HtmlSvgEquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());

  static final String LOGO = "<svg width=\"44\" height=\"44\" viewBox=\"0 0 44 44\""
      + " xmlns=\"http://www.w3.org/2000/svg\">"
      + "<rect x=\"2\" y=\"2\" width=\"40\" height=\"40\" rx=\"6\" fill=\"#0b3d6e\"/>"
      + "<path d=\"M10 32 L22 10 L34 32 Z\" fill=\"#ffffff\"/><rect x=\"18\" y=\"24\" width=\"8\" height=\"8\""
      + " fill=\"#f2a900\"/></svg>";

  static final String GRADIENT = "<svg width=\"32\" height=\"32\" viewBox=\"0 0 32 32\" aria-hidden=\"true\">"
      + "<defs><linearGradient id=\"g\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\"><stop offset=\"0\" stop-color=\"#8b7dff\"/>"
      + "<stop offset=\"1\" stop-color=\"#5140e6\"/></linearGradient></defs>"
      + "<rect width=\"32\" height=\"32\" rx=\"9\" fill=\"url(#g)\"/>"
      + "<path d=\"M9 19a5 5 0 0 1 4.6-5 6.5 6.5 0 0 1 12.3 2.2A3.8 3.8 0 0 1 25 23.5H12.5A3.6 3.6 0 0 1 9 19z\""
      + " fill=\"#fff\"/></svg>";

  static String barcode() {
    StringBuilder s = new StringBuilder("<svg class=\"barcode\" width=\"200\" height=\"40\" viewBox=\"0 0 200 40\">"
        + "<g fill=\"#000\">");
    for (int x = 2, i = 0; x < 196; x += 3 + i % 3, i++) {
      s.append("<rect x=\"").append(x).append("\" y=\"0\" width=\"").append(1 + i % 3).append("\" height=\"34\"/>");
    }
    return s.append("</g></svg>").toString();
  }

  /** Where openhtmltopdf's default sheet puts it: a block of its own, in the flow, a cell, after a heading. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"flow", "cell", "centred", "margins", "barcode", "gradient", "two", "sized-apart",
      "paragraphs"})
  void aDrawingOnItsOwnLine(String example) throws Exception {
    String html = switch (example) {
      case "flow" -> "<div class=\"head\">" + LOGO + "<h1>Invoice</h1></div><p>Acme Trading Ltd, 1 High Street</p>";
      case "cell" -> "<table width=\"100%\"><tr><td>" + LOGO + "</td><td style=\"text-align: right\">INVOICE<br>"
          + "No. 42</td></tr></table><p>After</p>";
      case "centred" -> "<div class=\"c\">" + LOGO + "</div><p>Thank you</p>";
      case "margins" -> "<div>Before</div>" + LOGO.replace("<svg ", "<svg style=\"margin: 10px 0 0 20px\" ")
          + "<p>After</p>";
      case "barcode" -> "<p>Receipt</p><div class=\"c\">" + barcode() + "</div><p>0048 1202 2824</p>";
      case "gradient" -> "<div class=\"brand\">" + GRADIENT + "<div>Cloudlane</div></div><p>Body</p>";
      case "two" -> "<div>Top</div>" + LOGO + GRADIENT + "<p>Bottom</p>";
      // openhtmltopdf sizes it by its viewBox when it has one (BatikSVGImage.parseDimensions), not by its width
      case "sized-apart" -> "<div>Icon</div>" + LOGO.replace("width=\"44\" height=\"44\"", "width=\"20\" height=\"20\"")
          + "<p>After</p>";
      // its margins and its neighbours' collapse as a block's do
      case "paragraphs" -> "<p>Before</p>" + LOGO.replace("<svg ", "<svg style=\"margin-bottom: 16px\" ")
          + "<p>After</p><h2>Heading</h2>" + GRADIENT + "<h2>Next</h2>";
      default -> throw new IllegalArgumentException(example);
    };
    RenderInput input = drawnDirectly(html,
        "body { font-size: 10pt } .c { text-align: center } td { vertical-align: top }");
    assertSameSharp("svg-" + example, input);
    assertSameDrawings(input);
  }

  /** On a line of text, as an image is: an icon beside a company's name, a tick before a line. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"inline-block", "inline-block; vertical-align: middle",
      "inline-block; margin-right: 8px; vertical-align: middle"})
  void aDrawingOnALineOfText(String display) throws Exception {
    RenderInput input = drawnDirectly("<div class=\"brand\">" + GRADIENT.replace("<svg ", "<svg class=\"mark\" ")
        + " Cloudlane Inc.</div><p>Body</p>", "body { font-size: 11pt } .mark { display: " + display + " }");
    assertSameSharp("svg-line", input);
    assertSameDrawings(input);
  }

  @Test
  void aFloatedDrawing() throws Exception {
    RenderInput input = drawnDirectly("<div class=\"head\">" + LOGO.replace("<svg ", "<svg class=\"logo\" ")
        + "</div><p>Body text below</p>",
        ".logo { float: left; margin-right: 12px } .head { overflow: hidden }");
    assertSameSharp("svg-float", input);
    assertSameDrawings(input);
  }

  /**
   * Drawings of random sizes from a fixed seed: width and height attributes (digits or px) that differ from the
   * viewBox in scale and in ratio (Batik fits it, preserveAspectRatio's default), a viewBox not at the origin, groups
   * with transforms, strokes, placed as a block, on a line of text, floated and in a cell of automatic layout.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void randomDrawings(int seed) throws Exception {
    java.util.Random r = new java.util.Random(seed * 7919L);
    int w = 8 + r.nextInt(160), h = 8 + r.nextInt(90);
    int vw = 10 + r.nextInt(200), vh = r.nextBoolean() ? vw * h / w + 1 : 10 + r.nextInt(120);
    int vx = r.nextBoolean() ? 0 : r.nextInt(20) - 10, vy = r.nextBoolean() ? 0 : r.nextInt(20) - 10;
    String unit = r.nextBoolean() ? "px" : "";
    StringBuilder shapes = new StringBuilder();
    for (int i = 0; i < 1 + r.nextInt(6); i++) {
      String fill = String.format("#%06x", r.nextInt(0x1000000));
      shapes.append(switch (r.nextInt(4)) {
        case 0 -> "<rect x=\"" + r.nextInt(vw) + "\" y=\"" + r.nextInt(vh) + "\" width=\"" + (1 + r.nextInt(vw))
            + "\" height=\"" + (1 + r.nextInt(vh)) + "\" rx=\"" + r.nextInt(6) + "\" fill=\"" + fill + "\"/>";
        case 1 -> "<circle cx=\"" + r.nextInt(vw) + "\" cy=\"" + r.nextInt(vh) + "\" r=\"" + (1 + r.nextInt(30))
            + "\" fill=\"none\" stroke=\"" + fill + "\" stroke-width=\"" + (1 + r.nextInt(4)) + "\"/>";
        case 2 -> "<g transform=\"translate(" + r.nextInt(20) + "," + r.nextInt(20) + ") rotate(" + r.nextInt(90)
            + ")\"><path d=\"M0 0 L" + r.nextInt(vw) + " " + r.nextInt(vh) + " L" + r.nextInt(vw) + " 0 Z\" fill=\""
            + fill + "\"/></g>";
        default -> "<line x1=\"0\" y1=\"" + r.nextInt(vh) + "\" x2=\"" + vw + "\" y2=\"" + r.nextInt(vh)
            + "\" stroke=\"" + fill + "\" stroke-width=\"2\" stroke-linecap=\"round\"/>";
      });
    }
    String svg = "<svg class=\"d\" width=\"" + w + unit + "\" height=\"" + h + unit + "\" viewBox=\"" + vx + " " + vy
        + " " + vw + " " + vh + "\">" + shapes + "</svg>";
    String[] places = {"<div>Top</div>" + svg + "<p>After</p>",
        "<p>Paid with " + svg + " today</p>",
        "<div class=\"f\">" + svg + "</div><p>After</p>",
        "<table class=\"t\"><tr><td>" + svg + "</td><td>Acme Trading Ltd</td></tr></table><p>After</p>"};
    String css = switch (seed % 4) {
      case 1 -> ".d { display: inline-block; vertical-align: middle }";
      case 2 -> ".d { float: right } .f { overflow: hidden }";
      case 3 -> ".t td { border: 1px solid #ccc; padding: 3px }";
      default -> "";
    };
    RenderInput input = drawnDirectly(places[seed % 4], "body { font-size: 10pt } " + css);
    assertSameSharp("svg-random", input);
    assertSameDrawings(input);
  }

  /** What the drawing holds beyond shapes, or a page that styles inside it, goes to openhtmltopdf, named. */
  @Test
  void whatItDoesNotDrawIsNamed() {
    assertThat(refusal("<svg width=\"40\" height=\"20\"><text x=\"0\" y=\"15\">Hi</text></svg>", ""))
        .isEqualTo("the element <text> inside an <svg>");
    assertThat(refusal("<svg width=\"4em\" height=\"2em\"><rect width=\"4\" height=\"2\"/></svg>", ""))
        .isEqualTo("an <svg> without a width and a height attribute in whole pixels");
    assertThat(refusal(LOGO, ".logo path { fill: red }")).isNull();
    assertThat(refusal(LOGO.replace("<svg ", "<svg class=\"logo\" "), ".logo path { fill: red }"))
        .startsWith("a style rule for what is inside an <svg> on ");
    assertThat(refusal(LOGO, "svg { width: 20px }")).startsWith("a CSS size on an <svg> on ");
    assertThat(refusal(LOGO, "svg { display: inline }")).startsWith("CSS display 'inline' on ");
    assertThat(refusal("<svg width=\"{{w}}\" height=\"20\"><rect width=\"4\" height=\"2\"/></svg>", ""))
        .isEqualTo("a Handlebars tag in the 'width' attribute of an <svg>");
  }

  private static String refusal(String html, String css) {
    return Plan.of(HtmlCorpus.of("<div>x</div>" + html, css), PageSetup.DEFAULT).refusal();
  }

  /** The forms both engines drew, page by page: the same content, the same size. */
  private static void assertSameDrawings(RenderInput input) throws Exception {
    List<String> html = forms(HTML.render(input));
    List<String> direct = forms(DIRECT.render(input));
    assertThat(direct).isNotEmpty().isEqualTo(html);
  }

  private static List<String> forms(byte[] pdf) throws IOException {
    List<String> out = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      for (PDPage page : doc.getPages()) {
        for (COSName name : page.getResources().getXObjectNames()) {
          PDXObject x = page.getResources().getXObject(name);
          if (x instanceof PDFormXObject form) {
            try (InputStream in = form.getContents()) {
              out.add(form.getBBox() + " " + form.getMatrix() + "\n" + new String(in.readAllBytes()));
            }
          }
        }
      }
    }
    return out;
  }
}
