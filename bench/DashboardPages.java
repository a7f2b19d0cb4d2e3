import dev.platen.Platen;
import dev.platen.config.Config;
import dev.platen.store.Database;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The dashboard's pages over HTTP against a project holding 10,000 templates and 1,000,000 renders (spread over 90
 * days, the last day's with their attempts) on SQLite: a started server ({@code PLATEN_ROLE=api}, so nothing
 * renders meanwhile), a signed-in session, and each page fetched 100 times after 10 warm-up fetches. Rows go in with
 * plain SQL into the database the server migrated. Run from the repository root after {@code ./platen build}:
 *
 * <pre>java -cp target/platen.jar bench/DashboardPages.java [renders] [templates] [data-dir]</pre>
 *
 * Times are the client's, on localhost: the server's time plus a loopback round trip. Exits 1 when a page's median
 * is 50 ms or more, or a page does not answer 200.
 */
public class DashboardPages {
  static final String KEY = "ck_live_dashboardbench0000000001";
  static final long DAY = 86_400_000L;
  static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  public static void main(String[] args) throws Exception {
    int renders = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int templates = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("platen-dashboard-bench");
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve("platen.db"));
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Config config = Config.from(Map.of("PLATEN_PORT", Integer.toString(port), "PLATEN_DATA_DIR", dir.toString(),
        "PLATEN_BOOTSTRAP_KEY", KEY, "PLATEN_ROLE", "api"));
    Platen platen = Platen.start(config, new PrintStream(PrintStream.nullOutputStream()));
    boolean ok = true;
    try {
      Database db = platen.database();
      String project = db.jdbi().withHandle(h -> h.createQuery("SELECT project_id FROM api_keys").mapTo(String.class)
          .one());
      long now = System.currentTimeMillis();
      long t0 = System.nanoTime();
      insert(db, project, templates, renders, now);
      // no ANALYZE: the server never runs it, so the plans measured are the ones it gets
      System.out.printf("inserted %,d templates and %,d renders in %.1f s (%s)%n", templates, renders,
          (System.nanoTime() - t0) / 1e9, dir);

      String base = "http://localhost:" + port;
      HttpResponse<String> signIn = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("key=" + KEY)).build(), HttpResponse.BodyHandlers.ofString());
      String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      String someRender = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM renders WHERE project_id = :p "
          + "ORDER BY created_at DESC LIMIT 1 OFFSET :o").bind("p", project).bind("o", renders / 2).mapTo(String.class).one());
      String deepRenderCursor = db.jdbi().withHandle(h -> h.createQuery("SELECT created_at, id FROM renders "
              + "WHERE project_id = :p ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET :o")
          .bind("p", project).bind("o", renders - 100)
          .map((rs, ctx) -> cursor(rs.getLong(1) + ":" + rs.getString(2))).one());
      String deepTemplateCursor = db.jdbi().withHandle(h -> h.createQuery("SELECT updated_at, id FROM templates "
              + "WHERE project_id = :p AND deleted_at IS NULL ORDER BY updated_at DESC, id DESC LIMIT 1 OFFSET :o")
          .bind("p", project).bind("o", templates - 30)
          .map((rs, ctx) -> cursor(rs.getLong(1) + ":" + rs.getString(2))).one());
      String day = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(now - 30 * DAY), ZoneOffset.UTC).toString();
      String mid = String.format("t-%05d", templates / 2);

      Map<String, String> pages = new LinkedHashMap<>();
      pages.put("overview", "/app/overview");
      pages.put("templates, first page", "/app/templates");
      pages.put("templates, last page (keyset)", "/app/templates?cursor=" + deepTemplateCursor);
      pages.put("templates, search one match", "/app/templates?q=" + URLEncoder.encode("Template 09999",
          StandardCharsets.UTF_8));
      pages.put("templates, search no match", "/app/templates?q=zzz");
      pages.put("template page", "/app/templates/" + mid);
      pages.put("template diff", "/app/templates/" + mid + "/diff?a=1&b=2");
      pages.put("renders, first page", "/app/renders");
      pages.put("renders, last page (keyset)", "/app/renders?cursor=" + deepRenderCursor);
      pages.put("renders, status=failed", "/app/renders?status=failed");
      pages.put("renders, status=queued (rare)", "/app/renders?status=queued");
      pages.put("renders, template=" + mid, "/app/renders?template=" + mid);
      pages.put("renders, one day 30 days ago", "/app/renders?from=" + day + "&to=" + day);
      pages.put("render page (curl, attempts)", "/app/renders/" + someRender);
      pages.put("live list rows", "/app/renders/rows");
      System.out.printf("%-36s %10s %10s %10s%n", "page", "median", "p95", "max");
      for (var e : pages.entrySet()) ok &= time(e.getKey(), base + e.getValue(), cookie);
    } finally {
      platen.close();
    }
    System.exit(ok ? 0 : 1);
  }

  static String cursor(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static boolean time(String name, String url, String cookie) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).timeout(Duration.ofSeconds(30))
        .build();
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> res = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() != 200) {
        System.out.printf("%-36s answered %d: %s%n", name, res.statusCode(), res.body().substring(0,
            Math.min(300, res.body().length())));
        return false;
      }
    }
    long[] ns = new long[100];
    for (int i = 0; i < ns.length; i++) {
      long t = System.nanoTime();
      HTTP.send(r, HttpResponse.BodyHandlers.ofString());
      ns[i] = System.nanoTime() - t;
    }
    Arrays.sort(ns);
    double median = ns[ns.length / 2] / 1e6;
    System.out.printf("%-36s %7.2f ms %7.2f ms %7.2f ms%s%n", name, median, ns[ns.length * 95 / 100] / 1e6,
        ns[ns.length - 1] / 1e6, median >= 50 ? "   OVER 50 ms" : "");
    return median < 50;
  }

  static void insert(Database db, String project, int templates, int renders, long now) throws Exception {
    db.jdbi().useHandle(h -> {
      Connection c = h.getConnection();
      c.setAutoCommit(false);
      String manifest = "{\"variables\":[{\"key\":\"title\",\"label\":\"Title\",\"dataType\":\"text\"}]}";
      try (PreparedStatement t = c.prepareStatement("INSERT INTO templates (id, project_id, slug, name, "
              + "current_version, created_at, updated_at) VALUES (?, ?, ?, ?, 2, ?, ?)");
           PreparedStatement v = c.prepareStatement("INSERT INTO template_versions (id, template_id, "
               + "version_number, name, manifest, json_schema, layout, page_config, published_at) "
               + "VALUES (?, ?, ?, ?, ?, '{}', ?, '{}', ?)")) {
        for (int i = 0; i < templates; i++) {
          String id = "tpl-" + i;
          long at = now - 90 * DAY + i * 1_000L;
          t.setString(1, id);
          t.setString(2, project);
          t.setString(3, String.format("t-%05d", i));
          t.setString(4, String.format("Template %05d", i));
          t.setLong(5, at);
          t.setLong(6, at);
          t.addBatch();
          for (int n = 1; n <= 2; n++) {
            v.setString(1, id + "-v" + n);
            v.setString(2, id);
            v.setInt(3, n);
            v.setString(4, String.format("Template %05d", i));
            v.setString(5, manifest);
            v.setString(6, "{\"html\":\"<h1>{{title}}</h1>\\n<p>version " + n + "</p>\"}");
            v.setLong(7, at);
            v.addBatch();
          }
        }
        t.executeBatch();
        v.executeBatch();
      }
      List<String> statuses = new ArrayList<>(List.of("succeeded", "succeeded", "succeeded", "succeeded",
          "succeeded", "succeeded", "succeeded", "succeeded", "failed", "cancelled"));
      try (PreparedStatement r = c.prepareStatement("INSERT INTO renders (id, project_id, template_id, "
              + "template_version_id, status, data, filename, watermark, download_token, run_at, created_at, "
              + "completed_at, duration_ms, attempts, blob_key, error_message) VALUES (?, ?, ?, ?, ?, "
              + "'{\"title\":\"x\"}', 'bench.pdf', 0, ?, ?, ?, ?, 40, 1, ?, ?)");
           PreparedStatement a = c.prepareStatement("INSERT INTO render_attempts (render_id, attempt, worker, "
               + "started_at, ended_at, outcome) VALUES (?, 1, ?, ?, ?, ?)")) {
        long span = 90 * DAY;
        for (int i = 0; i < renders; i++) {
          long at = now - span + (long) ((double) i / renders * span);
          String id = new UUID(0x0190000000007000L | (i >>> 16), 0x8000000000000000L | i).toString();
          String status = statuses.get(i % statuses.size());
          String tpl = "tpl-" + (int) ((i * 7919L) % templates);
          r.setString(1, id);
          r.setString(2, project);
          r.setString(3, tpl);
          r.setString(4, tpl + "-v2");
          r.setString(5, status);
          r.setString(6, "tok" + i);
          r.setLong(7, at);
          r.setLong(8, at);
          r.setLong(9, at + 40);
          r.setString(10, status.equals("succeeded") ? "renders/" + id + ".pdf" : null);
          r.setString(11, status.equals("failed") ? "Template error: title missing" : null);
          r.addBatch();
          if (at > now - DAY) {
            a.setString(1, id);
            a.setString(2, "worker-" + (i % 3));
            a.setLong(3, at + 2);
            a.setLong(4, at + 38);
            a.setString(5, status);
            a.addBatch();
          }
          if (i % 10_000 == 9_999) {
            r.executeBatch();
            a.executeBatch();
          }
        }
        r.executeBatch();
        a.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
    });
  }
}
