package dev.platen.render.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.testing.Pdfs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoopTableTest {
  private static final HtmlPdfEngine engine = new HtmlPdfEngine(EngineSettings.defaults());
  private static final Pattern ROW = Pattern.compile("item-(\\d{4}) ([\\d,]+) ([\\d,]+\\.\\d{2}) EUR");

  @BeforeAll
  static void warmUp() {
    engine.warmUp();
  }

  @Test
  void threeHundredRowsSpanPagesWithTheHeaderOnEachAndEveryRowOnceInOrder() throws Exception {
    long start = System.nanoTime();
    byte[] pdf = engine.render(Canvas.longTable(300));
    long millis = (System.nanoTime() - start) / 1_000_000;
    List<String> pages = Pdfs.pageTexts(pdf);

    assertThat(pages).hasSizeGreaterThanOrEqualTo(3);
    assertThat(pages).allSatisfy(page -> assertThat(page).contains("Article Quantity Amount"));
    List<Integer> seen = new ArrayList<>();
    for (String page : pages) {
      Matcher m = ROW.matcher(page);
      while (m.find()) {
        int n = Integer.parseInt(m.group(1));
        // every cell of a row on the same line of the same page: the row was not split
        assertThat(m.group(2)).isEqualTo(String.format(Locale.ENGLISH, "%,d", n));
        assertThat(m.group(3)).isEqualTo(String.format(Locale.ENGLISH, "%,.2f", n * 1.5));
        seen.add(n);
      }
    }
    assertThat(seen).containsExactlyElementsOf(IntStream.rangeClosed(1, 300).boxed().toList());
    System.getLogger(getClass().getName()).log(System.Logger.Level.INFO,
        "300-row table: " + pages.size() + " pages in " + millis + " ms");
  }

  /** Found by TemplateFuzzTest: the header cell had two style attributes, which the XML parser refuses. */
  @Test
  void aCentredColumnWithAWidthRenders() throws Exception {
    var layout = Canvas.blocks(Canvas.block("table", """
        {"loop":"items","columns":[{"header":"Centred","field":"x","align":"center","width":30},
          {"header":"Justified","field":"x","align":"justify","width":"20%"}]}"""));
    byte[] pdf = engine.render(Canvas.input(layout, "{\"items\":[{\"x\":\"one\"}]}"));
    assertThat(Pdfs.text(pdf)).contains("Centred").contains("Justified").contains("one");
  }

  @Test
  void columnsThatAllDeclareNoWidthRender() throws Exception {
    var layout = Canvas.blocks(Canvas.block("table", """
        {"loop":"items","columns":[{"header":"Zero","field":"x","width":0},
          {"header":"Negative","field":"x","width":"-5%"}]}"""));
    byte[] pdf = engine.render(Canvas.input(layout, "{\"items\":[{\"x\":\"one\"}]}"));
    assertThat(Pdfs.text(pdf)).contains("Zero").contains("Negative").contains("one");
  }

  @Test
  void numberColumnsAlignRightAndTextColumnsLeft() throws Exception {
    byte[] pdf = engine.render(Canvas.longTable(40));

    Words words = Words.onFirstPage(pdf);

    // right-aligned: amounts of different widths ("1.50", "60.00") end at the same x
    assertThat(words.endsOf("EUR")).hasSizeGreaterThan(30).allSatisfy(x -> assertThat(x).isCloseTo(
        words.endsOf("EUR").get(0), org.assertj.core.api.Assertions.within(0.5f)));
    List<Float> amountStarts = words.startsMatching("[\\d,]+\\.\\d{2}");
    assertThat(amountStarts.stream().distinct().count()).isGreaterThan(1);
    List<Float> nameStarts = words.startsMatching("item-\\d{4}");
    assertThat(nameStarts).allSatisfy(x -> assertThat(x).isCloseTo(nameStarts.get(0),
        org.assertj.core.api.Assertions.within(0.5f)));
  }

  @Test
  void refusesTablesOverTheRowLimitBeforeLayout() {
    assertThatThrownBy(() -> engine.render(Canvas.longTable(RenderInput.MAX_LOOP_ITEMS + 1)))
        .isInstanceOf(RenderException.class)
        .hasMessage("the table at sections.0.rows.0.columns.0.blocks.1 has 10,001 rows; the limit is 10,000");
  }

  @Test
  void missingLoopDataPrintsTheHeaderOnly() throws Exception {
    RenderInput input = Canvas.longTable(1);
    RenderInput noItems = new RenderInput(input.layout(), Canvas.json("{}"), input.page(), "t", Canvas.DATE, false);

    String text = Pdfs.text(engine.render(noItems));

    assertThat(text).contains("Article Quantity Amount").doesNotContain("item-");
  }

  /** Words of a page with their horizontal extent. */
  private record Words(List<String> text, List<Float> starts, List<Float> ends) {
    static Words onFirstPage(byte[] pdf) throws IOException {
      Words words = new Words(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      try (PDDocument doc = Loader.loadPDF(pdf)) {
        PDFTextStripper stripper = new PDFTextStripper() {
          @Override protected void writeString(String s, List<TextPosition> positions) {
            for (String word : s.split(" ")) {
              if (word.isEmpty()) continue;
              int from = s.indexOf(word);
              TextPosition first = positions.get(from);
              TextPosition last = positions.get(from + word.length() - 1);
              words.text.add(word);
              words.starts.add(first.getXDirAdj());
              words.ends.add(last.getXDirAdj() + last.getWidthDirAdj());
            }
          }
        };
        stripper.setStartPage(1);
        stripper.setEndPage(1);
        stripper.getText(doc);
      }
      return words;
    }

    List<Float> endsOf(String word) {
      return IntStream.range(0, text.size()).filter(i -> text.get(i).equals(word)).mapToObj(ends::get).toList();
    }

    List<Float> startsMatching(String regex) {
      return IntStream.range(0, text.size()).filter(i -> text.get(i).matches(regex)).mapToObj(starts::get).toList();
    }
  }
}
