package dev.platen.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.Pdfs;
import dev.platen.testing.PrometheusText;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The start-up warm-up's templates are drawn by the direct engine, with the warm-up's own data. All three it used
 * before went to openhtmltopdf (a % margin, the example's canvas layout and its synthesised one), so the direct
 * engine, where most documents are drawn, was compiled during the first real renders instead (docs/benchmarks.md):
 * this keeps that from coming back unnoticed.
 */
class WarmUpTemplatesTest {
  @Test
  void everyTemplateOfTheWarmUpIsDrawnDirectly(@TempDir Path dir) throws Exception {
    String invoiceData = resource("warmup/invoice.data.json");
    try (TestServer s = TestServer.start(dir)) {
      int pages = 0;
      for (String[] t : new String[][] {{"canvas-invoice", WarmUpTraffic.canvasData(), "Кириллица"},
          {"html-invoice", WarmUpTraffic.htmlInvoiceData(invoiceData, 0), "PAID"},
          {"html-invoice", WarmUpTraffic.htmlInvoiceData(invoiceData, 1), "OPEN"},
          {"html-statement", WarmUpTraffic.statementData(), "Salary Northwind Studio"},
          {"html-receipt", WarmUpTraffic.receiptData("R-1", 0), "Paid 5 Jun 2026 14:12"},
          {"html-receipt", WarmUpTraffic.receiptData("R-2", 1), "To pay by 5 Jul 2026"},
          {"synthesised-order", WarmUpTraffic.synthesisedData("O-1", 0), "Leave at the back door"},
          {"synthesised-order", WarmUpTraffic.synthesisedData("O-2", 1), "79.25 USD"}}) {
        byte[] pdf = publishedDirectAndRendered(s, t[0], resource("warmup/" + t[0] + ".json"), t[1]);
        assertThat(Pdfs.text(pdf)).contains(t[2]);
        if (t[0].equals("html-statement")) pages = Pdfs.pages(pdf);
      }
      assertThat(pages).as("the statement reaches over several pages, under its repeated header").isGreaterThan(2);

      // the data did not send either document to openhtmltopdf while it was laid out
      PrometheusText metrics = PrometheusText.parse(s.get("/metrics", null).text());
      assertThat(metrics.sum("platen_render_engine_seconds_count", Map.of("engine", "direct"))).isEqualTo(8);
      assertThat(metrics.sum("platen_render_engine_seconds_count", Map.of("engine", "html"))).isZero();
    }
  }

  /**
   * The AOT cache's training run (./platen build) renders bench/aot/invoice-html.json a hundred times: drawn by
   * openhtmltopdf, it filled the cache with that engine's and Xerces' profiles, and production's compiler spent the
   * first renders after /ready on them (D72).
   */
  @Test
  void theAotTrainingsHtmlInvoiceIsDrawnDirectly(@TempDir Path dir) throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      String template = Files.readString(Path.of("bench/aot/invoice-html.json"));
      byte[] pdf = publishedDirectAndRendered(s, "invoice-html", template,
          Files.readString(Path.of("examples/invoice.data.json")));
      assertThat(Pdfs.pages(pdf)).isPositive();
      PrometheusText metrics = PrometheusText.parse(s.get("/metrics", null).text());
      assertThat(metrics.sum("platen_render_engine_seconds_count", Map.of("engine", "direct"))).isEqualTo(1);
    }
  }

  /**
   * Publishes {@code template} as {@code slug}, checks that the direct engine will draw it, renders {@code data} with
   * it and returns the PDF.
   */
  private static byte[] publishedDirectAndRendered(TestServer s, String slug, String template, String data) {
    Res put = s.put("/v1/templates/" + slug, s.liveKey, template);
    assertThat(put.status()).as(put.text()).isIn(200, 201);
    JsonNode read = s.get("/v1/templates/" + slug, s.liveKey).json();
    assertThat(read.path("engine").asString()).as(read.path("engineReason").toString()).isEqualTo("direct");

    Res posted = s.post("/v1/templates/" + slug + "/render", s.liveKey, "{\"data\": " + data + "}");
    assertThat(posted.status()).as(posted.text()).isEqualTo(202);
    JsonNode done = s.awaitTerminal(posted.json().path("id").asString(), s.liveKey, Duration.ofSeconds(60));
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
    return s.get("/v1/renders/" + done.path("id").asString() + "/download", s.liveKey).body();
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = WarmUpTemplatesTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
