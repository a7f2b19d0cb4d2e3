package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code text-indent} on paragraphs (the business letter of {@link HtmlSurvey23EquivalenceTest}'s survey: {@code
 * .body-text { text-align: justify; text-indent: 2em }}), which had sent every such letter to openhtmltopdf: the
 * first line of a block holding text starts that far in and has that much less room, as openhtmltopdf's InlineBoxing
 * takes it, justified or aligned left. Compared as {@link HtmlEquivalenceTest} compares (text per page, page images,
 * word positions).
 */
class HtmlTextIndentEquivalenceTest {
  private static final String TEXT = "Thank you for your letter of 12 March regarding the renewal of the maintenance"
      + " agreement for the heating installation at your premises. We have reviewed the service history and are"
      + " pleased to confirm that the agreement can be renewed on the existing terms for a further twelve months.";

  private static String letter(int paragraphs) {
    StringBuilder b = new StringBuilder("<p class=\"to\">Ms Eleanor Price<br>14 Albion Street<br>Leeds LS1 6AG</p>");
    for (int i = 1; i <= paragraphs; i++) {
      b.append("<p class=\"body-text\">").append(i).append(". ").append(TEXT)
          .append(i % 3 == 0 ? " Please <b>sign and return</b> the enclosed copy, <i>by 30 April</i> if you can." : "")
          .append("</p>");
    }
    return b.append("<p>Yours sincerely,</p>").toString();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      ".body-text { text-align: justify; text-indent: 2em; margin: 0 0 1em }",
      ".body-text { text-indent: 24pt }",
      ".body-text { text-indent: 30px; font-size: 14px; line-height: 1.5 }",
      "body { font: 11pt Georgia, serif } .body-text { text-align: justify; text-indent: 1.5em }",
      ".body-text { text-indent: 3mm; text-align: justify; padding: 0 20px }",
      "p { text-indent: 2em } .to { text-indent: 0 }"})
  void paragraphsOfALetter(String css) throws Exception {
    assertSame("text-indent", drawnDirectly(letter(4), css));
  }

  /** Across page breaks, where a paragraph's first line may start a page or end one. */
  @Test
  void manyParagraphs() throws Exception {
    assertSame("text-indent-pages", drawnDirectly(letter(24),
        ".body-text { text-align: justify; text-indent: 2em; margin: 0 0 8px }"));
  }

  /** A line broken by {@code <br>} is not a first line; an indent wider than a first word moves the word down. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<p class=\"i\">Dear Ms Price,<br>thank you for your letter, which reached us on Monday"
      + " and which we have read with care.</p>", "<p class=\"i w\">Supercalifragilistic words follow here.</p>",
      "<div class=\"i\">A note <span class=\"s\">in a smaller size</span> inside a div holding only text, long enough"
          + " to wrap onto a second line at this width.</div>"})
  void firstLinesOnly(String html) throws Exception {
    assertSame("text-indent-first", drawnDirectly(html, ".i { text-indent: 3em; width: 300px; text-align: justify }"
        + " .w { text-indent: 280px } .s { font-size: 9px }"));
  }

  /** Where it stays refused: a block holding blocks, centred text, cells, list items, a % or a hanging indent. */
  @Test
  void whatStaysRefused() {
    assertThat(refusal("<div class=\"i\"><p>a</p><p>b</p></div>", ".i { text-indent: 2em }")).as("blocks")
        .contains("holds blocks");
    assertThat(refusal("<p class=\"i\">a</p>", ".i { text-indent: 2em; text-align: center }")).as("centred")
        .contains("aligned");
    assertThat(refusal("<table><tr><td class=\"i\">a</td></tr></table>", ".i { text-indent: 2em }")).as("cell")
        .contains("text-indent");
    assertThat(refusal("<ul><li class=\"i\">a</li></ul>", ".i { text-indent: 2em }")).as("li").contains("text-indent");
    assertThat(refusal("<p class=\"i\">a</p>", ".i { text-indent: 5% }")).as("%").contains("text-indent");
    assertThat(refusal("<p class=\"i\"><img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAA"
        + "DUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\" width=\"20\" height=\"20\"></p>", ".i { text-indent: 2em }"))
        .as("image").contains("text-indent");
    assertThat(refusal("<p class=\"i\">a</p>", ".i { text-indent: -1em; padding-left: 1em }")).as("hanging")
        .contains("text-indent");
  }
}
