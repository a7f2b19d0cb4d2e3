package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * White space at the start of a {@code white-space: nowrap} line aligned right or centred, which data brings into
 * a statement's amount column (" 1,234.00"): where it starts the text node and the text ends without white space,
 * openhtmltopdf does not draw it but places a one-line paragraph as if it were there, one space further left (half
 * a space, centred); the direct engine had placed the text alone, 2–3 pt off.
 */
class HtmlNowrapSpaceEquivalenceTest {
  private static final String CSS = "body { font-family: sans-serif; font-size: 8pt }"
      + " .r { text-align: right; white-space: nowrap } .c { text-align: center; white-space: nowrap }"
      + " .l { white-space: nowrap } td { padding: 2px 4px; border-bottom: 0.5px solid #ccc }";

  @ParameterizedTest
  @ValueSource(strings = {
      // a fixed-width amount column and a column sized to its text (automatic layout)
      "<table style='width:100%'><tr><td style='width:60%'>Card payment</td><td class='r'> 1,234.00</td>"
          + "<td class='r'>  -45.10</td></tr></table>",
      "<table style='width:100%'><tr><td>A long description of the payment</td><td class='r'> leading space</td>"
          + "</tr></table>",
      // centred, left (where it changes nothing), a block, a span, and a line after a break
      "<table style='width:100%'><tr><td class='c' style='width:30%'> centred</td><td class='l'> left</td>"
          + "<td class='r'> a  b</td></tr></table>",
      "<div class='r'> a block</div><p class='r'><span> a span</span></p>",
      // white space in a node of its own, or at the end too, leaves the text where it alone would go
      "<table style='width:100%'><tr><td class='r'> <span> a</span></td><td class='r'> <b>c</b></td>"
          + "<td class='r'> tr </td><td class='r'> sp\n</td><td class='r'>\n      d1\n    </td></tr></table>",
      // a newline or a tab at the start counts as the space it collapses to
      "<table style='width:100%'><tr><td class='r'>      six</td><td class='r'>\nnl</td><td class='r'>\ttab</td>"
          + "</tr></table><div class='r'>\n   g1\n</div>",
      "<table style='width:100%'><tr><td class='r' style='width:50%'> <b>bold</b> after</td>"
          + "<td class='r'>no space</td></tr></table>"
  })
  void aLeadingSpaceOfANowrapLineAlignedRightOrCentredPrintsTheSame(String body) throws Exception {
    assertSame("nowrap-space", drawnDirectly("<html><body>" + body + "</body></html>", CSS));
  }
}
