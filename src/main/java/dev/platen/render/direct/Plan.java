package dev.platen.render.direct;

import dev.platen.render.Css;
import dev.platen.render.PageSetup;
import dev.platen.render.Placeholders;
import dev.platen.render.RenderInput;
import dev.platen.render.html.CanvasHtml;
import dev.platen.render.html.HtmlLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What the direct path can know about a template version before it sees any data: whether it draws the layout
 * at all, the page box in points, and where the loop tables are. Worked out once per version, so a render
 * neither walks the layout to check support nor again to count table rows. Immutable but for its style cache.
 *
 * @param layout the layout it was made from, compared by identity with each render's
 * @param page as given, compared with each render's
 * @param refusal why the direct path does not draw this version (see {@link Unsupported}), or null
 * @param margins an HTML layout's margin boxes (its "Page X of Y" and the layout's own), null for a canvas layout
 * @param first the first page's box after the layout's {@code @page :first} rules, {width, height, top, right,
 *     bottom, left} in points, as the other pages' when it has none
 * @param firstMargins the first page's margin boxes (as {@code margins} when there is no {@code @page :first})
 * @param loops the loop path of every table block not hidden itself, in layout order: their rows bound the page
 *     count before anything is laid out
 * @param styles an HTML layout's element styles, kept across its renders (null for a canvas layout); the one part
 *     that fills as documents are drawn, safe to share between render threads
 */
record Plan(JsonNode layout, PageSetup page, String refusal, double width, double height, double top,
    double right, double bottom, double left, List<String> loops, List<HtmlCss.Sheet> sheets, HtmlMargins margins,
    double[] first, HtmlMargins firstMargins, HtmlFlow.StyleCache styles) {

  /** Whether this is an HTML layout, drawn by {@link HtmlFlow} with these style sheets. */
  boolean html() {
    return sheets != null;
  }

  static Plan of(JsonNode layout, PageSetup page) {
    boolean html = HtmlLayout.isHtml(layout);
    if (html) {
      String refusal = HtmlSubset.refusal(layout);
      if (refusal != null) return refused(layout, page, refusal);
    } else {
      String refusal = Support.refusal(layout);
      if (refusal != null) return refused(layout, page, refusal);
    }
    PageSetup p = page == null ? PageSetup.DEFAULT : page;
    double[] mm = p.millimetres();
    double width = mm[0] * Styles.MM;
    double height = mm[1] * Styles.MM;
    double[] margins = {margin(p.marginTop(), width), margin(p.marginRight(), width),
        margin(p.marginBottom(), width), margin(p.marginLeft(), width)};
    for (double m : margins) {
      if (Double.isNaN(m)) return refused(layout, page, "a page margin it cannot resolve");
    }
    List<HtmlCss.Sheet> sheets = html ? HtmlSubset.sheets(layout) : null;
    HtmlMargins boxes = null;
    double[] first = null;
    HtmlMargins firstBoxes = null;
    if (html) {
      // the layout's @page comes after pageConfig's in the HTML engine's style sheets, so it wins there too
      try {
        List<HtmlCss.Declaration> rule = new ArrayList<>(sheets.get(1).page());
        rule.addAll(HtmlSubset.stylePages(layout));
        double[] setup = {width, height, margins[0], margins[1], margins[2], margins[3]};
        double[] box = HtmlPage.apply(rule, setup);
        width = box[0];
        height = box[1];
        margins = new double[] {box[2], box[3], box[4], box[5]};
        List<HtmlCss.MarginBox> declared = HtmlSubset.marginBoxes(layout, sheets);
        boxes = HtmlMargins.of(declared);
        // page 1 after @page :first, whose declarations and margin boxes win there over the plain rules'
        List<HtmlCss.Declaration> firstRule = HtmlSubset.firstPage(layout, sheets);
        List<HtmlCss.MarginBox> firstDeclared = HtmlSubset.firstMarginBoxes(layout, sheets);
        first = HtmlPage.first(rule, firstRule, setup);
        List<HtmlCss.MarginBox> all = new ArrayList<>(declared);
        all.addAll(firstDeclared);
        firstBoxes = firstDeclared.isEmpty() ? boxes : HtmlMargins.of(all);
      } catch (Unsupported e) {
        return refused(layout, page, e.reason());
      }
    }
    return new Plan(layout, page, null, width, height, margins[0], margins[1], margins[2], margins[3],
        html ? List.of() : loops(layout), sheets, boxes, first, firstBoxes, html ? new HtmlFlow.StyleCache() : null);
  }

  private static Plan refused(JsonNode layout, PageSetup page, String reason) {
    return new Plan(layout, page, reason, 0, 0, 0, 0, 0, 0, List.of(), null, null, null, null, null);
  }

  /** The page setup to draw with. */
  PageSetup setup() {
    return page == null ? PageSetup.DEFAULT : page;
  }

  /** Throws when the input is not of this version: a plan applied to another layout would draw it wrong. */
  void check(RenderInput input) {
    if (input.layout() != layout || !Objects.equals(input.page(), page)) {
      throw new IllegalArgumentException("the render input is not of the layout and page this plan was made for");
    }
  }

  private static double margin(String css, double pageWidth) {
    String length = Css.length(css);
    return Styles.points(length == null ? "20mm" : length, Styles.BODY_SIZE, pageWidth);
  }

  private static List<String> loops(JsonNode layout) {
    List<String> loops = new ArrayList<>();
    for (JsonNode section : layout.path("sections")) {
      for (JsonNode row : section.path("rows")) {
        for (JsonNode column : row.path("columns")) {
          for (JsonNode block : column.path("blocks")) {
            if (!"table".equals(block.path("type").asString("")) || CanvasHtml.hidden(block)) continue;
            String loop = Placeholders.stripBraces(CanvasHtml.string(block.path("props"), "loop"));
            if (loop != null) loops.add(loop); // no loop, no rows
          }
        }
      }
    }
    return List.copyOf(loops);
  }
}
