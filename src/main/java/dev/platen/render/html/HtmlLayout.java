package dev.platen.render.html;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.render.Units;
import dev.platen.render.ValueFormatter;
import dev.platen.render.handlebars.HtmlTemplate;
import dev.platen.render.handlebars.Rendering;
import dev.platen.render.images.CodeImages;
import dev.platen.render.images.ImageEmbedder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.XmlDeclaration;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An HTML layout ({@code {"html": "…", "css": "…"}}, docs/html-layouts.md) turned into the XHTML the PDF engine
 * lays out: the Handlebars template applied to the data, parsed leniently by jsoup, stripped of everything that
 * could make the engine reach out (scripts, frames, links to style sheets; an inline SVG keeps its drawing only,
 * {@link InlineSvg}), remote images fetched through the same guarded loader as canvas images, and the page set up
 * by {@link DocumentCss} from pageConfig.
 */
public final class HtmlLayout {
  private HtmlLayout() {}

  /**
   * An HTML layout applied to a render's data and cleaned as for the HTML engine, before any style is added.
   *
   * @param css the layout's {@code css}, which the document gets after the base sheet and before its own
   *     {@code <style>} elements
   * @param drawings each inline {@code <svg>} left in the document, as the XML its check read ({@link InlineSvg#xml})
   */
  public record Expanded(Document document, String css, Map<Element, String> drawings) {}

  /** Elements that only load, run or embed something else; none of them draws text in a PDF. */
  private static final Set<String> REMOVED = Set.of("script", "noscript", "iframe", "frame", "frameset", "object",
      "embed", "applet", "link", "base", "meta", "math", "audio", "video", "source", "track", "portal");

  public static boolean isHtml(JsonNode layout) {
    return layout != null && layout.isObject() && layout.path("html").isString();
  }

  static String build(RenderInput input, ImageEmbedder images) throws RenderException {
    Expanded expanded = expand(input, images);
    Document doc = expanded.document();
    PageSetup page = input.page() == null ? PageSetup.DEFAULT : input.page();
    Element head = doc.head();
    head.select("title").remove();
    head.prependElement("style").appendChild(new DataNode(styleText(expanded.css())));
    head.prependElement("style").appendChild(new DataNode(DocumentCss.of(page)));
    head.prependElement("title").text(nonNull(CanvasHtml.title(input)));
    doc.outputSettings(Html.xhtmlOutput());
    return doc.outerHtml();
  }

  /** The style rules every HTML layout starts from (fonts, heading sizes), without the page rule. */
  public static String baseCss() {
    return DocumentCss.base();
  }

  /** The template applied to the data, parsed and cleaned; the direct engine lays out the same tree. */
  public static Expanded expand(RenderInput input, ImageEmbedder images) throws RenderException {
    JsonNode layout = input.layout();
    HtmlTemplate template;
    try {
      template = HtmlTemplate.compile(layout.path("html").stringValue(), CanvasHtml.string(layout, "css"));
    } catch (HtmlTemplate.SyntaxError e) {
      // publish-time checks refuse these; only a layout stored before them can get here
      throw new RenderException("the HTML layout has a " + e.describe(), false);
    }
    String body = template.apply(input.data(), new Services());
    Document doc = Jsoup.parse(Html.withoutXmlInvalidChars(body));
    return new Expanded(doc, template.css(), clean(doc, images));
  }

  /**
   * One walk over the tree (a 1,000-row document has some 7,000 elements; a select per removed tag walked it 17
   * times, a fifth of the direct engine's time for it): what loads or runs something is dropped with everything
   * inside it, comments and prefixed names go, attributes, links and images are checked in place. The tree is
   * changed after the walk, not during it.
   *
   * @return each inline {@code <svg>} left, with the XML its check read
   */
  private static Map<Element, String> clean(Document doc, ImageEmbedder images) throws RenderException {
    List<Node> removed = new ArrayList<>();
    List<Element> svgs = new ArrayList<>();
    List<Element> unwrapped = new ArrayList<>();
    List<Element> imgs = new ArrayList<>();
    NodeTraversor.filter(new NodeFilter() {
      @Override public FilterResult head(Node n, int depth) {
        if (n instanceof DocumentType || n instanceof XmlDeclaration || n instanceof Comment) {
          removed.add(n);
          return FilterResult.SKIP_ENTIRELY;
        }
        if (!(n instanceof Element e) || n instanceof Document) return FilterResult.CONTINUE;
        String tag = e.normalName();
        if (REMOVED.contains(tag)) {
          removed.add(e);
          return FilterResult.SKIP_ENTIRELY;
        }
        if (tag.equals("svg")) {
          svgs.add(e); // a drawing, with SVG's own rules for what it may hold
          return FilterResult.SKIP_ENTIRELY;
        }
        // a prefixed name (xi:include, Word's o:p) is an unbound namespace prefix in the XHTML: keep its content
        if (e.tagName().indexOf(':') >= 0) unwrapped.add(e);
        dropAttributes(e);
        switch (tag) {
          // jsoup writes a style element's text raw, not in a CDATA section, once it contains "<![CDATA["
          case "style" -> {
            for (DataNode data : e.dataNodes()) data.setWholeData(cssText(data.getWholeData()));
          }
          case "a" -> {
            if (e.hasAttr("href")) {
              String href = e.attr("href").trim().toLowerCase(Locale.ROOT);
              if (!(href.startsWith("http:") || href.startsWith("https:") || href.startsWith("mailto:")
                  || href.startsWith("#"))) {
                e.removeAttr("href");
              }
            }
          }
          case "img" -> imgs.add(e);
          default -> {}
        }
        return FilterResult.CONTINUE;
      }

      @Override public FilterResult tail(Node n, int depth) {
        return FilterResult.CONTINUE;
      }
    }, doc);
    for (Node n : removed) n.remove();
    Map<Element, String> drawings = svgs.isEmpty() ? Map.of() : new IdentityHashMap<>();
    for (Element svg : svgs) drawings.put(svg, InlineSvg.clean(svg, images));
    for (Element img : imgs) {
      String src = img.attr("src").trim();
      String lower = src.toLowerCase(Locale.ROOT);
      if (lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("data:")) {
        img.attr("src", images.dataUri(src));
      } else {
        img.remove(); // file:, relative paths and other schemes name nothing the engine may read
      }
    }
    for (Element e : unwrapped) {
      if (e.parent() != null) e.unwrap();
    }
    return drawings;
  }

  /** Event handlers and URL-bearing attributes the engine might resolve; images are handled on their own. */
  private static void dropAttributes(Element e) {
    for (Attribute a : e.attributes().asList()) {
      String name = a.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("on") || name.equals("srcset") || name.equals("background") || name.equals("xmlns")
          || name.contains(":") || name.equals("data") || name.equals("poster") || name.equals("formaction")
          || name.equals("action")) {
        e.removeAttr(a.getKey());
      }
    }
  }

  /** The author's CSS inside a style element: nothing in it may close the element or the CDATA around it. */
  private static String styleText(String css) {
    return cssText(Html.withoutXmlInvalidChars(css));
  }

  /**
   * CSS that stays text in XHTML: jsoup wraps a style element's text in a CDATA section unless it already holds
   * "<![CDATA[", and then writes it raw, where that opens a section nothing closes (or, closed, lets markup
   * through). A backslash before a character is the character itself in CSS, so the style sheet means the same.
   */
  private static String cssText(String css) {
    return css.replace("</", "<\\/").replace("]]>", "]]\\>").replace("<![CDATA[", "<\\![CDATA[");
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  /** The canvas engine's formatting and drawing, lent to the template's helpers. */
  private static final class Services implements Rendering {
    private final ValueFormatter formatter = new ValueFormatter();

    @Override public String currency(Object amount, String code) {
      // an infinite double (1e999 in unvalidated data) has no BigDecimal: it prints as its text instead
      boolean finite = !(amount instanceof Double d && !Double.isFinite(d))
          && !(amount instanceof Float f && !Float.isFinite(f));
      JsonNode node = amount instanceof BigDecimal d ? JsonNodeFactory.instance.numberNode(d)
          : amount instanceof Number n && finite ? JsonNodeFactory.instance.numberNode(new BigDecimal(n.toString()))
          : JsonNodeFactory.instance.stringNode(String.valueOf(amount));
      return formatter.format(node, "currency", code == null ? null : "currency:" + code);
    }

    @Override public String qrDataUri(String value) throws RenderException {
      try {
        return CodeImages.qr(value, ErrorCorrectionLevel.M).dataUri();
      } catch (WriterException | IllegalArgumentException e) {
        throw new RenderException("a QR code cannot hold its value (" + Units.count(value.length())
            + " characters)", false);
      }
    }

    @Override public String barcodeDataUri(String value, String format) throws RenderException {
      String f = format == null ? "code128" : format.trim().toLowerCase(Locale.ROOT).replace("-", "");
      CodeImages.BarcodeKind kind = switch (f) {
        case "code128" -> CodeImages.BarcodeKind.CODE128;
        case "ean13" -> CodeImages.BarcodeKind.EAN13;
        default -> throw new RenderException("unknown barcode format '" + shorten(format)
            + "'; use code128 or ean13", false);
      };
      try {
        return CodeImages.barcode(value, kind).dataUri();
      } catch (IllegalArgumentException e) {
        throw new RenderException("a barcode cannot encode '" + shorten(value) + "' as "
            + (kind == CodeImages.BarcodeKind.EAN13 ? "EAN-13: it needs 12 digits, or 13 with a valid check digit"
                : "Code 128: it takes printable ASCII characters only"), false);
      }
    }

    private static String shorten(String s) {
      return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
  }
}
