package dev.platen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.Pdfs;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code platen render} against the server: the same template, data and document date give the same bytes as the
 * PDF the server stores, on both engine paths; bad input ends with exit 1 or 2 and one line.
 */
class RenderCommandTest {
  @TempDir static Path dir;
  static TestServer server;
  static final Map<String, String> ENV = Map.of("PLATEN_DATA_DIR", "/nonexistent/platen-render-needs-no-data-dir");

  @BeforeAll
  static void start() {
    server = TestServer.start(dir.resolve("server"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Publishes a template body, renders it with the data text, and returns the stored PDF and the version's date. */
  static ServerPdf viaServer(String templateBody, String dataText, String key) {
    Res published = server.post("/v1/templates", key, templateBody);
    assertThat(published.status()).as(published.text()).isEqualTo(201);
    String slug = published.json().path("slug").asString();
    Res accepted = server.post("/v1/templates/" + slug + "/render", key, "{\"data\": " + dataText + "}");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    JsonNode done = server.awaitTerminal(accepted.json().path("id").asString(), key, Duration.ofSeconds(120));
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
    Res pdf = server.get(done.path("downloadUrl").asString(), null);
    assertThat(pdf.status()).isEqualTo(200);
    String updatedAt = server.get("/v1/templates/" + slug, key).json().path("updatedAt").asString();
    return new ServerPdf(pdf.body(), updatedAt);
  }

  record ServerPdf(byte[] pdf, String publishedAt) {}

  private static void sameBytesForExample(String name) throws Exception {
    Path template = Path.of("examples", name + ".json");
    Path data = Path.of("examples", name + ".data.json");
    ServerPdf expected = viaServer(Files.readString(template), Files.readString(data), server.liveKey);
    Path out = dir.resolve(name + ".pdf");
    CommandRun run = CommandRun.run(ENV, "render", "--template", template.toString(), "--data", data.toString(),
        "--out", out.toString(), "--date", expected.publishedAt());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(expected.pdf());
  }

  @Test
  void directEngineGivesTheServersBytes() throws Exception {
    sameBytesForExample("invoice");
  }

  /** Why --date exists: the PDF's dates and file identifier come from the version's publish time. */
  @Test
  void anotherDocumentDateGivesAnotherFile() {
    CommandRun a = CommandRun.run(ENV, "render", "--template", "examples/invoice.json", "--data",
        "examples/invoice.data.json", "--out", "-", "--date", "2026-01-01T00:00:00.000Z");
    CommandRun b = CommandRun.run(ENV, "render", "--template", "examples/invoice.json", "--data",
        "examples/invoice.data.json", "--out", "-", "--date", "2026-01-01T00:00:00.001Z");
    CommandRun again = CommandRun.run(Map.of("SOURCE_DATE_EPOCH", "1767225600"), "render", "--template",
        "examples/invoice.json", "--data", "examples/invoice.data.json", "--out", "-");
    assertThat(a.exitCode()).as(a.toString()).isZero();
    assertThat(b.out()).isNotEqualTo(a.out());
    assertThat(Pdfs.text(b.out())).isEqualTo(Pdfs.text(a.out()));
    assertThat(again.out()).isEqualTo(a.out());
  }

  /** Running footers and PDF/A go through openhtmltopdf. */
  @Test
  void htmlEngineAndPdfAGiveTheServersBytes() throws Exception {
    sameBytesForExample("delivery-note");
    sameBytesForExample("certificate");
  }

  /** An HTML layout given with --layout, rendered with a test key's watermark, from standard input to standard out. */
  @Test
  void layoutOptionWatermarkAndStandardStreams() throws Exception {
    String manifest = """
        {"variables": [{"key": "customer.name", "label": "Customer", "dataType": "text", "required": true},
                       {"key": "total", "label": "Total", "dataType": "currency", "format": "currency:EUR"}],
         "loops": []}""";
    String layout = """
        {"html": "<h1>Hello {{customer.name}}</h1><p>Total {{format-currency total \\"EUR\\"}}</p>",
         "css": "h1 { color: #334; }"}""";
    String data = "{\"customer\": {\"name\": \"Ada\"}, \"total\": \"12.5\"}";
    ServerPdf expected = viaServer("{\"name\": \"Greeting\", \"manifest\": " + manifest + ", \"layout\": " + layout
        + "}", data, server.addKeyToDefaultProject(true));
    Path template = dir.resolve("greeting.json");
    Files.writeString(template, "{\"name\": \"Greeting\", \"manifest\": " + manifest + "}");
    Path layoutFile = dir.resolve("greeting-layout.json");
    Files.writeString(layoutFile, layout);

    CommandRun run = CommandRun.run(ENV, data.getBytes(StandardCharsets.UTF_8), "render", "--template",
        template.toString(), "--layout", layoutFile.toString(), "--data", "-", "--out", "-", "--watermark",
        "--date", expected.publishedAt());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(Pdfs.text(run.out())).contains("Hello Ada").contains("TEST");
    assertThat(run.out()).isEqualTo(expected.pdf());
  }

  @Test
  void invalidDataExitsOneWithTheProblemsOnOneLine() throws Exception {
    Path data = dir.resolve("bad-data.json");
    Files.writeString(data, "{\"invoice\": {\"number\": 5}, \"customer\": \"nobody\"}");
    Path out = dir.resolve("never.pdf");
    CommandRun run = CommandRun.run(ENV, "render", "--template", "examples/invoice.json", "--data", data.toString(),
        "--out", out.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("platen render: " + data + " does not match the template: ")
        .contains("invoice.issued: Required").contains("customer: Expected object, received string")
        .contains("more");
    assertThat(out).doesNotExist();
  }

  @Test
  void invalidTemplateAndJsonExitOne() throws Exception {
    Path template = dir.resolve("bad-template.json");
    Files.writeString(template, """
        {"name": "", "manifest": {"variables": [{"key": "a", "label": "A", "dataType": "colour"}]}}""");
    CommandRun run = CommandRun.run(ENV, "render", "--template", template.toString(), "--data",
        "examples/invoice.data.json", "--out", dir.resolve("x.pdf").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("is not a valid template: ").contains("name: ")
        .contains("manifest.variables.0.dataType");

    Files.writeString(template, "{\"name\": \"x\",");
    run = CommandRun.run(ENV, "render", "--template", template.toString(), "--data", "examples/invoice.data.json",
        "--out", dir.resolve("x.pdf").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("is not valid JSON");
  }

  @Test
  void wrongCommandLinesExitTwo() {
    assertThat(CommandRun.run(ENV, "render", "--template", "examples/invoice.json", "--data",
        "examples/invoice.data.json").err()).isEqualTo("platen render: --out is required\n");
    CommandRun missing = CommandRun.run(ENV, "render", "--template", "no-such.json", "--data",
        "examples/invoice.data.json", "--out", "-");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("platen render: no-such.json: no such file\n");
    CommandRun unknown = CommandRun.run(ENV, "render", "--tempalte", "x");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("platen render: unknown option --tempalte\n");
    CommandRun twoStdin = CommandRun.run(ENV, "render", "--template", "-", "--data", "-", "--out", "-");
    assertThat(twoStdin.exitCode()).isEqualTo(2);
    CommandRun badDate = CommandRun.run(ENV, "render", "--template", "examples/invoice.json", "--data",
        "examples/invoice.data.json", "--out", "-", "--date", "yesterday");
    assertThat(badDate.exitCode()).isEqualTo(2);
    assertThat(badDate.err()).contains("--date must be an instant");
  }

  @Test
  void helpListsEveryCommandAndDescribesEach() {
    CommandRun all = CommandRun.run(ENV, "--help");
    assertThat(all.exitCode()).isZero();
    for (String c : new String[] {"serve", "render", "backup", "restore", "migrate"}) {
      assertThat(all.outText()).contains("  " + c + " ");
      CommandRun one = CommandRun.run(ENV, c, "--help");
      assertThat(one.exitCode()).isZero();
      assertThat(one.outText()).startsWith("Usage: platen " + c);
    }
    CommandRun unknown = CommandRun.run(ENV, "rendr");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("platen: unknown command 'rendr'; platen --help lists the commands\n");
  }
}
