package dev.platen.cli;

import dev.platen.api.Json;
import dev.platen.config.Config;
import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import dev.platen.jobs.RenderThreads;
import dev.platen.jobs.VersionCache;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import dev.platen.templates.DataValidator;
import dev.platen.templates.Manifest;
import dev.platen.templates.TemplateDraft;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code platen render}: one document, offline, along the server's own path: the template is checked as publishing
 * checks it ({@link TemplateDraft}), the data as a render request's ({@link DataValidator}), both are stored and
 * read back as JSON text the way the database holds them, and the version is prepared by {@link VersionCache} for
 * the workers' engine. Same template, data and date, same bytes as the server's PDF.
 */
final class RenderCommand {
  private RenderCommand() {}

  static final String HELP = """
      Usage: platen render --template FILE --data FILE [--layout FILE] --out FILE [--date INSTANT] [--watermark]

      Renders one PDF with the server's engine, offline: no server, no database. For template development
      and CI pipelines.

        --template FILE  a template as POST /v1/templates takes it (name, manifest, optional layout and
                         pageConfig), checked as publishing checks it
        --data FILE      the variable data: the "data" object of a render request, validated and coerced
                         the same way
        --layout FILE    a layout to use instead of the template's own (canvas, or {"html": …, "css": …})
        --out FILE       where the PDF goes
        --date INSTANT   the document date in the PDF's metadata, e.g. 2026-01-31T09:00:00.000Z. The server
                         stamps the template version's publish time, the template's updatedAt in
                         GET /v1/templates/{slug}: pass it to get the server's PDF byte for byte. Default:
                         SOURCE_DATE_EPOCH (seconds) if set, else now.
        --watermark      draw the TEST watermark that renders made with a ck_test_ key carry

      "-" as a FILE is standard input (for one of the inputs) or standard output (for --out).
      PLATEN_MAX_PAGES, PLATEN_RENDER_TIMEOUT_MS and PLATEN_ALLOW_PRIVATE_FETCH apply as on the server.
      Exit status: 0 written; 1 the template or data is invalid or the render failed (one line lists the
      problems); 2 the command line is wrong or a file cannot be read.
      """;

  /** At most this many problems are named in the one line; the rest are counted. */
  private static final int SHOWN_PROBLEMS = 5;

  static void run(List<String> argv, Commands.Wiring wiring, Commands.Io io) {
    Args args = Args.parse(argv, Set.of("template", "data", "layout", "out", "date"), Set.of("watermark"));
    if (!args.positional().isEmpty()) throw CommandException.usage("unexpected argument " + args.positional().get(0));
    String templateFile = args.required("template");
    String dataFile = args.required("data");
    String layoutFile = args.value("layout");
    String outFile = args.required("out");
    long stdinUsers = java.util.stream.Stream.of(templateFile, dataFile, layoutFile).filter("-"::equals).count();
    if (stdinUsers > 1) throw CommandException.usage("only one of --template, --data and --layout can be -");
    Instant date = documentDate(args.value("date"), io.env());
    Config config = io.config();
    JsonMapper json = Json.newMapper();

    JsonNode body = readJson(templateFile, json, io);
    if (layoutFile != null && body instanceof ObjectNode o) o.set("layout", readJson(layoutFile, json, io));
    TemplateDraft draft;
    try {
      draft = TemplateDraft.parse(body, true);
    } catch (PlatenException e) {
      throw CommandException.failed(name(templateFile) + " is not a valid template: " + problems(e));
    }
    JsonNode data = readJson(dataFile, json, io);
    if (!data.isObject()) {
      throw CommandException.failed(name(dataFile) + " must hold a JSON object of variable values");
    }
    // As stored at publish time and read back by a render request (PublishedManifests).
    Manifest manifest = Manifest.parse(json.readTree(json.writeValueAsString(draft.manifest().toJson())), "manifest");
    ObjectNode clean;
    try {
      clean = DataValidator.validate(manifest, data);
    } catch (PlatenException e) {
      throw CommandException.failed(name(dataFile) + " does not match the template: " + problems(e));
    }

    String layout = json.writeValueAsString(draft.layout());
    String pageConfig = json.writeValueAsString(draft.pageConfig());
    VersionCache versions = new VersionCache(id -> Optional.of(new VersionCache.StoredVersion(draft.name(), layout,
        pageConfig, date.toEpochMilli())), json, wiring.engine().apply(config), 1);
    byte[] pdf = render(versions, json.writeValueAsString(clean), args.flag("watermark"), config, json);
    write(pdf, outFile, io);
    io.err().println("platen render: wrote " + (outFile.equals("-") ? "standard output" : outFile) + " ("
        + pdf.length + " bytes)");
  }

  /** As the worker renders a claimed job: the prepared version, the stored data read back, on a render thread. */
  private static byte[] render(VersionCache versions, String storedData, boolean watermark, Config config,
      JsonMapper json) {
    RenderThreads thread = new RenderThreads(1, 0, () -> { });
    try {
      VersionCache.PreparedVersion v = versions.get("offline");
      RenderInput input = new RenderInput(v.layout(), json.readTree(storedData), v.page(), v.name(),
          v.publishedAt(), watermark);
      return thread.call(() -> v.engine().render(input), config.renderTimeoutMs());
    } catch (RenderException e) {
      throw CommandException.failed("the render failed: " + e.getMessage());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RenderException re) throw CommandException.failed("the render failed: " + re.getMessage());
      throw new IllegalStateException("the engine failed", e.getCause());
    } catch (TimeoutException e) {
      long ms = config.renderTimeoutMs();
      throw CommandException.failed("the render timed out after "
          + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms") + " (PLATEN_RENDER_TIMEOUT_MS)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CommandException.failed("interrupted");
    } finally {
      thread.shutdownNow();
    }
  }

  static Instant documentDate(String option, Map<String, String> env) {
    if (option != null) {
      try {
        return Instant.parse(option).truncatedTo(ChronoUnit.MILLIS);
      } catch (DateTimeParseException e) {
        throw CommandException.usage("--date must be an instant like 2026-01-31T09:00:00.000Z, got '" + option + "'");
      }
    }
    String epoch = env.get("SOURCE_DATE_EPOCH");
    if (epoch != null && !epoch.isBlank()) {
      try {
        return Instant.ofEpochSecond(Long.parseLong(epoch.trim()));
      } catch (NumberFormatException e) {
        throw CommandException.usage("SOURCE_DATE_EPOCH must be seconds since 1970, got '" + epoch + "'");
      }
    }
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static JsonNode readJson(String file, JsonMapper json, Commands.Io io) {
    byte[] bytes = read(file, io);
    if (bytes.length == 0) throw CommandException.failed(name(file) + " is empty; it must hold JSON");
    try {
      return json.readTree(bytes);
    } catch (JacksonException e) {
      String why = e.getOriginalMessage() == null ? "malformed input" : e.getOriginalMessage().replaceAll("\\s+", " ");
      throw CommandException.failed(name(file) + " is not valid JSON: "
          + (why.length() > 200 ? why.substring(0, 200) + "…" : why));
    }
  }

  /** At most the server's request-body limit, so what renders here is never refused by the server as too large. */
  private static byte[] read(String file, Commands.Io io) {
    try (InputStream in = file.equals("-") ? io.in() : Files.newInputStream(Path.of(file))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[65536];
      long total = 0;
      for (int n; (n = in.read(buf)) != -1; ) {
        total += n;
        if (total > Json.MAX_BODY_BYTES) {
          throw CommandException.failed(name(file) + " is larger than 10 MB, the server's limit for a request body");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (NoSuchFileException e) {
      throw CommandException.usage(file + ": no such file");
    } catch (IOException e) {
      throw CommandException.usage(file + " cannot be read: " + e.getMessage());
    }
  }

  private static void write(byte[] pdf, String file, Commands.Io io) {
    if (file.equals("-")) {
      io.out().write(pdf, 0, pdf.length);
      io.out().flush();
      return;
    }
    Path target = Path.of(file).toAbsolutePath();
    // A reader of the file (a watching viewer, a pipeline step) never sees half a PDF.
    Path tmp = target.resolveSibling(target.getFileName() + ".partial");
    try {
      Files.write(tmp, pdf);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw CommandException.failed(file + " cannot be written: " + e.getMessage());
    }
  }

  private static String name(String file) { return file.equals("-") ? "standard input" : file; }

  /** The problems of a refused template or data, briefly: path and message, the first few, then a count. */
  static String problems(PlatenException e) {
    Issues issues = e.issues();
    List<String> all = new ArrayList<>();
    if (issues != null) {
      all.addAll(issues.formErrors());
      issues.fieldErrors().forEach((path, messages) -> messages.forEach(m -> all.add(path + ": " + m)));
    }
    if (all.isEmpty()) return e.getMessage();
    String shown = String.join("; ", all.subList(0, Math.min(SHOWN_PROBLEMS, all.size())));
    return all.size() > SHOWN_PROBLEMS ? shown + "; and " + (all.size() - SHOWN_PROBLEMS) + " more" : shown;
  }
}
