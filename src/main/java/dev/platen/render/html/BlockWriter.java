package dev.platen.render.html;

import static dev.platen.render.html.CanvasHtml.list;
import static dev.platen.render.html.CanvasHtml.string;
import static dev.platen.render.html.CanvasHtml.styleAttr;

import dev.platen.render.Css;
import dev.platen.render.Placeholders;
import dev.platen.render.RenderException;
import dev.platen.render.images.ImageSource;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Writes one canvas block as XHTML. An unknown block type fails the render with the block's path. */
final class BlockWriter {
  /** In a running header or footer these name the page counters instead of data. */
  private static final Pattern PAGE_TOKEN = Pattern.compile("\\{\\{\\s*(page|pages)\\s*}}");
  static final String DEFAULT_PAGE_FORMAT = "Page {{page}} of {{pages}}";

  private final JsonNode data;
  private final ImageSource images;
  private final ValueHtml values;
  private final LoopTable tables;
  private final CodeBlocks codes;
  private boolean running;

  BlockWriter(JsonNode data, ImageSource images) {
    this.data = data;
    this.images = images;
    this.values = new ValueHtml(images);
    this.tables = new LoopTable(data, values);
    this.codes = new CodeBlocks(data);
  }

  /** Rows written by all table blocks so far. */
  long tableRows() {
    return tables.rowsWritten();
  }

  /** While set, blocks are written for a running header or footer, where page tokens count pages. */
  void running(boolean running) {
    this.running = running;
  }

  void write(StringBuilder out, JsonNode block, String path) throws RenderException {
    String type = string(block, "type");
    JsonNode props = block.path("props");
    boolean keep = CanvasHtml.flag(props, "keepTogether");
    if (keep) out.append("<div class=\"keep\">");
    switch (type == null ? "" : type) {
      case "heading" -> heading(out, props);
      case "text" -> text(out, props);
      case "keyValue" -> keyValue(out, props, path);
      case "image" -> image(out, props);
      case "table" -> tables.write(out, props, path);
      case "divider" -> divider(out, props);
      case "spacer" -> spacer(out, props);
      case "button" -> button(out, props);
      case "pageBreak" -> out.append("<div class=\"page-break\"></div>");
      case "html" -> html(out, props);
      case "qr" -> codes.qr(out, props, path);
      case "barcode" -> codes.barcode(out, props, path);
      case "pageNumber" -> pageNumber(out, props);
      default -> throw new RenderException("unknown block type '" + shorten(type) + "' at " + path, false);
    }
    if (keep) out.append("</div>");
  }

  private void heading(StringBuilder out, JsonNode props) {
    String level = string(props, "as");
    String tag = level != null && level.matches("h[1-6]") ? level : "h2";
    StringBuilder style = new StringBuilder();
    Css.put(style, "text-align", Css.align(props.path("align")));
    Css.put(style, "color", Css.color(props.path("color")));
    out.append('<').append(tag).append(styleAttr(style)).append('>')
        .append(content(string(props, "content")))
        .append("</").append(tag).append('>');
  }

  private void text(StringBuilder out, JsonNode props) {
    StringBuilder style = new StringBuilder();
    Css.put(style, "text-align", Css.align(props.path("align")));
    Css.put(style, "font-size", Css.length(props.path("fontSize")));
    Css.put(style, "color", Css.color(props.path("color")));
    Css.put(style, "font-weight", Css.fontWeight(props.path("fontWeight")));
    Css.put(style, "line-height", Css.lineHeight(props.path("lineHeight")));
    Css.put(style, "margin", Css.box(props.path("margin")));
    Css.put(style, "padding", Css.box(props.path("padding")));
    out.append("<p class=\"text\"").append(styleAttr(style)).append('>')
        .append(content(string(props, "content")))
        .append("</p>");
  }

  /**
   * "Page X of Y" or any text with {@code {{page}}} and {@code {{pages}}}. The numbers come from the engine's
   * page counters, which only exist in the page margins, so outside a running header or footer the block prints
   * nothing rather than a wrong number.
   */
  private void pageNumber(StringBuilder out, JsonNode props) {
    if (!running) return;
    String format = string(props, "format");
    StringBuilder style = new StringBuilder();
    Css.put(style, "text-align", Css.align(props.path("align")));
    Css.put(style, "font-size", Css.length(props.path("fontSize")));
    Css.put(style, "color", Css.color(props.path("color")));
    out.append("<p class=\"text page-number\"").append(styleAttr(style)).append('>')
        .append(content(format == null || format.isBlank() ? DEFAULT_PAGE_FORMAT : format))
        .append("</p>");
  }

  /** Plain text content: placeholders filled, escaped, line breaks kept, page tokens live in running blocks. */
  private String content(String template) {
    if (!running || template == null) return Html.multiline(Placeholders.fill(template, data));
    StringBuilder html = new StringBuilder();
    Matcher m = PAGE_TOKEN.matcher(template);
    int from = 0;
    while (m.find()) {
      html.append(Html.multiline(Placeholders.fill(template.substring(from, m.start()), data)));
      html.append(m.group(1).equals("page") ? "<span class=\"page-no\"></span>" : "<span class=\"page-count\"></span>");
      from = m.end();
    }
    return html.append(Html.multiline(Placeholders.fill(template.substring(from), data))).toString();
  }

  private void keyValue(StringBuilder out, JsonNode props, String path) throws RenderException {
    List<JsonNode> items = list(props, "items", path + ".props");
    if (items.isEmpty()) return;
    out.append("<table class=\"kv\">");
    for (JsonNode item : items) {
      JsonNode value = Placeholders.lookup(data, string(item, "path"));
      out.append("<tr><th>").append(Html.escape(string(item, "label"))).append("</th><td>")
          .append(values.render(value, string(item, "dataType"), string(item, "format")))
          .append("</td></tr>");
    }
    out.append("</table>");
  }

  private void image(StringBuilder out, JsonNode props) throws RenderException {
    String src = fill(props, "src").trim();
    if (src.isEmpty()) return; // an optional image variable left empty: draw nothing rather than fail
    StringBuilder wrapper = new StringBuilder();
    Css.put(wrapper, "text-align", Css.align(props.path("align")));
    StringBuilder size = new StringBuilder();
    String width = Css.length(props.path("width"));
    Css.put(size, "width", width);
    Css.put(size, "height", Css.length(props.path("height")));
    // only without a declared width: openhtmltopdf applies max-width to the intrinsic size and then ignores
    // the declared one, so a large image given a small width would still fill the column
    if (width == null) Css.put(size, "max-width", "100%");
    out.append("<div class=\"image\"").append(styleAttr(wrapper)).append('>');
    String href = string(props, "href");
    boolean linked = href != null && ValueHtml.isWebLink(Placeholders.fill(href, data));
    if (linked) out.append("<a href=\"").append(Html.escape(Placeholders.fill(href, data).trim())).append("\">");
    out.append("<img src=\"").append(Html.escape(images.dataUri(src))).append("\" alt=\"")
        .append(Html.escape(fill(props, "alt"))).append('"').append(styleAttr(size)).append("/>");
    if (linked) out.append("</a>");
    out.append("</div>");
  }

  private static void divider(StringBuilder out, JsonNode props) {
    String thickness = Css.length(props.path("thickness"));
    String color = Css.color(props.path("color"));
    StringBuilder style = new StringBuilder("border-top:")
        .append(thickness == null ? "1px" : thickness).append(" solid ")
        .append(color == null ? "#cccccc" : color).append(';');
    Css.put(style, "width", Css.length(props.path("width")));
    out.append("<div class=\"divider\"").append(styleAttr(style)).append("></div>");
  }

  private static void spacer(StringBuilder out, JsonNode props) {
    String height = Css.length(props.path("height"));
    out.append("<div class=\"spacer\" style=\"height:").append(height == null ? "16px" : height).append("\"></div>");
  }

  /** A link styled as a button; without a usable http(s) or mailto target it is drawn as a plain label. */
  private void button(StringBuilder out, JsonNode props) {
    StringBuilder wrapper = new StringBuilder();
    Css.put(wrapper, "text-align", Css.align(props.path("align")));
    StringBuilder style = new StringBuilder();
    Css.put(style, "background-color", Css.color(props.path("backgroundColor")));
    Css.put(style, "color", Css.color(props.path("color")));
    String href = fill(props, "href").trim();
    boolean linked = ValueHtml.isWebLink(href) || href.regionMatches(true, 0, "mailto:", 0, 7);
    out.append("<div class=\"button-block\"").append(styleAttr(wrapper)).append('>');
    out.append(linked ? "<a class=\"button\" href=\"" + Html.escape(href) + "\"" : "<span class=\"button\"")
        .append(styleAttr(style)).append('>')
        .append(Html.escape(fill(props, "label")))
        .append(linked ? "</a>" : "</span>")
        .append("</div>");
  }

  /** Raw markup from the author; placeholder values are escaped before the whole fragment is cleaned. */
  private void html(StringBuilder out, JsonNode props) throws RenderException {
    String raw = string(props, "html");
    if (raw == null) raw = string(props, "content");
    String filled = raw == null ? "" : Placeholders.fill(raw, data, Html::escape);
    out.append("<div class=\"html\">").append(HtmlFragment.sanitize(filled, images)).append("</div>");
  }

  private String fill(JsonNode props, String field) {
    return Placeholders.fill(string(props, field), data);
  }

  private static String shorten(String s) {
    if (s == null) return "";
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
