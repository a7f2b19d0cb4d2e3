package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.Golden;
import dev.platen.testing.Pdfs;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The templates under {@code examples/} as a user would use them: published through the API, rendered, downloaded.
 * Page 1 of each is compared with a reference image (see {@link Golden}).
 */
class ExamplesTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Publishes examples/{name}.json, renders it with examples/{name}.data.json and returns the PDF. */
  static byte[] render(String name) throws Exception {
    String slug = publish(name);
    JsonNode data = TestServer.JSON.readTree(Files.readString(Path.of("examples", name + ".data.json")));
    Res accepted = server.post("/v1/templates/" + slug + "/render", server.liveKey, Map.of("data", data));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    JsonNode done = server.awaitTerminal(accepted.json().path("id").asString(), server.liveKey,
        Duration.ofSeconds(120));
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
    Res pdf = server.get(done.path("downloadUrl").asString(), null);
    assertThat(pdf.status()).isEqualTo(200);
    Golden.assertPage("example-" + name, pdf.body());
    return pdf.body();
  }

  /** Publishes examples/{name}.json and returns the new template's slug. */
  static String publish(String name) throws Exception {
    JsonNode template = TestServer.JSON.readTree(Files.readString(Path.of("examples", name + ".json")));
    Res published = server.post("/v1/templates", server.liveKey, template);
    assertThat(published.status()).as(published.text()).isEqualTo(201);
    return published.json().path("slug").asString();
  }

  /**
   * Each example names what sends it to the HTML engine (openhtmltopdf): a canvas layout's first construct outside
   * the direct engine's subset, as an HTML layout's is named.
   */
  @Test
  void eachExampleSaysWhichEngineDrawsItAndWhy() throws Exception {
    Map<String, String> reasons = Map.of("invoice", "the layout's 'header'", "statement", "the layout's 'header'",
        "delivery-note", "'margin' on section info", "certificate", "PDF/A output (pageConfig.pdfa)");
    for (var e : reasons.entrySet()) {
      JsonNode shown = server.get("/v1/templates/" + publish(e.getKey()), server.liveKey).json();
      assertThat(shown.path("engine").asString()).as(e.getKey()).isEqualTo("html");
      assertThat(shown.path("engineReason").asString()).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void invoice() throws Exception {
    byte[] pdf = render("invoice");
    assertThat(Pdfs.pages(pdf)).isEqualTo(1);
    assertThat(Pdfs.text(pdf)).contains("INVOICE").contains("INV-2026-0042").contains("Zoë Ångström")
        .contains("Brand identity workshop (2 days)").contains("Subtotal 9,437.50 EUR").contains("VAT 20% 1,887.50 EUR")
        .contains("Total due 11,325.00 EUR").contains("Due 5 July 2026");
  }

  @Test
  void deliveryNote() throws Exception {
    byte[] pdf = render("delivery-note");
    assertThat(Pdfs.pages(pdf)).isEqualTo(1);
    assertThat(Pdfs.text(pdf)).contains("Delivery note").contains("DN-2026-1187").contains("JD014600006281234567")
        .contains("NW-SG-0441").contains("Received in good condition").contains("Page 1 of 1");
  }

  @Test
  void certificateIsALandscapePdfA() throws Exception {
    byte[] pdf = render("certificate");
    assertThat(Pdfs.pages(pdf)).isEqualTo(1);
    assertThat(Pdfs.text(pdf)).contains("Certificate of Completion").contains("Σοφία Παπαδοπούλου")
        .contains("Typography for Print and Screen").contains("NA-2026-00917");
    try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      var box = doc.getPage(0).getMediaBox();
      assertThat(box.getWidth()).isGreaterThan(box.getHeight());
      assertThat(doc.getDocumentCatalog().getOutputIntents()).hasSize(1);
      assertThat(new String(doc.getDocumentCatalog().getMetadata().toByteArray(),
          java.nio.charset.StandardCharsets.UTF_8)).contains("pdfaid:part").contains("2");
    }
  }

  @Test
  @Tag("slow")
  void thousandRowStatementRepeatsHeaderAndFooterOnEveryPage() throws Exception {
    byte[] pdf = render("statement");
    List<String> pages = pageTextsByPosition(pdf);
    assertThat(pages.size()).isGreaterThan(15);
    String all = String.join("\n", pages);
    assertThat(all).contains("TX1000000").contains("TX" + (1000000 + 999 * 37));
    for (String page : pages) {
      assertThat(page).contains("Harbour Bank").contains("Date Description Reference Amount Balance")
          .contains("Zoë Ångström · page");
    }
    for (int i = 0; i < pages.size(); i++) {
      assertThat(pages.get(i)).contains("page " + (i + 1) + " of " + pages.size());
    }
    assertThat(all.split("TX\\d{7}", -1)).hasSize(1001);
  }

  /** Page counters are drawn after the text around them; ordering by position puts them back in the line. */
  static List<String> pageTextsByPosition(byte[] pdf) throws Exception {
    try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      var stripper = new org.apache.pdfbox.text.PDFTextStripper();
      stripper.setSortByPosition(true);
      List<String> pages = new java.util.ArrayList<>();
      for (int i = 1; i <= doc.getNumberOfPages(); i++) {
        stripper.setStartPage(i);
        stripper.setEndPage(i);
        pages.add(stripper.getText(doc));
      }
      return pages;
    }
  }
}
