package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** GET /v1/renders over HTTP: keyset pages, filters and refused parameters. */
class RenderListTest {
  private static Map<String, Object> template(String slug) {
    return Map.of("name", slug, "slug", slug, "manifest", Map.of("variables",
        List.of(Map.of("key", "title", "label", "Title", "dataType", "text"))));
  }

  private static String queue(TestServer s, String key, String slug) {
    Res r = s.post("/v1/templates/" + slug + "/render", key, Map.of("data", Map.of("title", "x")));
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    return r.json().path("id").asString();
  }

  private static List<JsonNode> all(TestServer s, String key, String query, int limit, Runnable afterFirstPage) {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    while (true) {
      String q = "/v1/renders?limit=" + limit + query + (cursor == null ? "" : "&cursor=" + cursor);
      Res r = s.get(q, key);
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      JsonNode j = r.json();
      assertThat(j.propertyNames()).containsExactly("renders", "nextCursor", "hasMore");
      j.path("renders").forEach(items::add);
      assertThat(j.path("renders").size()).isLessThanOrEqualTo(limit);
      if (++pages == 1 && afterFirstPage != null) afterFirstPage.run();
      if (!j.path("hasMore").asBoolean()) {
        assertThat(j.path("nextCursor").isNull()).isTrue();
        return items;
      }
      assertThat(j.path("renders").size()).isEqualTo(limit);
      cursor = j.path("nextCursor").asString();
    }
  }

  @Test
  void pagesFiltersAndRefusesBadParameters(@TempDir Path dir) {
    try (TestServer s = TestServer.start(dir, Map.of("PLATEN_ROLE", "api"))) {
      String key = s.liveKey;
      assertThat(s.post("/v1/templates", key, template("alpha")).status()).isEqualTo(201);
      assertThat(s.post("/v1/templates", key, template("beta")).status()).isEqualTo(201);
      assertThat(s.put("/v1/templates/beta", key, template("beta")).status()).isEqualTo(200);
      List<String> alpha = new ArrayList<>();
      List<String> beta = new ArrayList<>();
      for (int i = 0; i < 13; i++) {
        alpha.add(queue(s, key, "alpha"));
        beta.add(queue(s, key, "beta"));
      }
      for (int i = 0; i < 4; i++) {
        assertThat(s.post("/v1/renders/" + alpha.get(i) + "/cancel", key, Map.of()).status()).isEqualTo(200);
      }

      // Renders queued while a client pages are newer than its cursor: later pages neither repeat nor skip.
      List<String> added = new ArrayList<>();
      List<JsonNode> items = all(s, key, "", 7, () -> { for (int i = 0; i < 3; i++) added.add(queue(s, key, "alpha")); });
      List<String> ids = items.stream().map(x -> x.path("id").asString()).toList();
      assertThat(ids).doesNotHaveDuplicates().hasSize(26).containsAll(alpha).containsAll(beta)
          .doesNotContainAnyElementsOf(added);
      for (int i = 1; i < items.size(); i++) {
        JsonNode a = items.get(i - 1);
        JsonNode b = items.get(i);
        int byTime = a.path("createdAt").asString().compareTo(b.path("createdAt").asString());
        assertThat(byTime > 0 || (byTime == 0 && a.path("id").asString().compareTo(b.path("id").asString()) > 0))
            .as("newest first, ties by id").isTrue();
      }
      JsonNode first = items.getFirst();
      assertThat(first.propertyNames()).containsExactly("id", "status", "pollUrl", "downloadUrl", "errorMessage",
          "createdAt", "completedAt", "durationMs", "templateSlug", "versionNumber");
      JsonNode polled = s.get("/v1/renders/" + first.path("id").asString(), key).json();
      for (String f : List.of("id", "status", "pollUrl", "downloadUrl", "errorMessage", "createdAt", "completedAt",
          "durationMs")) {
        assertThat(first.path(f)).as(f).isEqualTo(polled.path(f));
      }
      for (JsonNode x : items) {
        boolean isBeta = beta.contains(x.path("id").asString());
        assertThat(x.path("templateSlug").asString()).isEqualTo(isBeta ? "beta" : "alpha");
        assertThat(x.path("versionNumber").asInt()).isEqualTo(isBeta ? 2 : 1);
      }
      assertThat(all(s, key, "", 100, null)).hasSize(29);
      Res dflt = s.get("/v1/renders", key);
      assertThat(dflt.json().path("renders")).hasSize(29);
      assertThat(dflt.json().path("hasMore").asBoolean()).isFalse();

      List<JsonNode> cancelled = all(s, key, "&status=cancelled", 3, null);
      assertThat(cancelled).extracting(x -> x.path("id").asString())
          .containsExactlyInAnyOrderElementsOf(alpha.subList(0, 4));
      assertThat(all(s, key, "&template=beta", 5, null)).extracting(x -> x.path("id").asString())
          .containsExactlyInAnyOrderElementsOf(beta);
      assertThat(all(s, key, "&template=beta&status=cancelled", 5, null)).isEmpty();
      assertThat(all(s, key, "&template=nothing-here", 5, null)).isEmpty();

      JsonNode pivot = items.get(10);
      String at = pivot.path("createdAt").asString();
      Set<String> after = new HashSet<>();
      all(s, key, "&createdAfter=" + at, 50, null).forEach(x -> {
        assertThat(x.path("createdAt").asString()).isGreaterThan(at);
        after.add(x.path("id").asString());
      });
      Set<String> before = new HashSet<>();
      all(s, key, "&createdBefore=" + at, 50, null).forEach(x -> {
        assertThat(x.path("createdAt").asString()).isLessThan(at);
        before.add(x.path("id").asString());
      });
      long same = all(s, key, "", 100, null).stream().filter(x -> x.path("createdAt").asString().equals(at)).count();
      assertThat(after.size() + before.size() + same).isEqualTo(29);

      for (String bad : List.of("limit=0", "limit=101", "limit=abc", "status=done", "cursor=not-a-cursor",
          "cursor=MTIzOmFiYw", "createdAfter=yesterday", "createdBefore=2026-13-01T00:00:00Z", "template=Bad_Slug")) {
        Res r = s.get("/v1/renders?" + bad, key);
        assertThat(r.status()).as(bad + ": " + r.text()).isEqualTo(400);
        assertThat(r.errorCode()).as(bad).isEqualTo("invalid_request");
      }

      Res foreign = s.get("/v1/renders", s.newProjectKey(false));
      assertThat(foreign.status()).isEqualTo(200);
      assertThat(foreign.json().path("renders")).isEmpty();
      assertThat(s.get("/v1/renders", null).status()).isEqualTo(401);
    }
  }

  /** A cursor is a position in one filtered list: other filters with it are refused, not silently misread. */
  @Test
  void aCursorOnlyContinuesTheListItCameFrom(@TempDir Path dir) {
    try (TestServer s = TestServer.start(dir, Map.of("PLATEN_ROLE", "api"))) {
      String key = s.liveKey;
      assertThat(s.post("/v1/templates", key, template("alpha")).status()).isEqualTo(201);
      assertThat(s.post("/v1/templates", key, template("beta")).status()).isEqualTo(201);
      for (int i = 0; i < 3; i++) {
        queue(s, key, "alpha");
        queue(s, key, "beta");
      }
      String since = "2020-01-01T00:00:00Z";
      String filters = "&template=alpha&status=queued&createdAfter=" + since;
      Res first = s.get("/v1/renders?limit=1" + filters, key);
      assertThat(first.status()).as(first.text()).isEqualTo(200);
      String cursor = first.json().path("nextCursor").asString();
      assertThat(cursor).isNotEmpty();

      // the same filters continue it, whatever the page size and however an instant is spelled
      for (String same : List.of(filters, "&status=queued&createdAfter=2020-01-01T00:00:00.000Z&template=alpha")) {
        Res next = s.get("/v1/renders?limit=5&cursor=" + cursor + same, key);
        assertThat(next.status()).as(next.text()).isEqualTo(200);
        assertThat(next.json().path("renders")).hasSize(2)
            .allMatch(x -> x.path("templateSlug").asString().equals("alpha"));
      }
      for (String other : List.of("", "&template=beta&status=queued&createdAfter=" + since,
          "&template=alpha&createdAfter=" + since, "&template=alpha&status=queued",
          "&template=alpha&status=queued&createdAfter=2020-01-01T00:00:00.001Z",
          "&template=alpha&status=queued&createdAfter=" + since + "&createdBefore=2100-01-01T00:00:00Z")) {
        Res r = s.get("/v1/renders?limit=1&cursor=" + cursor + other, key);
        assertThat(r.status()).as(other + ": " + r.text()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_request");
        assertThat(r.text()).as(other).contains("cursor").contains("filters");
      }
      // the filters' digest cannot be dropped or forged into another list's by editing the cursor
      String text = new String(java.util.Base64.getUrlDecoder().decode(cursor),
          java.nio.charset.StandardCharsets.UTF_8);
      String bare = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
          text.substring(0, text.lastIndexOf(':')).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(s.get("/v1/renders?cursor=" + bare, key).status()).isEqualTo(400);
    }
  }

  /** The list reads the index renders_project_list in its own order: no sort, page 1,000 as cheap as page 1. */
  @Test
  void pagesReadTheListIndexAndSortNothing(@TempDir Path dir) {
    try (dev.platen.store.Database db = dev.platen.store.Database.sqlite(dir.resolve("plan.db"))) {
      var store = new dev.platen.store.RenderListStore(db);
      for (var f : List.of(
          new dev.platen.store.RenderListStore.Filter(null, null, null, null, null, null),
          new dev.platen.store.RenderListStore.Filter(null, null, null, null, 1_700_000_000_000L,
              "0193c2c3-1111-7aaa-8bbb-000000000001"),
          new dev.platen.store.RenderListStore.Filter(dev.platen.jobs.RenderStatus.SUCCEEDED, null, 1L, 2L,
              1_700_000_000_000L, "0193c2c3-1111-7aaa-8bbb-000000000001"))) {
        List<String> plan = store.sqlitePlan("p", f, 51);
        assertThat(plan).as("plan for %s", f).anyMatch(l -> l.contains("SEARCH r USING INDEX renders_project_list"))
            .noneMatch(l -> l.contains("TEMP B-TREE"));
        if (f.afterCreatedAt() != null) {
          assertThat(plan).as("the cursor bounds the index range").anyMatch(l -> l.contains("(project_id=? AND "));
        }
      }
    }
  }

  /**
   * Issue 11's check at its size: 10,000 renders paged 100 at a time while other clients keep queueing renders
   * the whole time. Every one of the 10,000 appears exactly once, in order, and none queued after the first page.
   */
  @Tag("slow")
  @Test
  void tenThousandRendersPageWithoutDuplicatesOrGapsWhileMoreArrive(@TempDir Path dir) throws Exception {
    try (TestServer s = TestServer.start(dir, Map.of("PLATEN_ROLE", "api", "PLATEN_MAX_QUEUE_DEPTH", "100000",
        "PLATEN_MAX_QUEUE_DEPTH_PER_PROJECT", "100000"));
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      String key = s.liveKey;
      assertThat(s.post("/v1/templates", key, template("bulk")).status()).isEqualTo(201);
      Set<String> before = ConcurrentHashMap.newKeySet();
      List<Future<?>> posts = new ArrayList<>();
      for (int c = 0; c < 16; c++) {
        posts.add(clients.submit(() -> {
          while (before.size() < 10_000) before.add(queue(s, key, "bulk"));
        }));
      }
      for (Future<?> f : posts) f.get();
      // the clients may overshoot by one render each
      assertThat(before).hasSizeBetween(10_000, 10_016);

      AtomicBoolean paging = new AtomicBoolean(true);
      Set<String> during = ConcurrentHashMap.newKeySet();
      List<Future<?>> arriving = new ArrayList<>();
      for (int c = 0; c < 2; c++) {
        arriving.add(clients.submit(() -> {
          while (paging.get()) during.add(queue(s, key, "bulk"));
        }));
      }
      List<JsonNode> items;
      try {
        items = all(s, key, "", 100, null);
      } finally {
        paging.set(false);
        for (Future<?> f : arriving) f.get();
      }
      List<String> ids = items.stream().map(x -> x.path("id").asString()).toList();
      assertThat(during).as("renders queued while paging").isNotEmpty();
      assertThat(ids).doesNotHaveDuplicates();
      assertThat(new HashSet<>(ids)).as("every render from before paging began").containsAll(before);
      // pages after the first see only what is older than their cursor: at most the first page's newcomers
      assertThat(ids.stream().filter(during::contains).count()).isLessThanOrEqualTo(100);
      for (int i = 1; i < items.size(); i++) {
        JsonNode a = items.get(i - 1);
        JsonNode b = items.get(i);
        int byTime = a.path("createdAt").asString().compareTo(b.path("createdAt").asString());
        assertThat(byTime > 0 || (byTime == 0 && a.path("id").asString().compareTo(b.path("id").asString()) > 0))
            .as("newest first, ties by id, at %d", i).isTrue();
      }
    }
  }
}
