package dev.platen.render.direct;

import static dev.platen.render.direct.HtmlEquivalenceTest.assertSame;
import static dev.platen.render.direct.HtmlEquivalenceTest.drawnDirectly;
import static dev.platen.render.direct.HtmlEquivalenceTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What a utility bill of 1,000 interval readings written by an outsider meets (the statement survey's a-util):
 * a header whose bottom border runs under floats it does not hold, drawn directly and printed as openhtmltopdf
 * prints it (text per page, page breaks, page images within 1%, word positions, as {@link HtmlEquivalenceTest}
 * compares).
 */
class HtmlUtilityBillEquivalenceTest {
  private static final String BASE = "body { font-family: Helvetica, Arial, sans-serif; font-size: 9pt; color: #222; }"
      + " .clear { clear: both; } .addr { margin: 14px 0; }";
  private static final String BRAND = "<div class=\"brand\"><div class=\"logo\">RIVERSIDE</div>"
      + "<div class=\"sub\">Water &amp; Power Cooperative</div></div>";
  private static final String ACCOUNT = "<div class=\"acct\"><table class=\"kv\"><tr><th>Account</th>"
      + "<td>0091-554-210</td></tr><tr><th>Bill date</th><td>2026-11-30</td></tr><tr><th>Due date</th>"
      + "<td>2026-12-21</td></tr></table></div>";
  private static final String AFTER = "<div class=\"clear\"></div><div class=\"addr\"><strong>Mara Lindqvist</strong>"
      + "<br>44 Alder Row</div><p>Your meter was read on 2026-11-28.</p>";
  private static final String HEAD_CSS = " .brand { float: left; width: 50%; } .logo { font-size: 20pt;"
      + " font-weight: bold; color: #0b6e4f; letter-spacing: 2px; } .sub { color: #666; }"
      + " .acct { float: right; width: 40%; } .kv { width: 100%; border-collapse: collapse; }"
      + " .kv th { text-align: left; color: #666; font-weight: normal; padding: 2px 0; }"
      + " .kv td { text-align: right; padding: 2px 0; }";

  /** The bill's header: a logo floated left, an account table floated right, a border under no content. */
  @Test
  void aHeaderBorderUnderFloatsOnBothSides() throws Exception {
    String css = BASE + HEAD_CSS + " .head { border-bottom: 3px solid #0b6e4f; padding-bottom: 8px; }";
    assertSame("bill-head-both", drawnDirectly("<div class=\"head\">" + BRAND + ACCOUNT + "</div>" + AFTER, css));
  }

  /** A logo alone floated left, a border and background on the header, padding on every side. */
  @Test
  void aHeaderBorderAndBackgroundUnderALeftFloat() throws Exception {
    String css = BASE + HEAD_CSS + " .head { border: 1px solid #999; border-bottom-width: 4px; padding: 6px 10px;"
        + " background: #eef5f1; }";
    assertSame("bill-head-left", drawnDirectly("<div class=\"head\">" + BRAND + "</div>" + AFTER, css));
  }

  /** A right float alone, taller than the left one would be: the clearing block goes below it. */
  @Test
  void aHeaderBorderUnderARightFloat() throws Exception {
    String css = BASE + HEAD_CSS + " .head { border-bottom: 2px solid #333; }";
    assertSame("bill-head-right", drawnDirectly("<div class=\"head\">" + ACCOUNT + "</div>" + AFTER, css));
  }

  /**
   * Floats shorter than the header's bottom padding: the header ends below them and the next block keeps its
   * top margin, as nothing needs clearing.
   */
  @Test
  void floatsShorterThanTheHeadersPadding() throws Exception {
    String css = BASE + " .l { float: left; width: 30%; } .r { float: right; width: 30%; text-align: right; }"
        + " .head { border-bottom: 1px solid #000; padding-bottom: 40px; } .clear { margin-top: 10px; }";
    assertSame("bill-head-short", drawnDirectly("<div class=\"head\"><div class=\"l\">Riverside</div>"
        + "<div class=\"r\">Page 1</div></div>" + AFTER, css));
  }

  /**
   * The clearing block's top margin: shorter than the floats reach below the header, openhtmltopdf puts the block
   * at their bottom and the margin still meets the next block's (12px taken off the address's 14px); longer, it
   * places the block as if there were no floats.
   */
  @Test
  void clearingMarginsBelowTheHeader() throws Exception {
    String css = BASE + HEAD_CSS + " .head { border-bottom: 3px solid #0b6e4f; padding-bottom: 4px; }";
    String html = "<div class=\"head\">" + BRAND + ACCOUNT + "</div>" + AFTER;
    assertSame("bill-head-margin", drawnDirectly(html, css + " .clear { margin-top: 12px; }"));
    assertSame("bill-head-margin-20", drawnDirectly(html, css + " .clear { margin-top: 20px; }"));
    assertSame("bill-head-margin-long", drawnDirectly(html, css + " .clear { margin-top: 90px; }"));
    assertSame("bill-head-margin-p", drawnDirectly(html.replace("<div class=\"clear\"></div>",
        "<p class=\"clear\">Readings</p>"), css + " .clear { margin-top: 12px; }"));
  }

  /** The header after a page of paragraphs, on the second page. */
  @Test
  void aHeaderBorderUnderFloatsFurtherDown() throws Exception {
    String css = BASE + HEAD_CSS + " .head { border-bottom: 3px solid #0b6e4f; padding-bottom: 8px; }";
    String body = "<p>Interval readings follow on the next pages.</p>".repeat(50);
    assertSame("bill-head-down", drawnDirectly(body + "<div class=\"head\">" + BRAND + ACCOUNT + "</div>" + AFTER,
        css));
  }

  /** Still refused: text before the floats in the header, and a header with a bottom margin. */
  @Test
  void headersStillRefused() {
    String css = BASE + HEAD_CSS + " .head { border-bottom: 3px solid #0b6e4f; padding-bottom: 8px; }";
    assertThat(refusal("<div class=\"head\"><div>Statement</div>" + BRAND + "</div>" + AFTER, css))
        .contains("floats their parent does not hold after other content");
    assertThat(refusal("<div class=\"head\">" + BRAND + "</div>" + AFTER, css + " .head { margin-bottom: 6px; }"))
        .contains("floats their parent does not hold");
  }
}
