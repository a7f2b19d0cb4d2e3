package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PageSetup;
import dev.platen.render.html.HtmlPdfEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Constructs of real HTML invoice templates beyond the first subset, drawn directly and printed as openhtmltopdf
 * prints them (text per page, page breaks, page images within 1% and every word's start, as
 * {@link HtmlEquivalenceTest} compares), and the variants of them that stay with openhtmltopdf.
 */
class HtmlMoreEquivalenceTest {
  private static final HtmlPdfEngine HTML = new HtmlPdfEngine(EngineSettings.defaults());
  private static final DirectPdfEngine DIRECT = new DirectPdfEngine(EngineSettings.defaults());
  private static final String LOGO = "<img src=\"{{logo}}\" alt=\"logo\" style=\"width: 30mm\">";

  /** A logo sized by its width or height attribute, as templates size them: digits are pixels, a width may be a percentage. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "width=\"113\"", "width=\"200px\"", "width=\"40%\"", "height=\"90\"", "width=\"150\" height=\"60\""})
  void imageSizeAttributesPrintTheSame(String size) throws Exception {
    ObjectNode layout = HtmlCorpus.edited("certificate", LOGO, "<img src=\"{{logo}}\" alt=\"logo\" " + size + ">", "");
    assertSame("certificate-img-" + size.replaceAll("[^a-z0-9]", ""), HtmlCorpus.input("certificate", layout));
  }

  /** A size attribute with a CSS size as well (openhtmltopdf lets the attribute win), or one that is not a length. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "<img src=\"{{logo}}\" width=\"120\" style=\"width: 30mm\">|both a width attribute and a CSS width",
      "<img src=\"{{logo}}\" height=\"2em\">|the height attribute '2em'",
      "<img src=\"{{logo}}\" height=\"50%\">|the height attribute '50%'"})
  void imageSizeAttributesOutsideTheSubsetAreNamed(String img, String reason) {
    ObjectNode layout = HtmlCorpus.edited("certificate", LOGO, img, "");
    assertThat(Plan.of(layout, PageSetup.DEFAULT).refusal()).contains(reason);
  }

  /** data-* attributes, as scripts and component templates leave them, even with the data's values in them. */
  @Test
  void dataAttributesPrintTheSame() throws Exception {
    ObjectNode layout = HtmlCorpus.edited("invoice-modern", "<table class=\"items\">",
        "<table class=\"items\" data-table=\"items\" data-currency=\"{{currency}}\">", "");
    assertSame("invoice-data-attributes", HtmlCorpus.input("invoice-modern", layout));
  }

  /**
   * An attribute selector the direct path does not read (a case flag) is not evaluated here: the document goes to
   * openhtmltopdf (the ones it reads are drawn: HtmlCssMoreEquivalenceTest).
   */
  @Test
  void aSelectorOnADataAttributeIsNamed() {
    ObjectNode layout = HtmlCorpus.edited("invoice-modern", "<table class=\"items\">",
        "<table class=\"items\" data-table=\"items\">", "table[data-table=\"items\" i] td { color: #c00; }");
    assertThat(Plan.of(layout, PageSetup.DEFAULT).refusal()).contains("table[data-table=\"items\" i]");
  }

  /**
   * Print rules applied and screen rules left out, as openhtmltopdf does: the print block changes the table's
   * size and colour and the screen blocks would move everything if applied.
   */
  @Test
  void printMediaRulesApplyAndScreenRulesDoNot() throws Exception {
    ObjectNode layout = HtmlCorpus.edited("invoice-modern", "<table class=\"items\">", "<table class=\"items\">",
        "@media print { table.items td { font-size: 12pt; color: #000; } .label { color: #000; } }"
            + " @media screen { body { margin: 40px; font-size: 20px; } }"
            + " @media only screen and (max-width: 600px) { table.items td { display: block; } }"
            + " @media print, screen { table.items { margin-top: 30px; } }");
    assertSame("invoice-media-print", HtmlCorpus.input("invoice-modern", layout));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "@media print and (min-width: 100px) { p { color: #000; } }|CSS @media rule",
      "@media tv { p { color: #000; } }|CSS @media rule",
      "@media print { @page { margin: 10mm; } }|a CSS @page rule inside an @media rule"})
  void mediaRulesOutsideTheSubsetAreNamed(String css, String reason) {
    assertThat(Plan.of(HtmlCorpus.of("<p>x</p>", css), PageSetup.DEFAULT).refusal()).contains(reason);
  }

  /**
   * Shadows and outlines, which openhtmltopdf does not draw: dark and thick here, so the image comparison would see
   * them, and the fill colours are compared too.
   */
  @Test
  void shadowsAndOutlinesAreNotDrawnByEither() throws Exception {
    ObjectNode layout = HtmlCorpus.edited("invoice-modern", "<table class=\"items\">", "<table class=\"items\">",
        ".bill-to { box-shadow: 0 0 0 12px #000, 0 1px 3px rgba(0,0,0,.2); outline: 4px solid #000; outline-offset: 2px; }"
            + " table.items td { outline-width: 3px; outline-style: solid; outline-color: #000; }");
    var input = HtmlCorpus.input("invoice-modern", layout);
    assertSame("invoice-shadow-outline", input);
    assertSameFills(input);
  }

  /** text-overflow on the cells of an invoice, with the nowrap and overflow templates pair it with. */
  @Test
  void textOverflowPrintsTheSame() throws Exception {
    ObjectNode layout = HtmlCorpus.edited("invoice-auto", "<table class=\"items\">", "<table class=\"items\">",
        "table.items td.n { text-overflow: ellipsis; overflow: hidden; white-space: nowrap; }");
    assertSame("invoice-text-overflow", HtmlCorpus.input("invoice-auto", layout));
  }

  /**
   * CSS custom properties, which openhtmltopdf does not have: it drops every declaration reading var() (fallback
   * or not, shorthand or not) and the value cascaded before stays. Dark brand colours, so the change would show.
   */
  @Test
  void customPropertiesAreDroppedAsOpenhtmltopdfDropsThem() throws Exception {
    ObjectNode layout = HtmlCorpus.edited("invoice-modern", "<table class=\"items\">", "<table class=\"items\" style=\"margin-top: var(--gap)\">",
        ":root { --brand: #000; --gap: 40px; } html { --ink: #000; }"
            + " table.items th { background-color: var(--brand); padding: var(--gap, 20px); }"
            + " .header { border-bottom: 6px solid var(--ink); margin-bottom: var(--gap); }"
            + " .bill-to { background-color: #000; background-color: var(--brand); }");
    var input = HtmlCorpus.input("invoice-modern", layout);
    assertSame("invoice-custom-properties", input);
    assertSameFills(input);
  }

  /** :not(), which openhtmltopdf's parser does not know: it drops the rule whole, the selectors grouped with it too. */
  @Test
  void rulesWithNotAreDroppedAsOpenhtmltopdfDropsThem() throws Exception {
    ObjectNode layout = HtmlCorpus.edited("invoice-modern", "<table class=\"items\">", "<table class=\"items\">",
        "table.items td:not(.num), .bill-to { padding-left: 60px; color: #000; }"
            + " table.items tr:not(:last-child) td { border-bottom: 4px solid #000; }");
    assertSame("invoice-not", HtmlCorpus.input("invoice-modern", layout));
  }
}
