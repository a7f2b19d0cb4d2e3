package dev.platen.render.direct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.HtmlCorpus;
import dev.platen.render.PdfEngine;
import dev.platen.render.RenderInput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A template version's element styles are kept across its renders (Plan.styles): documents of other shapes (rows
 * that zebra rules tell apart, a status class the data sets), drawn one after another and on several threads at
 * once through one prepared version, come out as each does from a version prepared for it alone.
 */
class HtmlStyleCacheTest {
  private static final JsonNode LAYOUT = HtmlCorpus.of("<h1 class=\"{{status}}\">Invoice {{number}}</h1><table class=\"t\">"
      + "{{#each items}}<tr><td>{{name}}</td><td class=\"n\">{{amount}}</td></tr>{{/each}}</table><p>Thank you</p>",
      "h1.paid { color: #070 } h1.due { color: #a00; font-size: 30px } .t { width: 100%; border-collapse: collapse }"
          + " .t tr:nth-child(even) td { background: #eee } .t tr:first-child td { font-weight: bold }"
          + " .n { text-align: right }");

  private static String data(int n, String status) {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) items.append(',');
      items.append("{\"name\": \"Item ").append(i).append("\", \"amount\": \"").append(i * 7).append(".00\"}");
    }
    return "{\"number\": \"" + n + "\", \"status\": \"" + status + "\", \"items\": [" + items + "]}";
  }

  private static byte[] alone(RenderInput input) throws Exception {
    DirectPdfEngine engine = new DirectPdfEngine(EngineSettings.defaults());
    return engine.prepare(input.layout(), input.page()).render(input);
  }

  /** The same template written as a whole page, its CSS in a {@code <style>} of its head. */
  private static final JsonNode PAGE = HtmlCorpus.of("<html><head><style>" + LAYOUT.path("css").asString()
      + "</style></head><body>" + LAYOUT.path("html").asString() + "</body></html>", "");

  @Test
  void documentsOfOneVersionPrintAsEachAlone() throws Exception {
    drawnAsAlone(LAYOUT);
  }

  @Test
  void documentsOfAVersionWithItsOwnStyleElementPrintAsEachAlone() throws Exception {
    drawnAsAlone(PAGE);
  }

  private static void drawnAsAlone(JsonNode layout) throws Exception {
    List<RenderInput> inputs = new ArrayList<>();
    for (int n : new int[] {1, 2, 7, 40}) {
      for (String status : new String[] {"paid", "due"}) inputs.add(Canvas.input(layout, data(n, status)));
    }
    PdfEngine.Prepared shared = new DirectPdfEngine(EngineSettings.defaults()).prepare(layout, inputs.get(0).page());
    List<byte[]> expected = new ArrayList<>();
    for (RenderInput input : inputs) expected.add(alone(input));
    for (int i = 0; i < inputs.size(); i++) {
      assertThat(shared.render(inputs.get(i))).as("document %d after the others", i).isEqualTo(expected.get(i));
    }
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> drawn = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        for (RenderInput input : inputs) drawn.add(threads.submit(() -> shared.render(input)));
      }
      for (int i = 0; i < drawn.size(); i++) {
        assertThat(drawn.get(i).get()).as("document %d on a render thread", i % inputs.size())
            .isEqualTo(expected.get(i % inputs.size()));
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
