package dev.platen.render.html;

import static dev.platen.render.html.CanvasHtml.list;
import static dev.platen.render.html.CanvasHtml.string;
import static dev.platen.render.html.CanvasHtml.styleAttr;

import dev.platen.render.Css;
import dev.platen.render.Placeholders;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.render.Units;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A table block: one row per item of a loop in the data. The header row repeats on every page and rows never
 * split across pages (both through CSS in {@link DocumentCss}); number and currency columns align right.
 */
final class LoopTable {
  private final JsonNode data;
  private final ValueHtml values;
  private long rowsWritten;

  LoopTable(JsonNode data, ValueHtml values) {
    this.data = data;
    this.values = values;
  }

  private record Column(String header, String field, String dataType, String format, String align, String width) {
    /** Declared alignment, else right for numbers so digits line up. */
    String effectiveAlign() {
      if (align != null) return align;
      return "number".equals(dataType) || "currency".equals(dataType) ? "right" : null;
    }
  }

  long rowsWritten() {
    return rowsWritten;
  }

  void write(StringBuilder out, JsonNode props, String path) throws RenderException {
    List<Column> columns = columns(props, path);
    if (columns.isEmpty()) return;
    List<JsonNode> rows = rows(props, path);
    rowsWritten += rows.size();
    out.append("<table class=\"loop\"><thead><tr>");
    for (Column c : columns) {
      StringBuilder style = new StringBuilder();
      String align = alignAttr(c);
      if (align.startsWith(" style=")) { // centred or justified: one style attribute holds it and the width
        Css.put(style, "text-align", c.effectiveAlign());
        align = "";
      }
      Css.put(style, "width", c.width());
      out.append("<th").append(align).append(styleAttr(style)).append('>')
          .append(Html.escape(c.header())).append("</th>");
    }
    out.append("</tr></thead><tbody>");
    for (JsonNode item : rows) {
      out.append("<tr>");
      for (Column c : columns) {
        out.append("<td").append(alignAttr(c)).append('>')
            .append(values.render(Placeholders.lookup(item, c.field()), c.dataType(), c.format()))
            .append("</td>");
      }
      out.append("</tr>");
    }
    out.append("</tbody></table>");
  }

  private static String alignAttr(Column c) {
    String a = c.effectiveAlign();
    if (a == null || a.equals("left")) return "";
    return a.equals("right") ? " class=\"num\"" : " style=\"text-align:" + a + "\"";
  }

  private List<JsonNode> rows(JsonNode props, String path) throws RenderException {
    String loop = Placeholders.stripBraces(string(props, "loop"));
    JsonNode rows = Placeholders.lookup(data, loop);
    if (!rows.isArray()) return List.of(); // an optional loop left out of the data: header only
    if (rows.size() > RenderInput.MAX_LOOP_ITEMS) {
      throw new RenderException("the table at " + path + " has " + Units.count(rows.size())
          + " rows; the limit is " + Units.count(RenderInput.MAX_LOOP_ITEMS), false);
    }
    return rows.valueStream().toList();
  }

  private static List<Column> columns(JsonNode props, String path) throws RenderException {
    return list(props, "columns", path + ".props").stream().map(c -> {
      JsonNode w = c.path("width");
      String width = positive(w.isNumber() ? Css.length(w.asString() + "%") : Css.length(w));
      return new Column(string(c, "header"), Placeholders.stripBraces(string(c, "field")), string(c, "dataType"),
          string(c, "format"), Css.align(c.path("align")), width);
    }).toList();
  }

  /**
   * A width of zero or less is no width: openhtmltopdf's fixed table layout divides by the sum of the widths, so
   * columns that all declared 0 failed the render.
   */
  private static String positive(String width) {
    if (width == null) return null;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^[-+]?[0-9]*\\.?[0-9]+").matcher(width);
    return m.find() && Double.parseDouble(m.group()) <= 0 ? null : width;
  }
}
