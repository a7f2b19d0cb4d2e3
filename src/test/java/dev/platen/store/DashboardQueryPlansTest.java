package dev.platen.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.jobs.RenderStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's reads stay index reads on SQLite as a project grows (bench/DashboardPages.java times them with
 * 10,000 templates and 1,000,000 renders): no query scans a whole table, and the list pages sort nothing.
 */
class DashboardQueryPlansTest {
  @TempDir Path dir;

  private static List<String> plan(Database db, String sql, Map<String, Object> binds) {
    return db.jdbi().withHandle(h -> {
      var q = h.createQuery("EXPLAIN QUERY PLAN " + sql);
      binds.forEach(q::bind);
      return q.map((rs, ctx) -> rs.getString("detail")).list();
    });
  }

  /** No table is scanned; reading a bounded subquery's own rows back (its co-routine) is fine. */
  private static void noScan(List<String> plan, String what) {
    List<String> subqueries = plan.stream().filter(l -> l.startsWith("CO-ROUTINE "))
        .map(l -> "SCAN " + l.substring("CO-ROUTINE ".length())).toList();
    assertThat(plan).as(what + ": " + plan).noneMatch(l -> l.startsWith("SCAN") && !subqueries.contains(l));
  }

  @Test
  void templateListPagesWalkTheirIndexWithOrWithoutASearch() {
    try (Database db = Database.sqlite(dir.resolve("plans.db"))) {
      TemplateListStore store = new TemplateListStore(db);
      for (var f : List.of(new TemplateListStore.Filter(null, null, null),
          new TemplateListStore.Filter("invoice", null, null),
          new TemplateListStore.Filter("invoice", 1_700_000_000_000L, "some-id"))) {
        List<String> plan = store.sqlitePlan("p", f, 51);
        assertThat(plan).as("plan for %s", f).anyMatch(l -> l.contains("USING INDEX templates_project_list"))
            .noneMatch(l -> l.contains("TEMP B-TREE"));
      }
    }
  }

  @Test
  void filteredRenderListsReadAnIndexOfTheirFilter() {
    try (Database db = Database.sqlite(dir.resolve("plans.db"))) {
      RenderListStore store = new RenderListStore(db);
      List<String> byStatus = store.sqlitePlan("p", new RenderListStore.Filter(RenderStatus.QUEUED, null, null, null,
          null, null), 51);
      assertThat(byStatus).as(byStatus.toString()).anyMatch(l -> l.contains("renders_project_status"))
          .noneMatch(l -> l.contains("TEMP B-TREE"));
      List<String> byTemplate = store.sqlitePlan("p", new RenderListStore.Filter(null, "invoice", null, null, null,
          null), 51);
      assertThat(byTemplate).as(byTemplate.toString()).anyMatch(l -> l.contains("renders_project_template"));
      noScan(byTemplate, "template filter");
    }
  }

  @Test
  void theOverviewReadsTheWindowAndTheLatestRendersOnly() {
    try (Database db = Database.sqlite(dir.resolve("plans.db"))) {
      List<String> perMinute = plan(db, OverviewStore.PER_MINUTE, Map.of("project", "p", "since", 1L));
      noScan(perMinute, "per minute");
      assertThat(perMinute).anyMatch(l -> l.contains("COVERING INDEX"));
      List<String> attempts = plan(db, OverviewStore.ATTEMPT_MILLIS, Map.of("project", "p", "limit", 1000));
      noScan(attempts, "attempt times");
      List<String> workers = plan(db, OverviewStore.WORKERS, Map.of("project", "p", "started", 1L));
      assertThat(workers).anyMatch(l -> l.contains("render_attempts_started"));
      noScan(workers, "workers");
    }
  }
}
