package dev.platen.render.html;

import static dev.platen.render.Canvas.block;
import static dev.platen.render.Canvas.blocks;
import static dev.platen.render.Canvas.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.pdf.ThreadFonts;
import dev.platen.testing.Golden;
import dev.platen.testing.Pdfs;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scripts beyond Latin: right-to-left text, CJK from the bundled fallback font, and a visible missing glyph. */
class UnicodeTest {
  private static final HtmlPdfEngine engine = new HtmlPdfEngine(EngineSettings.defaults());

  @BeforeAll
  static void warmUp() {
    engine.warmUp();
  }

  static final String SCRIPTS = """
      {"version":1,"sections":[{"id":"s","type":"section","rows":[{"id":"r","type":"row","columns":[
        {"id":"c","type":"column","blocks":[
          {"id":"h","type":"heading","props":{"content":"Unicode","as":"h1"}},
          {"id":"l","type":"text","props":{"content":"Latin: Zoë Ångström, façade, Łódź, naïve — 1,234.50 €"}},
          {"id":"g","type":"text","props":{"content":"Greek: Καλημέρα κόσμε"}},
          {"id":"y","type":"text","props":{"content":"Cyrillic: Съешь же ещё этих мягких французских булок"}},
          {"id":"w","type":"text","props":{"content":"שלום עולם","align":"right","fontSize":"16pt"}},
          {"id":"a","type":"text","props":{"content":"مرحبا بالعالم","align":"right","fontSize":"16pt"}},
          {"id":"z","type":"text","props":{"content":"中文：你好，世界。日本語：こんにちは。","fontSize":"14pt"}},
          {"id":"m","type":"text","props":{"content":"Missing: [𓀀] end"}},
          {"id":"t","type":"table","props":{"loop":"rows","columns":[{"header":"Name","field":"name"},
            {"header":"Amount","field":"amount","dataType":"currency","format":"currency:JPY"}]}}]}]}]}]}
      """;
  static final String DATA = """
      {"rows":[{"name":"東京支店","amount":120000},{"name":"Αθήνα","amount":5},{"name":"תל אביב","amount":7},
        {"name":"القاهرة","amount":9}]}
      """;

  /**
   * A style sheet's own family list keeps every character (D64): a usual family (Arial, Helvetica, Georgia) is set in
   * DejaVu Sans, and what a built-in font lacks (Courier's and Times-Roman's ł, any font's 北京) falls back to DejaVu
   * and the CJK font. openhtmltopdf alone had printed "Ma#gorzata #ód#" for each of these.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"Arial", "Helvetica", "Georgia", "'Segoe UI'",
      "Arial, sans-serif", "monospace", "'Courier New', monospace", "'Brandon Grotesque'"})
  void aTemplatesOwnFontListKeepsEveryCharacter(String family) throws Exception {
    byte[] pdf = engine.render(input(dev.platen.render.HtmlCorpus.of("<p>Małgorzata Łódź — Straße 12 € ✓ 北京</p>",
        "p { font-family: " + family + "; }"), "{}"));
    assertThat(Pdfs.text(pdf)).contains("Małgorzata Łódź — Straße 12 € ✓ 北京");
    Set<String> fonts = new HashSet<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDPage page = doc.getPage(0);
      for (COSName n : page.getResources().getFontNames()) fonts.add(page.getResources().getFont(n).getName());
    }
    boolean usual = !family.contains("monospace") && !family.contains("Brandon");
    // a usual family is all DejaVu: no built-in font on the page
    assertThat(fonts.stream().anyMatch(f -> f.startsWith("Times") || f.startsWith("Helvetica"))).as("%s", fonts)
        .isEqualTo(family.contains("Brandon"));
    if (usual) assertThat(fonts).allMatch(f -> f.contains("DejaVuSans") || f.contains("DroidSansFallback"));
  }

  @Test
  void everyScriptIsDrawnAndExtractable() throws Exception {
    byte[] pdf = engine.render(input(Canvas.json(SCRIPTS), DATA));
    Golden.assertPage("unicode-scripts", pdf);

    String text = Pdfs.text(pdf);
    assertThat(text).contains("Zoë Ångström, façade, Łódź").contains("Καλημέρα κόσμε")
        .contains("Съешь же ещё").contains("你好，世界").contains("こんにちは")
        .contains("東京支店").contains("Αθήνα");
    // PDFBox reads right-to-left runs back in logical order: the words come out as written
    assertThat(text).contains("שלום עולם").contains("תל אביב");
    assertThat(text).containsPattern("مرحبا|ﻣﺮﺣﺒﺎ");
    // a character no bundled font has shows as the replacement mark rather than nothing
    assertThat(text).contains("[\uFFFD] end");
    assertThat(fontNames(pdf)).anyMatch(n -> n.contains("DroidSansFallback")).anyMatch(n -> n.contains("DejaVuSans"));
  }

  @Test
  void theFallbackFontIsOnlyEmbeddedWhenTheDocumentNeedsIt() throws Exception {
    byte[] latin = engine.render(input(blocks(block("text", "{\"content\":\"Ελληνικά, Кириллица, עברית\"}")), "{}"));
    assertThat(fontNames(latin)).noneMatch(n -> n.contains("Droid"));
    byte[] cjk = engine.render(input(blocks(block("text", "{\"content\":\"漢字\"}")), "{}"));
    assertThat(fontNames(cjk)).anyMatch(n -> n.contains("Droid"));
    assertThat(Pdfs.text(cjk)).contains("漢字");
  }

  @Test
  void coverageKeepsMarksThatHaveNoGlyph() {
    // U+E0100 is a variation selector and U+13000 a hieroglyph, neither in any bundled font
    ThreadFonts.Coverage c = ThreadFonts.cover("a\u200Db\u200Fc\u00A0d\uDB40\uDD00\uD80C\uDC00");
    assertThat(c.text()).isEqualTo("a\u200Db\u200Fc\u00A0d\uFFFD");
    // Droid Sans Fallback has no Hangul: Korean is marked as missing, not dropped
    assertThat(ThreadFonts.cover("한국").text()).isEqualTo("\uFFFD\uFFFD");
    assertThat(ThreadFonts.cover("plain ascii <b>").fallback()).isFalse();
    assertThat(ThreadFonts.cover("Ελληνικά").fallback()).isFalse();
  }

  static Set<String> fontNames(byte[] pdf) throws IOException {
    Set<String> names = new HashSet<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      for (PDPage page : doc.getPages()) {
        for (COSName name : page.getResources().getFontNames()) {
          PDFont font = page.getResources().getFont(name);
          names.add(font.getName());
        }
      }
    }
    return names;
  }
}
