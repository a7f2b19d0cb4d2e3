package dev.platen.render.handlebars;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.jknack.handlebars.EscapingStrategy;
import org.junit.jupiter.api.Test;

/** The template's own escaper writes exactly what Handlebars' HTML_ENTITY strategy writes. */
class HtmlEscapeTest {
  @Test
  void escapesAsHandlebarsDoes() {
    for (String s : new String[] {"", "plain", "a<b>c", "\"quoted\" & 'single' `tick` a=b", "<<>>&&==",
        "Zoë Ångström — 漢字 😀 <script>alert(1)</script>", "&amp; already", "tail<"}) {
      assertThat(HtmlTemplate.escape(s).toString()).as(s)
          .isEqualTo(EscapingStrategy.HTML_ENTITY.escape(s).toString());
    }
    assertThat(HtmlTemplate.escape(null).toString()).isEqualTo(EscapingStrategy.HTML_ENTITY.escape(null).toString());
  }
}
