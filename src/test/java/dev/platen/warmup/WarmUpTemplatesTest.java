package dev.platen.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.Pdfs;
import dev.platen.testing.PrometheusText;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
  void theWarmUpsCanvasInvoiceHtmlInvoiceAndStatementAreDrawnDirectly(@TempDir Path dir) throws Exception {
    String invoiceData = resource("warmup/invoice.data.json");
    try (TestServer s = TestServer.start(dir)) {
      int pages = 0;
      for (String[] t : new String[][] {{"canvas-invoice", WarmUpTraffic.canvasData(), "Кириллица"},
          {"html-invoice", WarmUpTraffic.htmlInvoiceData(invoiceData, 0), "PAID"},
          {"html-invoice", WarmUpTraffic.htmlInvoiceData(invoiceData, 1), "OPEN"},
          {"html-statement", WarmUpTraffic.statementData(), "Salary Northwind Studio"}}) {
        Res put = s.put("/v1/templates/" + t[0], s.liveKey, resource("warmup/" + t[0] + ".json"));
        assertThat(put.status()).as(put.text()).isIn(200, 201);
        JsonNode read = s.get("/v1/templates/" + t[0], s.liveKey).json();
        assertThat(read.path("engine").asString()).as(read.path("engineReason").toString()).isEqualTo("direct");

        Res posted = s.post("/v1/templates/" + t[0] + "/render", s.liveKey, "{\"data\": " + t[1] + "}");
        assertThat(posted.status()).as(posted.text()).isEqualTo(202);
        JsonNode done = s.awaitTerminal(posted.json().path("id").asString(), s.liveKey, Duration.ofSeconds(60));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
        byte[] pdf = s.get("/v1/renders/" + done.path("id").asString() + "/download", s.liveKey).body();
        assertThat(Pdfs.text(pdf)).contains(t[2]);
        pages = Pdfs.pages(pdf);
      }
      assertThat(pages).as("the statement reaches over several pages, under its repeated header").isGreaterThan(2);

      // the data did not send either document to openhtmltopdf while it was laid out
      PrometheusText metrics = PrometheusText.parse(s.get("/metrics", null).text());
      assertThat(metrics.sum("platen_render_engine_seconds_count", Map.of("engine", "direct"))).isEqualTo(4);
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
      Res put = s.put("/v1/templates/invoice-html", s.liveKey,
          java.nio.file.Files.readString(Path.of("bench/aot/invoice-html.json")));
      assertThat(put.status()).as(put.text()).isIn(200, 201);
      JsonNode read = s.get("/v1/templates/invoice-html", s.liveKey).json();
      assertThat(read.path("engine").asString()).as(read.path("engineReason").toString()).isEqualTo("direct");
      Res posted = s.post("/v1/templates/invoice-html/render", s.liveKey,
          "{\"data\": " + java.nio.file.Files.readString(Path.of("examples/invoice.data.json")) + "}");
      assertThat(posted.status()).as(posted.text()).isEqualTo(202);
      JsonNode done = s.awaitTerminal(posted.json().path("id").asString(), s.liveKey, Duration.ofSeconds(60));
      assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
      PrometheusText metrics = PrometheusText.parse(s.get("/metrics", null).text());
      assertThat(metrics.sum("platen_render_engine_seconds_count", Map.of("engine", "direct"))).isEqualTo(1);
    }
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = WarmUpTemplatesTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
