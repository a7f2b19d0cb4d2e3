package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;

import org.junit.jupiter.api.Test;

/**
 * Tables of collapsed borders wider than a dot's rounding (1pt, 2px, 1.5pt, 3px) that open a page: the document's
 * first, or one after a forced break, with or without a repeated header ({@code -fs-table-paginate}). openhtmltopdf
 * brings the first row's collapsed top border down onto the page whole there (the table drawn half that border
 * lower), as it does for a row opening a later page; the direct path hung it above the page's top, 2-5% of the
 * page's pixels off. Each is compared on every page: the one where the header repeats and the last.
 */
class HtmlCollapsedPaginateEquivalenceTest {
  private static final String BASE = "body { font-family: Arial, sans-serif; font-size: 10pt; }"
      + " table.t { width: 100%; border-collapse: collapse; } td, th { padding: 3pt; vertical-align: top; }"
      + " td:nth-child(2) { width: 40%; } ";
  private static final String PAGINATE = "table.t { -fs-table-paginate: paginate; } ";
  private static final String HEAD = "<thead><tr><th>Date</th><th>Description</th><th>Amount</th></tr></thead>";

  /** About 80 rows over two or three pages, some wrapping to two lines (so some rows meet a page's bottom). */
  private static String table(String before, String head, int rows) {
    return table(before, head, rows, true);
  }

  private static String table(String before, String head, int rows, boolean wrapping) {
    StringBuilder b = new StringBuilder(before).append("<table class=\"t\">").append(head).append("<tbody>");
    for (int i = 0; i < rows; i++) {
      String desc = wrapping && i % 4 == 1 ? "Payment " + i + " for services rendered in the month including travel"
          + " expenses and other sundry items billed separately" : "Payment " + i;
      b.append("<tr><td>2026-01-").append(String.format("%02d", i % 28 + 1)).append("</td><td>").append(desc)
          .append("</td><td>").append(i * 7).append(".00</td></tr>");
    }
    return b.append("</tbody></table>").toString();
  }

  @Test
  void cellBordersOf1ptAnd2pxUnderARepeatedHeaderAtTheDocumentsTop() throws Exception {
    for (String w : new String[] {"1pt", "2px"}) {
      assertSame("coll-top-" + w, drawnDirectly(table("", HEAD, 80),
          BASE + PAGINATE + "td, th { border: " + w + " solid #444; }"));
    }
  }

  @Test
  void cellBordersOf1Point5ptAnd3pxUnderARepeatedHeader() throws Exception {
    for (String w : new String[] {"1.5pt", "3px"}) {
      assertSame("coll-top-" + w.replace('.', '_'), drawnDirectly(table("", HEAD, 80),
          BASE + PAGINATE + "td, th { border: " + w + " solid #444; }"));
    }
  }

  /** Without -fs-table-paginate the header is drawn once; the first row's border opens the page the same way. */
  @Test
  void theSameTablesWithoutPagination() throws Exception {
    for (String w : new String[] {"1pt", "2px"}) {
      assertSame("coll-flat-" + w, drawnDirectly(table("", HEAD, 80), BASE + "td, th { border: " + w
          + " solid #444; }"));
    }
  }

  /** Borders on the rows and the header's cells rather than all round; 1px borders, which matched before too. */
  @Test
  void rowAndHeaderBordersAnd1pxCells() throws Exception {
    assertSame("coll-rows", drawnDirectly(table("", HEAD, 80), BASE + PAGINATE
        + "tr { border-top: 2px solid #444; } th { border-bottom: 1.5pt solid #000; }"));
    assertSame("coll-1px", drawnDirectly(table("", HEAD, 80), BASE + PAGINATE + "td, th { border: 1px solid #444; }"));
  }

  /**
   * Paginated without a <thead>: a body row opening the next page brings its top border down too (one-line rows: a
   * row cut there without a header is still refused).
   */
  @Test
  void aPaginatedTableWithoutAHeader() throws Exception {
    assertSame("coll-nohead", drawnDirectly(table("", "", 80, false), BASE + PAGINATE
        + "td { border: 2px solid #444; }"));
  }

  /** A table after a forced page break, and one with a top margin at the document's top (dropped there). */
  @Test
  void aTableAfterAForcedBreakOrWithATopMargin() throws Exception {
    assertSame("coll-break", drawnDirectly(table("<p>Cover page</p>", HEAD, 80), BASE + PAGINATE
        + "table.t { page-break-before: always; } td, th { border: 2px solid #444; }"));
    assertSame("coll-margin", drawnDirectly(table("", HEAD, 80), BASE + PAGINATE
        + "table.t { margin-top: 10pt; } td, th { border: 2px solid #444; }"));
  }

  /** Below a heading the table's top border hung into the space above it, as openhtmltopdf's does: unchanged. */
  @Test
  void belowAHeading() throws Exception {
    assertSame("coll-heading", drawnDirectly(table("<h1>Statement</h1>", HEAD, 80), BASE + PAGINATE
        + "td, th { border: 2px solid #444; }"));
  }
}
