package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lines that break where the data puts them: words across text nodes of several styles (a reference in a
 * {@code <span>} followed by a full stop, {@code <b>Bold</b>text}), spaces beside bold or linked text, and
 * zero-width spaces in the data. openhtmltopdf breaks each text node's text into lines on its own, so the edge
 * between two nodes inside a word is a place to break, and a space is measured with the text it was written in;
 * before this, such a word at a line's end sent the document to openhtmltopdf at render time (or, without a hyphen
 * in it, was drawn on the wrong line).
 */
class HtmlWordBreakEquivalenceTest {
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());

  private static final String PAYMENT = "<p><b>Payment.</b> Please transfer the total to IBAN DE89 3704 0044 0532"
      + " 0130 00 by 18 December 2026, quoting <span class=\"ref\">INV-2026-0142</span>. Thank you for your"
      + " business!</p><p>Some words and <b>Bold</b>text then <i>more</i>words, a <b>SEPA-</b>Lastschrift and"
      + " <span class=\"ref\">ref</span>-2026/11 end.</p>";

  private static final String SPACES = "<p>alpha beta gamma and <b>ref</b> delta epsilon and <b>zeta</b> eta theta"
      + " and <span class=\"ref\">iota</span> kappa lambda my <b>nu</b> xi omicron pi <b>rho</b> sigma tau upsilon"
      + " <a href=\"https://example.com/a\">linked text</a> phi <b>chi </b>psi <i> omega</i> end.</p>";

  private static final String CSS = "p { margin: 0 0 6pt 0; } .ref { font-weight: bold; }";

  @ParameterizedTest(name = "width {0}pt")
  @ValueSource(ints = {40, 56, 60, 72, 84, 88, 92, 104, 120, 128, 148, 180, 196})
  void aWordAcrossTextNodesBreaksAtTheirEdgeAsInOpenhtmltopdf(int width) throws Exception {
    assertSame("word-nodes-" + width, drawnDirectly("<div class=\"box\">" + PAYMENT + "</div>",
        ".box { width: " + width + "pt; } " + CSS));
  }

  @ParameterizedTest(name = "width {0}pt")
  @ValueSource(ints = {49, 52, 55, 58, 61, 76, 79, 94, 106, 118, 121, 124, 136, 139, 145, 199})
  void aSpaceIsMeasuredWithTheTextItWasWrittenIn(int width) throws Exception {
    assertSame("word-spaces-" + width, drawnDirectly("<div class=\"box\">" + SPACES + "</div>",
        ".box { width: " + width + "pt; } " + CSS));
  }

  @ParameterizedTest(name = "width {0}pt")
  @ValueSource(ints = {83, 97, 118, 141, 166})
  void justifiedRightAlignedAndCentredLinesBreakAlike(int width) throws Exception {
    assertSame("word-align-" + width, drawnDirectly(
        "<div class=\"j\">" + PAYMENT + SPACES + "</div><div class=\"r\">" + PAYMENT + SPACES + "</div>"
            + "<div class=\"c\">" + PAYMENT + "</div>",
        "div { width: " + width + "pt; margin-bottom: 8pt; font-size: 9pt; } .j { text-align: justify; }"
            + " .r { text-align: right; } .c { text-align: center; } a { text-decoration: none; } " + CSS));
  }

  @ParameterizedTest(name = "width {0}pt")
  @ValueSource(ints = {30, 45, 60})
  void aWordAcrossTextNodesWiderThanItsLineOverflowsAsThere(int width) throws Exception {
    assertSame("word-wide-" + width, drawnDirectly(
        "<div class=\"box\"><p>Kto <b>Zahlungs</b>empfängerkontonummer und <span class=\"ref\">INV-2026-"
            + "000000142</span>.</p></div>",
        ".box { width: " + width + "pt; } " + CSS));
  }

  @Test
  void theCorpusInvoicesPaymentNoteWithLongerDataBreaksAlike() throws Exception {
    for (String iban : new String[] {"DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 0044 12",
        "GB29 NWBK 6016 1331 9268 19"}) {
      for (String number : new String[] {"INV-2026-0142", "INV-2026-014299", "R/2026/11-0042"}) {
        assertSame("word-invoice-" + number.length() + "-" + iban.length(), drawnDirectly(
            "<div class=\"box\"><p><b>Payment.</b> Please transfer the total to IBAN " + iban + " by 18 December"
                + " 2026, quoting <span class=\"ref\">" + number + "</span>. Thank you for your business!</p></div>",
            ".box { width: 150pt; font-size: 9pt; } " + CSS));
      }
    }
  }

  @Test
  void aHyphenatedWordOfTwoStylesAtALineEndBreaksAsThere() throws Exception {
    for (String text : new String[] {"reference number here", "ref no", "reference number here and there"}) {
      assertSame("word-routing-" + text.length(), Canvas.input(HtmlCorpus.of(
          "<div class=\"n\">{{text}} <b>ABC-</b>2026-000142</div>", ".n { width: 30mm; }"),
          "{\"text\":\"" + text + "\"}"));
    }
  }

  private static final String SOFT = "Die \u00dcber\u00adweisung erfolgt am Monats\u00adende auf das Konto des Zahlungs"
      + "\u00adempf\u00e4ngers, <b>Gesch\u00e4fts\u00adkonto</b> Nr. 4711, mit dem Verwendungs\u00adzweck <span"
      + " class=\"ref\">Ab\u00adschlag</span>s\u00adzahlung Strom\u00adlieferung und Netz\u00adentgelte.";

  @ParameterizedTest(name = "width {0}pt")
  @ValueSource(ints = {74, 82, 90, 98, 110, 125, 140, 160, 185})
  void aSoftHyphenBreaksALineWithAHyphenDrawnAndIsOtherwiseNotThere(int width) throws Exception {
    assertSame("word-soft-" + width, drawnDirectly(
        "<div class=\"box\"><p>" + SOFT + "</p><p class=\"r\">" + SOFT + "</p><p class=\"c\">" + SOFT + "</p></div>",
        ".box { width: " + width + "pt; } .r { text-align: right; } .c { text-align: center; } " + CSS));
  }

  @Test
  void softHyphensInACellOfAutomaticLayoutSizeItsColumnAsThere() throws Exception {
    StringBuilder rows = new StringBuilder();
    String[] text = {"\u00dcber\u00adweisung", "Abschlags\u00adzahlung Strom\u00adlieferung",
        "Netz\u00adentgelte und Mess\u00adstellen\u00adbetrieb", "Gutschrift"};
    for (int i = 0; i < 12; i++) {
      rows.append("<tr><td>0").append(1 + i % 9).append(".11.2026</td><td>").append(text[i % 4])
          .append("</td><td class=\"r\">").append(i * 37 + 0.45).append("</td></tr>");
    }
    for (int width : new int[] {230, 290, 380}) {
      assertSame("word-soft-auto-" + width, drawnDirectly("<table>" + rows + "</table>",
          "table { width: " + width + "pt; border-spacing: 0; } td { padding: 2pt 4pt; } .r { text-align: right; }"));
    }
  }

  @Test
  void softHyphensOpenhtmltopdfWouldTreatOtherwiseStillGoThere() {
    String[][] cases = {
        {"<p class=\"j\">{{v}} und noch viele weitere Worte hier</p>", "Zahlungs\u00adempf\u00e4nger",
            "a soft hyphen in a justified line"},
        {"<p>{{v}}</p>", "Zahlungsempf\u00e4nger\u00adkonto\u00adnummer", "a piece before a soft hyphen wider"},
        {"<p>{{v}}</p>", "x \u00adweisung", "a soft hyphen beside a character other than a letter"},
        {"<p>{{v}}</p>", "2026\u00ad11", "a soft hyphen beside a character other than a letter"}};
    for (String[] c : cases) {
      RenderInput input = Canvas.input(
          HtmlCorpus.of(c[0], "p { width: 40pt; } .j { text-align: justify; width: 120pt; }"),
          "{\"v\":\"" + c[1] + "\"}");
      assertThatThrownBy(() -> DIRECT.render(input)).isInstanceOf(Unsupported.class).hasMessageContaining(c[2]);
    }
  }

  @ParameterizedTest(name = "width {0}pt")
  @ValueSource(ints = {30, 42, 54, 66, 78, 90})
  void aPieceWiderThanItsLineAlignedRightOrCentredOverflowsAsThere(int width) throws Exception {
    String text = "<p>Mail billing@nordlicht-example.de or john.doe@example.com now</p><p>non-breaking&#160;space and"
        + " Verwendungs-zweckangabenfeld x</p>";
    assertSame("word-wide-" + width, drawnDirectly("<div class=\"r\">" + text + "</div><div class=\"c\">" + text
            + "</div>", ".r { text-align: right; } .c { text-align: center; } div { width: " + width + "pt; }"
            + " p { margin: 0; }"));
  }

  @Test
  void aPieceWiderThanItsCellAlignedRightStillGoesToOpenhtmltopdf() {
    RenderInput input = Canvas.input(HtmlCorpus.of("<table><tr><td class=\"a\">x</td><td class=\"r\">{{v}}</td>"
        + "</tr></table>", "table { width: 150pt; table-layout: fixed; } td.a { width: 100pt; } .r { text-align:"
        + " right; }"), "{\"v\":\"john.doe@example.com\"}");
    assertThatThrownBy(() -> DIRECT.render(input)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("a piece of a word wider than its line");
  }

  private static final String ZW = "Die Lang\u200bwort\u200bkette und x\u200by sowie https://\u200bexample.com/a\u200bb"
      + " Zahlungs\u200bempfänger und Ende\u200b.";

  @ParameterizedTest(name = "width {0}pt")
  @ValueSource(ints = {60, 90, 130})
  void zeroWidthSpacesAreDrawnAsTheFontsGlyphAndNoPlaceToBreak(int width) throws Exception {
    assertSame("word-zw-" + width, drawnDirectly(
        "<div class=\"box\"><p>" + ZW + " " + ZW + "</p><p class=\"j\">" + ZW + "</p><p class=\"r\"><b>fett\u200ber"
            + "</b> " + ZW.replace("https://\u200bexample.com/a\u200bb ", "") + "</p></div><table><tr><td>" + ZW
            + "</td><td>x</td></tr></table>",
        ".box { width: " + width + "pt; } .j { text-align: justify; } .r { text-align: right; } table { width: "
            + (width + 80) + "pt; } " + CSS));
  }

  @Test
  void aWordOfZeroWidthSpacesAloneStillGoesToOpenhtmltopdf() {
    RenderInput input = Canvas.input(HtmlCorpus.of("<p>{{v}}</p>", "p { width: 60pt; }"),
        "{\"v\":\"Zahlungsempfängerkonto \\u200b und\"}");
    assertThatThrownBy(() -> DIRECT.render(input)).isInstanceOf(Unsupported.class)
        .hasMessageContaining("a word of zero-width spaces alone");
  }
}
