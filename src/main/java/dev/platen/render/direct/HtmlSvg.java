package dev.platen.render.direct;

import com.openhtmltopdf.svgsupport.OpenHtmlUserAgent;
import com.openhtmltopdf.svgsupport.PDFTranscoder;
import com.openhtmltopdf.svgsupport.SVGImageExtension;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import java.awt.geom.AffineTransform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.anim.dom.SVGDOMImplementation;
import org.apache.batik.bridge.BridgeContext;
import org.apache.batik.gvt.GraphicsNode;
import org.apache.batik.transcoder.ErrorHandler;
import org.apache.batik.transcoder.SVGAbstractTranscoder;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.jsoup.nodes.Element;
import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * An inline {@code <svg>} of an HTML layout, drawn as openhtmltopdf 1.1.65 draws it (BatikSVGImage, PDFTranscoder,
 * PdfBoxFastOutputDevice.drawWithGraphics): a replaced element, a block by openhtmltopdf's default sheet, its box
 * sized by its width and height attributes as an image's are (XhtmlNamespaceHandler.applySvgStyles), its viewBox
 * fitted into that box by Batik, painted through PdfBoxGraphics2D into a form whose matrix scales pixels to points.
 * The same Batik, the same user agent with scripts and external resources off, the same Graphics2D: the drawing is
 * the one openhtmltopdf writes.
 *
 * <p>Not drawn here (the document goes to openhtmltopdf): text inside the drawing (openhtmltopdf maps its fonts to
 * its own), elements other than shapes, groups, gradients, clip paths and references, a box not sized by both
 * attributes in pixels, and style rules of the page that reach inside the drawing (openhtmltopdf copies them in).
 */
final class HtmlSvg {
  private HtmlSvg() {}

  /** Elements a drawing may hold here, lower-cased: shapes and what paints or groups them, no text. */
  private static final Set<String> DRAWN = Set.of("g", "path", "rect", "circle", "ellipse", "line", "polyline",
      "polygon", "defs", "lineargradient", "radialgradient", "stop", "title", "desc", "use", "symbol", "clippath");

  /** Why the direct path does not draw this {@code <svg>} of a template or document, or null. */
  static String refusal(Element svg) {
    for (String name : List.of("width", "height", "viewBox", "class", "style")) {
      if (svg.attr(name).contains("{{")) return "a Handlebars tag in the '" + name + "' attribute of an <svg>";
    }
    for (Element e : svg.getAllElements()) {
      if (e == svg) continue;
      String tag = e.normalName().toLowerCase(Locale.ROOT);
      if (!DRAWN.contains(tag)) return "the element <" + e.tagName() + "> inside an <svg>";
    }
    int[] box = box(svg);
    if (box == null) return "an <svg> without a width and a height attribute in whole pixels";
    int[] own = intrinsic(svg);
    if (box[0] <= 0 || box[1] <= 0 || own == null || own[0] <= 0 || own[1] <= 0) {
      return "an <svg> of no width or height";
    }
    return null;
  }

  /**
   * Its box in pixels: its width and height attributes, which openhtmltopdf makes its CSS width and height (digits
   * are pixels); null unless both are whole pixels.
   */
  static int[] box(Element svg) {
    String w = svg.attr("width").trim();
    String h = svg.attr("height").trim();
    if (!PIXELS.matcher(w).matches() || !PIXELS.matcher(h).matches()) return null;
    return new int[] {Integer.parseInt(w.replace("px", "")), Integer.parseInt(h.replace("px", ""))};
  }

  private static final java.util.regex.Pattern PIXELS = java.util.regex.Pattern.compile("[0-9]{1,6}(px)?");

  /**
   * Its size in pixels as BatikSVGImage.parseDimensions finds it: the viewBox's width and height where both are
   * whole numbers (whatever the width and height attributes say), else those attributes as whole numbers; null for
   * what that parses otherwise (units, which it resolves against the box; none, which makes it 400 pixels square).
   */
  static int[] intrinsic(Element svg) {
    String[] viewBox = svg.attr("viewBox").split("\\s+");
    if (viewBox.length == 4) {
      try {
        return new int[] {Integer.parseInt(viewBox[2]), Integer.parseInt(viewBox[3])};
      } catch (NumberFormatException e) {
        // as there: the attributes then
      }
    }
    try {
      return new int[] {Integer.parseInt(svg.attr("width")), Integer.parseInt(svg.attr("height"))};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Takes each drawing out of the document, which then lays its {@code <svg>} out as an empty replaced element; its
   * XML, kept by element ({@link dev.platen.render.html.HtmlLayout.Expanded#drawings}), is what {@link #draw} reads.
   */
  static void detach(Map<Element, String> drawings) {
    for (Element svg : drawings.keySet()) svg.empty();
  }

  /**
   * The drawing as a form of its box's pixels ({@link #box}) whose matrix makes them points.
   *
   * @throws Unsupported where Batik cannot draw it (openhtmltopdf then draws nothing, and logs why)
   */
  static PDFormXObject draw(PDDocument doc, String xml, int[] box, int[] intrinsic) throws Unsupported {
    try {
      Document parsed = parser().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      org.w3c.dom.Element root = parsed.getDocumentElement();
      // BatikSVGImage sets the size it found on the element, then copies the element into a document of its own
      root.setAttribute("width", Integer.toString(intrinsic[0]));
      root.setAttribute("height", Integer.toString(intrinsic[1]));
      DOMImplementation impl = SVGDOMImplementation.getDOMImplementation();
      Document svg = impl.createDocument(SVGDOMImplementation.SVG_NAMESPACE_URI, "svg", null);
      for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
        svg.getDocumentElement().appendChild(svg.importNode(n, true));
      }
      NamedNodeMap attributes = root.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Node a = attributes.item(i);
        svg.getDocumentElement().setAttribute(a.getNodeName(), a.getNodeValue());
      }
      // the box's size as hints, which Batik fits the viewBox into (the box's CSS size, in PDFTranscoder)
      GraphicsNode node = new Transcoder().build(svg, box[0], box[1]);
      PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, box[0], box[1]);
      node.paint(g);
      g.dispose();
      PDFormXObject form = g.getXFormObject();
      // PdfBoxFastOutputDevice: "from 72dpi of the Graphics2D device to our 96dpi"
      form.setMatrix(AffineTransform.getScaleInstance(72f / 96f, 72f / 96f));
      return form;
    } catch (IOException | SAXException | TranscoderException | RuntimeException e) {
      throw new Unsupported("an <svg> Batik cannot draw");
    }
  }

  private static final ThreadLocal<DocumentBuilder> PARSER = new ThreadLocal<>();

  /** A namespace-aware parser that reads no DTD and resolves nothing; the XML is jsoup's own output. */
  private static DocumentBuilder parser() {
    DocumentBuilder b = PARSER.get();
    if (b == null) {
      try {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setExpandEntityReferences(false);
        b = f.newDocumentBuilder();
      } catch (ParserConfigurationException e) {
        throw new IllegalStateException(e);
      }
      PARSER.set(b);
    }
    return b;
  }

  /** PDFTranscoder's building half: its user agent (scripts and external resources off) and bridge. */
  private static final class Transcoder extends SVGAbstractTranscoder {
    GraphicsNode build(Document svg, float width, float height) throws TranscoderException {
      userAgent = new OpenHtmlUserAgent(new PDFTranscoder.OpenHtmlFontResolver(), false, false, null);
      addTranscodingHint(KEY_WIDTH, width);
      addTranscodingHint(KEY_HEIGHT, height);
      addTranscodingHint(KEY_EXECUTE_ONLOAD, false);
      transcode(new TranscoderInput(svg), null);
      return root;
    }

    @Override protected void transcode(Document svg, String uri, TranscoderOutput out) throws TranscoderException {
      super.transcode(svg, uri, out);
    }

    @Override protected BridgeContext createBridgeContext(String svgVersion) {
      return SVGImageExtension.newBridge(svgVersion, userAgent, null);
    }

    @Override protected org.apache.batik.bridge.UserAgent createUserAgent() {
      return null;
    }

    @Override public ErrorHandler getErrorHandler() {
      // what openhtmltopdf logs and goes on past leaves its drawing incomplete: not drawn here
      return new ErrorHandler() {
        @Override public void warning(TranscoderException e) throws TranscoderException {
          throw e;
        }

        @Override public void error(TranscoderException e) throws TranscoderException {
          throw e;
        }

        @Override public void fatalError(TranscoderException e) throws TranscoderException {
          throw e;
        }
      };
    }
  }
}
