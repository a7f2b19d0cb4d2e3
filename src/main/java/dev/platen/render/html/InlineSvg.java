package dev.platen.render.html;

import dev.platen.render.RenderException;
import dev.platen.render.images.ImageEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * An {@code <svg>} written inside an HTML layout (a logo, an icon, a barcode of rectangles), kept as drawing only.
 * What could load, link or run something is taken out before any engine sees it: scripts, foreign HTML,
 * {@code <image>} (an SVG image fetches; a logo as a raster goes in an {@code <img>}, through the image guard),
 * animation and event handlers, and every reference but one to an element of the same drawing ({@code href="#id"},
 * {@code url(#id)}): attributes and style sheets naming anything else go.
 * What is left is then held to the limits of an SVG image ({@link ImageEmbedder#checkSvg}: elements, depth and
 * the copies references draw, no {@code @import}), so a layout cannot hand Batik more than an {@code <img>} can.
 * Batik then draws it with scripts and external resources off, as for SVG images.
 */
final class InlineSvg {
  private InlineSvg() {}

  private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
  private static final String XLINK_NAMESPACE = "http://www.w3.org/1999/xlink";

  /** Elements that load, link, run or animate; removed with their content. */
  private static final Set<String> REMOVED = Set.of("script", "foreignobject", "image", "feimage", "iframe", "video",
      "audio", "canvas", "animate", "animatemotion", "animatetransform", "animatecolor", "set", "discard",
      "handler", "listener", "prefetch", "tbreak");

  /**
   * A CSS url() to anything but an element of the drawing: with external resources off, Batik fails the whole
   * drawing on one, so the declaration goes and the rest is drawn.
   */
  private static final Pattern EXTERNAL_URL = Pattern.compile("url\\(\\s*(?!['\"]?\\s*#)", Pattern.CASE_INSENSITIVE);

  /** Elements that draw what their reference points at, and without one are an error to Batik. */
  private static final Set<String> DRAWS_ITS_REFERENCE = Set.of("use", "tref", "textpath", "mpath");

  /** @return the drawing as the XML document the check read ({@link #xml}) */
  static String clean(Element svg, ImageEmbedder images) throws RenderException {
    List<Element> removed = new ArrayList<>();
    List<Element> unwrapped = new ArrayList<>();
    boolean[] xlink = {false};
    NodeTraversor.filter(new NodeFilter() {
      @Override public FilterResult head(Node n, int depth) {
        if (!(n instanceof Element e)) return FilterResult.CONTINUE;
        String tag = e.normalName().toLowerCase(Locale.ROOT);
        if (REMOVED.contains(tag) || (tag.equals("style") && EXTERNAL_URL.matcher(e.data()).find())) {
          removed.add(e);
          return FilterResult.SKIP_ENTIRELY;
        }
        // a link inside a drawing is not followed in a PDF anyway; its shapes stay
        if (tag.equals("a") && e != svg) unwrapped.add(e);
        if (DRAWS_ITS_REFERENCE.contains(tag) && !ownReference(e.attr("href")) && !ownReference(e.attr("xlink:href"))) {
          removed.add(e); // Batik fails the whole drawing on a <use> that points nowhere
          return FilterResult.SKIP_ENTIRELY;
        }
        for (Attribute a : e.attributes().asList()) {
          String name = a.getKey().toLowerCase(Locale.ROOT);
          boolean ownReference = ownReference(a.getValue());
          if (name.equals("xlink:href") && ownReference) {
            xlink[0] = true;
          } else if (name.equals("href") && ownReference) {
            // Batik reads references from the XLink namespace only; SVG 2 writes them without it
            e.removeAttr(a.getKey());
            e.attr("xlink:href", a.getValue().trim());
            xlink[0] = true;
          } else if (name.startsWith("on") || name.contains(":") || name.equals("href") || name.equals("xmlns")
              || name.equals("src") || EXTERNAL_URL.matcher(a.getValue()).find()) {
            e.removeAttr(a.getKey());
          }
        }
        return FilterResult.CONTINUE;
      }

      @Override public FilterResult tail(Node n, int depth) {
        return FilterResult.CONTINUE;
      }
    }, svg);
    for (Element e : removed) e.remove();
    for (Element e : unwrapped) e.unwrap();
    svg.attr("xmlns", SVG_NAMESPACE);
    if (xlink[0]) svg.attr("xmlns:xlink", XLINK_NAMESPACE);
    String xml = xml(svg);
    images.checkSvg("<svg> in the layout", xml);
    return xml;
  }

  private static boolean ownReference(String href) {
    return href.trim().startsWith("#");
  }

  /** The element as an XML document of its own, the form the image guard and Batik read. */
  static String xml(Element svg) {
    Document holder = new Document("");
    holder.outputSettings(Html.xhtmlOutput());
    Element copy = svg.clone();
    holder.appendChild(copy);
    return copy.outerHtml();
  }
}
