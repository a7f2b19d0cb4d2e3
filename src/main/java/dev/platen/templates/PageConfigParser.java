package dev.platen.templates;

import dev.platen.render.PageSetup;
import dev.platen.render.PageSetup.Paper;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Reads {@code pageConfig} (docs/decisions.md D10), fills in defaults, and checks it against its paper. */
final class PageConfigParser {
  /** The engine's page and the same settings as stored and echoed. */
  record PageConfig(PageSetup setup, ObjectNode json) {}

  static final String DEFAULT_MARGIN = "20mm";
  static final double MAX_MARGIN_MM = 100;
  /** Below this the engine has no room to lay out a line, which would only fail later, at render time. */
  static final double MIN_CONTENT_MM = 20;

  private static final int MAX_ENUM_TEXT = 40;
  private static final List<String> SIDES = List.of("top", "right", "bottom", "left");
  private static final List<String> ORIENTATIONS = List.of("portrait", "landscape");
  private static final List<String> PAPER_LABELS = Arrays.stream(Paper.values()).map(p -> p.label).toList();

  private PageConfigParser() {}

  static PageConfig read(JsonNode node, String field, Problems problems) {
    if (FieldReader.isAbsent(node)) node = JsonNodeFactory.instance.objectNode();
    if (!node.isObject()) {
      problems.add(field, FieldReader.expected("object", node));
      return toConfig(PageSetup.DEFAULT);
    }
    FieldReader r = new FieldReader(node, field, problems);
    String format = readFormat(r, problems);
    String orientation = readOrientation(r, problems);
    CssLength[] margins = readMargins(r.get("margin"), r.path("margin"), problems);
    Boolean printBackground = r.optionalBoolean("printBackground");
    Boolean pdfa = r.optionalBoolean("pdfa");
    if (format == null || orientation == null || margins == null) return toConfig(PageSetup.DEFAULT);
    boolean landscape = orientation.equals("landscape");
    checkRoomForContent(format, landscape, margins, r.path("margin"), problems);
    return toConfig(new PageSetup(format, landscape, margins[0].css(), margins[1].css(), margins[2].css(),
        margins[3].css(), printBackground == null || printBackground, pdfa != null && pdfa));
  }

  /** Any case is accepted ("a4", "LETTER"); the result is spelled as the engine names the paper. */
  private static String readFormat(FieldReader r, Problems problems) {
    if (FieldReader.isAbsent(r.get("format"))) return PageSetup.DEFAULT.format();
    String format = r.optionalString("format", MAX_ENUM_TEXT);
    if (format == null) return null;
    Paper paper = Paper.named(format);
    if (paper != null) return paper.label;
    problems.add(r.path("format"), FieldReader.invalidEnum(PAPER_LABELS, format));
    return null;
  }

  private static String readOrientation(FieldReader r, Problems problems) {
    if (FieldReader.isAbsent(r.get("orientation"))) return "portrait";
    String orientation = r.optionalString("orientation", MAX_ENUM_TEXT);
    if (orientation == null) return null;
    String lower = orientation.toLowerCase(Locale.ROOT);
    if (ORIENTATIONS.contains(lower)) return lower;
    problems.add(r.path("orientation"), FieldReader.invalidEnum(ORIENTATIONS, orientation));
    return null;
  }

  /** @return top, right, bottom, left; or null when any is invalid */
  private static CssLength[] readMargins(JsonNode node, String path, Problems problems) {
    CssLength fallback = CssLength.parse(DEFAULT_MARGIN);
    if (FieldReader.isAbsent(node)) return new CssLength[] {fallback, fallback, fallback, fallback};
    if (node.isString()) {
      CssLength all = readLength(node, path, problems);
      return all == null ? null : new CssLength[] {all, all, all, all};
    }
    if (!node.isObject()) {
      problems.add(path, "Expected a CSS length or {top, right, bottom, left}, received " + FieldReader.kind(node));
      return null;
    }
    CssLength[] sides = new CssLength[4];
    boolean valid = true;
    for (int i = 0; i < 4; i++) {
      JsonNode side = node.get(SIDES.get(i));
      sides[i] = FieldReader.isAbsent(side) ? fallback : readLength(side, path + "." + SIDES.get(i), problems);
      valid &= sides[i] != null;
    }
    return valid ? sides : null;
  }

  private static CssLength readLength(JsonNode node, String path, Problems problems) {
    if (!node.isString()) {
      problems.add(path, FieldReader.expected("string", node));
      return null;
    }
    CssLength length = CssLength.parse(node.stringValue());
    if (length == null) {
      problems.add(path, "Expected a CSS length such as \"20mm\" (units mm, cm, in, pt, pc, px)");
    } else if (length.millimetres() > MAX_MARGIN_MM) {
      problems.add(path, "Margin must be at most 100mm");
      return null;
    }
    return length;
  }

  private static void checkRoomForContent(String format, boolean landscape, CssLength[] m, String path,
      Problems problems) {
    Paper paper = Paper.named(format);
    double width = landscape ? paper.heightMm : paper.widthMm;
    double height = landscape ? paper.widthMm : paper.heightMm;
    double contentWidth = width - m[1].millimetres() - m[3].millimetres();
    double contentHeight = height - m[0].millimetres() - m[2].millimetres();
    if (contentWidth < MIN_CONTENT_MM || contentHeight < MIN_CONTENT_MM) {
      problems.add(path, "Margins leave less than " + (int) MIN_CONTENT_MM + "mm for content on " + format + " "
          + (landscape ? "landscape" : "portrait"));
    }
  }

  private static PageConfig toConfig(PageSetup setup) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("format", setup.format());
    json.put("orientation", setup.landscape() ? "landscape" : "portrait");
    json.putObject("margin").put("top", setup.marginTop()).put("right", setup.marginRight())
        .put("bottom", setup.marginBottom()).put("left", setup.marginLeft());
    json.put("printBackground", setup.printBackground());
    // a Platen extension: echoed only when asked for, so Craftkit clients see the shape they know
    if (setup.pdfa()) json.put("pdfa", true);
    return new PageConfig(setup, json);
  }
}
