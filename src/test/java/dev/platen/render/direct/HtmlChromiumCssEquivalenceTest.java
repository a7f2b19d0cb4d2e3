package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.assertSameFills;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.RenderInput;
import org.junit.jupiter.api.Test;

/**
 * What a style sheet written for Chromium's print-to-PDF carries that openhtmltopdf reads as nothing: a leading
 * {@code @charset}, a Google Fonts {@code @import} (its URL holding a {@code ;}), {@code print-color-adjust: exact}
 * and its older names, {@code font-feature-settings} and {@code text-rendering}. Drawn directly and printed as
 * openhtmltopdf prints them ({@link HtmlEquivalenceTest}'s comparison); where openhtmltopdf would read them
 * otherwise (an import of a {@code data:} sheet, or after a rule) they stay refused.
 */
class HtmlChromiumCssEquivalenceTest {
  private static final String HTML = "<h1>Invoice 42</h1><p>Billed to Acme Corp., 1 Main Street.</p>"
      + "<table style=\"width: 100%\"><tr class=\"head\"><th>Item</th><th class=\"r\">Amount</th></tr>"
      + "<tr><td>Design work</td><td class=\"r\">$1,200.00</td></tr><tr><td>Hosting</td><td class=\"r\">$30.00</td>"
      + "</tr></table>";
  private static final String RULES = " body { font-family: 'Inter', -apple-system, sans-serif; font-size: 10pt;"
      + " -webkit-print-color-adjust: exact; print-color-adjust: exact; color-adjust: exact;"
      + " font-feature-settings: \"tnum\" 1, \"kern\"; text-rendering: optimizeLegibility; }"
      + " h1 { color: #4f46e5; } .head { background: #eef2ff; } .r { text-align: right; }";

  @Test
  void chromiumOnlyCssIsDrawnAsOpenhtmltopdfDrawsIt() throws Exception {
    String[] sheets = {
        "@charset \"UTF-8\";" + RULES,
        "@import url('https://fonts.googleapis.com/css2?family=Inter:wght@400;600;700&display=swap');" + RULES,
        "@charset \"utf-8\";\n@import url(https://fonts.googleapis.com/css?family=Roboto);\n"
            + "@import \"https://rsms.me/inter/inter.css\" print;" + RULES,
    };
    int n = 0;
    for (String css : sheets) {
      RenderInput input = Canvas.input(HtmlCorpus.of(HTML, css), "{}");
      assertSame("chromium-css-" + n++, input);
      assertSameFills(input, 0x4f46e5, 0xeef2ff);
    }
    // in a <style> element of the template too, after white space
    RenderInput input = Canvas.input(HtmlCorpus.of("<style>\n  @import url('https://fonts.googleapis.com/css2?"
        + "family=Inter:wght@400;600&display=swap');\n" + RULES + "</style>" + HTML, ""), "{}");
    assertSame("chromium-css-style", input);
  }

  /** Where openhtmltopdf would load the sheet, or reads the rule as an error to recover from: not drawn directly. */
  @Test
  void importsAndCharsetsOpenhtmltopdfReadsOtherwiseAreRefused() {
    for (String css : new String[] {
        "@import url(data:text/css,p%7Bcolor:red%7D);" + RULES,
        "@import 'print.css';" + RULES,
        RULES + " @import url(https://fonts.googleapis.com/css?family=Roboto);",
        "@media print { @import url(https://fonts.googleapis.com/css?family=Roboto); }" + RULES,
        " @charset \"UTF-8\";" + RULES,
        RULES + " @charset \"UTF-8\";",
        "@namespace svg url(http://www.w3.org/2000/svg);" + RULES,
    }) {
      assertThat(refusal(HTML, css)).as(css).isNotNull().startsWith("CSS @");
    }
  }
}
