package dev.platen.render.html;

import dev.platen.render.Css;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.render.images.ImageSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Turns a canvas layout (sections → rows → columns → blocks, docs/layouts.md) plus render data into the XHTML
 * document the PDF engine lays out. Every piece of text is escaped and every style value checked, so nothing a
 * template author writes reaches the markup unfiltered. Not thread-safe: one instance per render.
 */
public final class CanvasHtml {
  private final BlockWriter blocks;
  private final boolean printBackground;
  private final StringBuilder out = new StringBuilder(16 * 1024);

  private CanvasHtml(JsonNode data, ImageSource images, boolean printBackground) {
    this.blocks = new BlockWriter(data, images);
    this.printBackground = printBackground;
  }

  /**
   * The XHTML for one render, with the number of loop-table rows in it (a cheap lower bound on the page count,
   * checked before layout).
   */
  record Result(String html, long tableRows) {}

  /** The complete XHTML document for one render. */
  static Result build(RenderInput input, ImageSource images) throws RenderException {
    JsonNode layout = input.layout();
    if (layout == null || !layout.isObject()) throw new RenderException("the template has no layout", false);
    PageSetup page = input.page() == null ? PageSetup.DEFAULT : input.page();
    CanvasHtml html = new CanvasHtml(input.data(), images, page.printBackground());
    return new Result(html.document(layout, title(input), page), html.blocks.tableRows());
  }

  /** The document title: the render's own, else the layout's {@code meta.title}. Public for the direct engine. */
  public static String title(RenderInput input) {
    if (input.title() != null && !input.title().isBlank()) return input.title();
    return input.layout() == null ? null : string(input.layout().path("meta"), "title");
  }

  private String document(JsonNode layout, String title, PageSetup page) throws RenderException {
    JsonNode header = layout.path("header");
    JsonNode footer = layout.path("footer");
    boolean hasHeader = header.isArray() || header.isObject();
    boolean hasFooter = footer.isArray() || footer.isObject();
    for (String field : new String[] {"header", "footer"}) {
      JsonNode v = layout.path(field);
      if (!v.isMissingNode() && !v.isNull() && !v.isArray() && !v.isObject()) {
        throw new RenderException("invalid layout: " + field + " is not a list of blocks or a section", false);
      }
    }
    out.append("<html><head><meta charset=\"utf-8\"/><title>").append(Html.escape(title)).append("</title><style>")
        .append(DocumentCss.of(page, hasHeader, hasFooter))
        .append("</style></head><body>");
    // running elements must come before the content so that the first page already carries them
    if (hasHeader) running(layout, "header");
    if (hasFooter) running(layout, "footer");
    List<JsonNode> sections = list(layout, "sections", "");
    for (int i = 0; i < sections.size(); i++) {
      section(sections.get(i), "sections." + i);
    }
    out.append("</body></html>");
    return out.toString();
  }

  /** A header or footer: a list of blocks, or one section with rows. Anything else is a layout error. */
  private void running(JsonNode layout, String field) throws RenderException {
    JsonNode node = layout.path(field);
    out.append("<div class=\"running-").append(field).append("\">");
    blocks.running(true);
    if (node.isArray()) {
      List<JsonNode> items = list(layout, field, "");
      for (int i = 0; i < items.size(); i++) {
        if (!hidden(items.get(i))) blocks.write(out, items.get(i), field + "." + i);
      }
    } else {
      section(node, field);
    }
    blocks.running(false);
    out.append("</div>");
  }

  private void section(JsonNode section, String path) throws RenderException {
    if (hidden(section)) return;
    StringBuilder style = boxStyle(section);
    out.append(flag(section, "keepTogether") ? "<div class=\"section keep\"" : "<div class=\"section\"").append(styleAttr(style)).append('>');
    List<JsonNode> rows = list(section, "rows", path);
    for (int i = 0; i < rows.size(); i++) {
      row(rows.get(i), path + ".rows." + i);
    }
    out.append("</div>");
  }

  private void row(JsonNode row, String path) throws RenderException {
    if (hidden(row)) return;
    List<JsonNode> all = list(row, "columns", path);
    List<Integer> visible = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (!hidden(all.get(i))) visible.add(i);
    }
    StringBuilder rowStyle = boxStyle(row);
    if (flag(row, "keepTogether")) Css.put(rowStyle, "page-break-inside", "avoid");
    if (visible.size() == 1) {
      // a single column needs no table; keeping loop tables out of an outer table keeps their pagination simple
      out.append("<div class=\"row\"").append(styleAttr(rowStyle)).append('>');
      column(all.get(visible.get(0)), path + ".columns." + visible.get(0), null, null);
      out.append("</div>");
      return;
    }
    if (visible.isEmpty()) return;
    double[] widths = columnWidths(all::get, visible);
    String gutter = Css.length(row.path("gutter"));
    out.append("<table class=\"row\"").append(styleAttr(rowStyle)).append("><tr>");
    for (int i = 0; i < visible.size(); i++) {
      int index = visible.get(i);
      column(all.get(index), path + ".columns." + index, widths[i], i == 0 ? null : gutter);
    }
    out.append("</tr></table>");
  }

  private void column(JsonNode column, String path, Double widthPercent, String gutter) throws RenderException {
    StringBuilder style = boxStyle(column);
    Css.put(style, "text-align", Css.align(column.path("align")));
    boolean cell = widthPercent != null;
    if (cell) {
      style.insert(0, "width:" + String.format(Locale.ROOT, "%.3f", widthPercent) + "%;");
      if (gutter != null && !column.has("padding")) style.append("padding-left:").append(gutter).append(';');
      out.append("<td class=\"col\"").append(styleAttr(style)).append('>');
    } else {
      out.append("<div class=\"col\"").append(styleAttr(style)).append('>');
    }
    List<JsonNode> items = list(column, "blocks", path);
    for (int i = 0; i < items.size(); i++) {
      JsonNode block = items.get(i);
      if (!hidden(block)) blocks.write(out, block, path + ".blocks." + i);
    }
    out.append(cell ? "</td>" : "</div>");
  }

  /**
   * Percentages for the visible columns: declared widths kept, the rest shared equally, scaled to 100 if over.
   * Public so the direct engine splits rows exactly as the row tables here do.
   */
  public static double[] columnWidths(java.util.function.IntFunction<JsonNode> all, List<Integer> visible) {
    double[] widths = new double[visible.size()];
    double declared = 0;
    int undeclared = 0;
    for (int i = 0; i < widths.length; i++) {
      JsonNode w = all.apply(visible.get(i)).path("width");
      double value = w.isNumber() ? w.doubleValue() : -1;
      if (value > 0) {
        widths[i] = Math.min(value, 100);
        declared += widths[i];
      } else {
        widths[i] = -1;
        undeclared++;
      }
    }
    double share = undeclared == 0 ? 0 : Math.max(0, 100 - declared) / undeclared;
    double total = 0;
    for (int i = 0; i < widths.length; i++) {
      if (widths[i] < 0) widths[i] = share;
      total += widths[i];
    }
    if (total > 100) {
      for (int i = 0; i < widths.length; i++) widths[i] = widths[i] * 100 / total;
    }
    return widths;
  }

  private StringBuilder boxStyle(JsonNode node) {
    StringBuilder style = new StringBuilder();
    Css.put(style, "padding", Css.box(node.path("padding")));
    Css.put(style, "margin", Css.box(node.path("margin")));
    if (printBackground) Css.put(style, "background-color", Css.color(node.path("backgroundColor")));
    return style;
  }

  static String styleAttr(CharSequence style) {
    return style.isEmpty() ? "" : " style=\"" + Html.escape(style.toString()) + "\"";
  }

  /** Public for the direct engine, which skips the same nodes. */
  public static boolean hidden(JsonNode node) {
    return flag(node, "hidden");
  }

  /** A boolean prop that is only on when it is literally {@code true}. */
  static boolean flag(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isBoolean() && v.booleanValue();
  }

  /** A text prop as a string: strings as they are, numbers and booleans as text, anything else null. */
  public static String string(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (v.isString()) return v.stringValue();
    if (v.isNumber() || v.isBoolean()) return v.asString();
    return null;
  }

  /** The array at {@code field}; absent or null reads as empty, any other kind is a layout error. */
  static List<JsonNode> list(JsonNode node, String field, String path) throws RenderException {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) return List.of();
    if (!v.isArray()) {
      String where = path.isEmpty() ? field : path + "." + field;
      throw new RenderException("invalid layout: " + where + " is not a list", false);
    }
    List<JsonNode> items = new ArrayList<>(v.size());
    for (JsonNode item : v) {
      if (!item.isObject()) {
        String where = path.isEmpty() ? field : path + "." + field;
        throw new RenderException("invalid layout: " + where + "." + items.size() + " is not an object", false);
      }
      items.add(item);
    }
    return items;
  }
}
