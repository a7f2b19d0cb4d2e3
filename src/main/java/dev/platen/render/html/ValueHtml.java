package dev.platen.render.html;

import dev.platen.render.Placeholders;
import dev.platen.render.RenderException;
import dev.platen.render.ValueFormatter;
import dev.platen.render.images.ImageSource;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * One data value as markup, by its manifest dataType: images drawn, url and email as links, everything else as
 * formatted, escaped text. Shared by keyValue blocks and table cells so both print a value the same way.
 */
final class ValueHtml {
  private final ValueFormatter formatter = new ValueFormatter();
  private final ImageSource images;

  ValueHtml(ImageSource images) {
    this.images = images;
  }

  String render(JsonNode value, String dataType, String format) throws RenderException {
    String text = Placeholders.scalarText(value);
    if (text.isEmpty()) return "";
    if (dataType == null) return Html.escape(text);
    return switch (dataType) {
      case "image" -> "<img class=\"value\" src=\"" + Html.escape(images.dataUri(text)) + "\" alt=\"\"/>";
      case "url" -> isWebLink(text) ? link(text, text) : Html.escape(text);
      case "email" -> link("mailto:" + text.trim(), text);
      default -> Html.escape(formatter.format(value, dataType, format));
    };
  }

  static boolean isWebLink(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    return t.startsWith("https://") || t.startsWith("http://");
  }

  static String link(String href, String label) {
    return "<a href=\"" + Html.escape(href.trim()) + "\">" + Html.escape(label) + "</a>";
  }
}
