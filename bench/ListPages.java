import dev.platen.store.Database;
import dev.platen.store.RenderListStore;
import dev.platen.store.RenderListStore.Filter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * GET /v1/renders at depth: page 1 against page 1,000 (and the last page) of one project's 1,000,000 renders on
 * SQLite, through the server's own query ({@code RenderListStore.page}) on a database migrated by the server's own
 * migrations. Rows go in with plain SQL, not through the API. Run from the repository root after {@code ./platen
 * build}:
 *
 * <pre>java -cp target/platen.jar bench/ListPages.java [renders] [data-dir]</pre>
 *
 * It prints SQLite's plan for the page-1,000 query and the median and p99 of 200 reads of each page.
 */
public class ListPages {
  static final String PROJECT = "bench-project";
  static final int LIMIT = 50;

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    if (n < 100_000 || n > 10_000_000) throw new IllegalArgumentException("renders: 100000 to 10000000");
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("platen-list-bench");
    Path file = dir.resolve("list.db");
    Files.deleteIfExists(file);
    try (Database db = Database.sqlite(file)) {
      long t0 = System.nanoTime();
      insert(db, n);
      System.out.printf("inserted %,d renders in %.1f s (%s)%n", n, (System.nanoTime() - t0) / 1e9, file);
      RenderListStore store = new RenderListStore(db);
      Filter first = new Filter(null, null, null, null, null, null);
      Filter thousandth = cursorBefore(db, 999L * LIMIT);
      Filter last = cursorBefore(db, (long) (n / LIMIT - 1) * LIMIT);
      System.out.println("plan of page 1,000:");
      store.sqlitePlan(PROJECT, thousandth, LIMIT + 1).forEach(l -> System.out.println("  " + l));
      check(store.page(PROJECT, thousandth, LIMIT + 1), db, 999L * LIMIT);
      time("page 1", () -> store.page(PROJECT, first, LIMIT + 1));
      time("page 1,000", () -> store.page(PROJECT, thousandth, LIMIT + 1));
      time("page " + String.format("%,d", n / LIMIT) + " (last)", () -> store.page(PROJECT, last, LIMIT + 1));
      // for contrast, what OFFSET pagination would cost at the same depth
      time("OFFSET 49,950 (not used)", () -> db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM renders "
              + "WHERE project_id = :p ORDER BY created_at DESC, id DESC LIMIT 51 OFFSET 49950")
          .bind("p", PROJECT).mapTo(String.class).list()));
    }
  }

  /** The filter whose page starts after the {@code offset}-th render, as the previous page's cursor would say. */
  static Filter cursorBefore(Database db, long offset) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT created_at, id FROM renders WHERE project_id = :p "
            + "ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET :o")
        .bind("p", PROJECT).bind("o", offset - 1)
        .map((rs, ctx) -> new Filter(null, null, null, null, rs.getLong(1), rs.getString(2))).one());
  }

  /** The keyset page holds exactly the rows OFFSET would give: the benchmark measures a correct query. */
  static void check(List<RenderListStore.Listed> page, Database db, long offset) {
    List<String> expected = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM renders WHERE project_id = :p "
            + "ORDER BY created_at DESC, id DESC LIMIT 51 OFFSET :o")
        .bind("p", PROJECT).bind("o", offset).mapTo(String.class).list());
    List<String> got = page.stream().map(l -> l.render().id()).toList();
    if (!got.equals(expected)) throw new AssertionError("page differs from OFFSET's rows");
  }

  static void time(String name, java.util.function.Supplier<?> page) {
    for (int i = 0; i < 20; i++) page.get();
    long[] ns = new long[200];
    for (int i = 0; i < ns.length; i++) {
      long t = System.nanoTime();
      page.get();
      ns[i] = System.nanoTime() - t;
    }
    Arrays.sort(ns);
    System.out.printf("%-28s median %8.3f ms   p99 %8.3f ms%n", name, ns[ns.length / 2] / 1e6,
        ns[ns.length * 99 / 100] / 1e6);
  }

  static void insert(Database db, int n) throws Exception {
    long base = 1_700_000_000_000L;
    db.jdbi().useHandle(h -> {
      h.execute("INSERT INTO projects (id, name, created_at) VALUES (?, 'Bench', ?)", PROJECT, base);
      h.execute("INSERT INTO templates (id, project_id, slug, name, current_version, created_at, updated_at) "
          + "VALUES ('bench-t', ?, 'bench', 'Bench', 1, ?, ?)", PROJECT, base, base);
      h.execute("INSERT INTO template_versions (id, template_id, version_number, name, manifest, json_schema, "
          + "layout, page_config, published_at) VALUES ('bench-v', 'bench-t', 1, 'Bench', '{}', '{}', '{}', '{}', ?)",
          base);
      // another project's renders interleaved, so the project's own rows are not the whole table
      h.execute("INSERT INTO projects (id, name, created_at) VALUES ('other', 'Other', ?)", base);
      Connection c = h.getConnection();
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO renders (id, project_id, template_id, "
          + "template_version_id, status, data, filename, watermark, download_token, run_at, created_at, "
          + "completed_at, duration_ms, attempts, blob_key) VALUES (?, ?, 'bench-t', 'bench-v', ?, '{\"title\":\"x\"}', "
          + "'bench.pdf', 0, ?, ?, ?, ?, 40, 1, ?)")) {
        List<String> statuses = new ArrayList<>(List.of("succeeded", "succeeded", "succeeded", "failed",
            "cancelled"));
        int mine = 0;
        for (int i = 0; mine < n; i++) {
          boolean other = i % 11 == 10;
          if (!other) mine++;
          // two renders a second on average, some sharing a millisecond so the id breaks ties
          long at = base + (i / 2) * 1_000L;
          String id = new UUID(0x0190000000007000L | (i >>> 16), 0x8000000000000000L | i).toString();
          ps.setString(1, id);
          ps.setString(2, other ? "other" : PROJECT);
          ps.setString(3, statuses.get(i % statuses.size()));
          ps.setString(4, "tok" + i);
          ps.setLong(5, at);
          ps.setLong(6, at);
          ps.setLong(7, at + 40);
          ps.setString(8, "renders/" + id + ".pdf");
          ps.addBatch();
          if (i % 10_000 == 9_999) ps.executeBatch();
        }
        ps.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
    });
  }
}
