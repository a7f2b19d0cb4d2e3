package dev.platen.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.store.Database;
import dev.platen.store.Ids;
import dev.platen.store.ProjectStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the webhook store guarantees, on a real database, at explicit times: the outbox is fanned out once, a
 * delivery is leased to one claimer at a time, results are fenced, caps hold. SQLite and PostgreSQL both pass it.
 */
abstract class WebhookStoreContract {
  static final int MAX = 6;
  Database db;
  WebhookStore store;
  String project;
  String otherProject;

  protected abstract Database open();

  /** Another connection pool on the same database: a second process. */
  protected abstract Database openSecond();

  @BeforeEach
  void setUp() {
    db = open();
    store = new WebhookStore(db);
    ProjectStore projects = new ProjectStore(db);
    project = projects.createProject("p", null, null);
    otherProject = projects.createProject("q", null, null);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  Webhook hook(String projectId, boolean active, long createdAt, String... events) {
    return store.create(projectId, new WebhookStore.NewWebhook("https://example.com/" + Ids.token(4),
        List.of(events), active, null), "whsec_test", createdAt);
  }

  /** An outbox row as RenderStore or any other writer appends it. */
  String owe(String projectId, String topic, long at) {
    String id = Ids.newId();
    db.write(h -> h.createUpdate("INSERT INTO outbox (id, topic, project_id, render_id, payload, created_at) "
            + "VALUES (:id, :topic, :project, NULL, :payload, :at)")
        .bind("id", id).bind("topic", topic).bind("project", projectId).bind("payload", "{\"event\":\"" + topic
            + "\"}").bind("at", at).execute());
    return id;
  }

  boolean record(WebhookStore.Claimed c, String status, Integer code, String error, Long next, long at) {
    return store.record(new WebhookStore.Result(c, status, code, error, next, at));
  }

  static WebhookStore.RoundRequest fanOutOnly(long now, int batch, int maxAttempts) {
    return new WebhookStore.RoundRequest("fan-out", now, 60_000, List.of(), batch, maxAttempts, 0, 1, Map.of());
  }

  static WebhookStore.RoundRequest claimOnly(String owner, long now, long leaseMs, int room, int perWebhook,
      Map<String, Integer> inFlight) {
    return new WebhookStore.RoundRequest(owner, now, leaseMs, List.of(), 0, MAX, room, perWebhook, inFlight);
  }

  int fanOut(long now, int batch, int maxAttempts) {
    return store.round(fanOutOnly(now, batch, maxAttempts)).fannedOut();
  }

  List<WebhookStore.Claimed> claim(String owner, long now, long leaseMs, int room, int perWebhook,
      Map<String, Integer> inFlight) {
    return store.round(claimOnly(owner, now, leaseMs, room, perWebhook, inFlight)).claimed();
  }

  int count(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }

  @Test
  void pruneDeletesOnlyOutboxRowsFannedOutBeforeTheCutOffABatchAtATime() {
    Webhook renders = hook(project, true, 1_000, "render.succeeded");
    String first = owe(project, "render.succeeded", 2_000);
    String second = owe(project, "render.succeeded", 2_001);
    assertThat(fanOut(4_000, 100, MAX)).isEqualTo(2);
    String third = owe(project, "render.succeeded", 5_000);
    assertThat(fanOut(6_000, 100, MAX)).isEqualTo(1);
    String owed = owe(project, "render.succeeded", 7_000);

    assertThat(store.prune(4_000, 100)).as("fanned out at the cut-off, not before it").isZero();
    assertThat(store.prune(5_000, 1)).as("a batch at a time").isEqualTo(1);
    assertThat(store.prune(5_000, 100)).isEqualTo(1);
    assertThat(outboxIds()).containsExactlyInAnyOrder(third, owed).doesNotContain(first, second);
    assertThat(store.prune(100_000, 100)).as("the row still owed stays").isEqualTo(1);
    assertThat(outboxIds()).containsExactly(owed);

    assertThat(store.deliveries(renders.id(), null, null, 100)).hasSize(3);
    assertThat(count("SELECT COUNT(*) FROM webhook_deliveries WHERE payload = '{\"event\":\"render.succeeded\"}'"))
        .as("deliveries keep their own copy of the body").isEqualTo(3);
    assertThat(fanOut(8_000, 100, MAX)).as("the owed row is still fanned out").isEqualTo(1);
    assertThat(store.deliveries(renders.id(), null, null, 100)).hasSize(4);
  }

  List<String> outboxIds() {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM outbox").mapTo(String.class).list());
  }

  @Test
  void eachOutboxRowIsFannedOutOnceToTheSubscriptionsThatAskForIt() {
    Webhook renders = hook(project, true, 1_000, "render.succeeded", "render.failed");
    Webhook views = hook(project, true, 1_000, "document.viewed");
    Webhook off = hook(project, false, 1_000, "render.succeeded");
    Webhook elsewhere = hook(otherProject, true, 1_000, "render.succeeded");
    owe(project, "render.succeeded", 2_000);
    owe(project, "document.viewed", 2_001);
    owe(project, "render.failed", 2_002);
    owe(project, "document.something_new", 2_003);
    Webhook late = hook(project, true, 2_500, "render.succeeded");
    owe(project, "render.succeeded", 3_000);

    assertThat(fanOut(4_000, 2, MAX)).as("a batch at a time").isEqualTo(2);
    assertThat(fanOut(4_000, 100, MAX)).isEqualTo(3);
    assertThat(fanOut(4_000, 100, MAX)).as("nothing left to fan out").isZero();
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL")).isZero();

    assertThat(store.deliveries(renders.id(), null, null, 100)).extracting(Delivery::event)
        .containsExactlyInAnyOrder("render.succeeded", "render.failed", "render.succeeded");
    assertThat(store.deliveries(views.id(), null, null, 100)).extracting(Delivery::event)
        .containsExactly("document.viewed");
    assertThat(store.deliveries(off.id(), null, null, 100)).as("inactive").isEmpty();
    assertThat(store.deliveries(elsewhere.id(), null, null, 100)).as("another project").isEmpty();
    assertThat(store.deliveries(late.id(), null, null, 100)).as("only what happened after it existed")
        .hasSize(1);
    assertThat(store.deliveries(renders.id(), null, null, 100)).allSatisfy(d -> {
      assertThat(d.status()).isEqualTo("pending");
      assertThat(d.attempts()).isZero();
      assertThat(d.nextAttemptAt()).isEqualTo(4_000);
    });
  }

  @Test
  void aDeliveryIsLeasedToOneClaimerAndResultsAreFenced() {
    Webhook w = hook(project, true, 1_000, "render.succeeded");
    owe(project, "render.succeeded", 2_000);
    fanOut(2_000, 100, MAX);

    List<WebhookStore.Claimed> first = claim("a", 2_000, 10_000, 16, 4, Map.of());
    assertThat(first).hasSize(1);
    WebhookStore.Claimed c = first.get(0);
    assertThat(c.attempts()).isEqualTo(1);
    assertThat(c.maxAttempts()).isEqualTo(MAX);
    assertThat(c.webhook().id()).isEqualTo(w.id());
    assertThat(c.webhook().secret()).isEqualTo("whsec_test");
    assertThat(claim("b", 5_000, 10_000, 16, 4, Map.of())).as("leased").isEmpty();

    // the lease runs out (its claimer died): another takes it over, and the first can no longer record
    WebhookStore.Claimed takeover = claim("b", 12_001, 10_000, 16, 4, Map.of()).get(0);
    assertThat(takeover.deliveryId()).isEqualTo(c.deliveryId());
    assertThat(takeover.attempts()).isEqualTo(2);
    assertThat(record(c, Delivery.DELIVERED, 200, null, null, 12_002)).isFalse();
    assertThat(record(takeover, Delivery.FAILED, 500, "answered 500", 20_000L, 12_003)).isTrue();
    Delivery d = store.delivery(w.id(), c.deliveryId()).orElseThrow();
    assertThat(d.status()).isEqualTo("failed");
    assertThat(d.lastStatusCode()).isEqualTo(500);
    assertThat(d.lastError()).isEqualTo("answered 500");
    assertThat(d.nextAttemptAt()).isEqualTo(20_000);
    assertThat(claim("a", 19_999, 10_000, 16, 4, Map.of())).as("not due yet").isEmpty();

    WebhookStore.Claimed third = claim("a", 20_000, 10_000, 16, 4, Map.of()).get(0);
    // a manual retry moves the token on: the attempt in flight cannot overwrite the requeued delivery
    Delivery requeued = store.retry(w.id(), third.deliveryId(), MAX, 20_500).orElseThrow();
    assertThat(requeued.status()).isEqualTo("pending");
    assertThat(requeued.attempts()).isZero();
    assertThat(record(third, Delivery.DELIVERED, 200, null, null, 20_600)).isFalse();
    WebhookStore.Claimed fresh = claim("a", 20_700, 10_000, 16, 4, Map.of()).get(0);
    assertThat(fresh.attempts()).isEqualTo(1);
    assertThat(record(fresh, Delivery.DELIVERED, 204, null, null, 20_800)).isTrue();
    Delivery done = store.delivery(w.id(), fresh.deliveryId()).orElseThrow();
    assertThat(done.status()).isEqualTo("delivered");
    assertThat(done.deliveredAt()).isEqualTo(20_800);
    assertThat(done.lastError()).isNull();
    assertThat(claim("a", 99_999, 10_000, 16, 4, Map.of())).as("delivered is done").isEmpty();
    assertThat(store.retry(w.id(), Ids.newId(), MAX, 1)).isEmpty();
  }

  @Test
  void aClaimKeepsEachSubscriptionUnderItsCapAndSkipsInactiveOnes() {
    Webhook a = hook(project, true, 1_000, "render.succeeded");
    Webhook b = hook(project, true, 1_000, "render.failed");
    for (int i = 0; i < 10; i++) {
      owe(project, "render.succeeded", 2_000 + i);
      owe(project, "render.failed", 2_000 + i);
    }
    fanOut(3_000, 100, MAX);
    List<WebhookStore.Claimed> got = claim("x", 3_000, 60_000, 16, 4, Map.of());
    Map<String, Integer> per = new HashMap<>();
    got.forEach(c -> per.merge(c.webhook().id(), 1, Integer::sum));
    assertThat(per).isEqualTo(Map.of(a.id(), 4, b.id(), 4));
    assertThat(claim("x", 3_000, 60_000, 16, 4, Map.of(a.id(), 4, b.id(), 4))).isEmpty();
    assertThat(claim("x", 3_000, 60_000, 16, 4, Map.of(a.id(), 4, b.id(), 1)))
        .extracting(c -> c.webhook().id()).containsExactly(b.id(), b.id(), b.id());
    assertThat(claim("x", 3_000, 60_000, 2, 4, Map.of())).as("room limits too").hasSize(2);

    store.update(project, a.id(), new WebhookStore.Change(null, null, false, null, false), 3_001);
    assertThat(claim("x", 3_000, 60_000, 16, 4, Map.of())).extracting(c -> c.webhook().id())
        .containsOnly(b.id());
  }

  @Test
  void resultsAreRecordedTogetherAndOnlyUnderTheirOwnToken() {
    Webhook w = hook(project, true, 1_000, "render.succeeded");
    for (int i = 0; i < 3; i++) owe(project, "render.succeeded", 2_000 + i);
    fanOut(2_000, 100, MAX);
    List<WebhookStore.Claimed> c = claim("a", 2_000, 60_000, 16, 4, Map.of());
    assertThat(c).hasSize(3);
    store.retry(w.id(), c.get(2).deliveryId(), MAX, 2_500);
    int recorded = store.round(new WebhookStore.RoundRequest("a", 3_000, 60_000, List.of(
        new WebhookStore.Result(c.get(0), Delivery.DELIVERED, 200, null, null, 3_000),
        new WebhookStore.Result(c.get(1), Delivery.ABANDONED, null, "refused: x", null, 3_000),
        new WebhookStore.Result(c.get(2), Delivery.DELIVERED, 200, null, null, 3_000)), 0, MAX, 0, 4, Map.of()))
        .recorded();
    assertThat(recorded).as("the requeued one's result is dropped").isEqualTo(2);
    assertThat(store.delivery(w.id(), c.get(0).deliveryId()).orElseThrow().status()).isEqualTo("delivered");
    Delivery abandoned = store.delivery(w.id(), c.get(1).deliveryId()).orElseThrow();
    assertThat(abandoned.status()).isEqualTo("abandoned");
    assertThat(abandoned.lastStatusCode()).isNull();
    assertThat(abandoned.lastError()).isEqualTo("refused: x");
    assertThat(store.delivery(w.id(), c.get(2).deliveryId()).orElseThrow().status()).isEqualTo("pending");
  }

  @Test
  void leasesAreReleasedByOwnerOrAll() {
    hook(project, true, 1_000, "render.succeeded");
    for (int i = 0; i < 4; i++) owe(project, "render.succeeded", 2_000 + i);
    fanOut(2_000, 100, MAX);
    claim("a", 2_000, 60_000, 2, 4, Map.of());
    claim("b", 2_000, 60_000, 2, 4, Map.of());
    assertThat(store.releaseLeases("a")).isEqualTo(2);
    assertThat(claim("c", 2_001, 60_000, 16, 4, Map.of())).hasSize(2);
    assertThat(store.releaseLeases(null)).isEqualTo(4);
    assertThat(claim("c", 2_002, 60_000, 16, 4, Map.of())).hasSize(4);
  }

  @Test
  void rotationKeepsTheOldSecretUntilItsOverlapEndsOrIsCompleted() {
    Webhook w = hook(project, true, 1_000, "render.succeeded");
    Webhook r = store.rotate(project, w.id(), "whsec_new", 2_000, 1_000).orElseThrow();
    assertThat(r.secret()).isEqualTo("whsec_test");
    assertThat(r.rotating(2_999)).isTrue();
    assertThat(r.signingSecret(2_999)).isEqualTo("whsec_test");
    assertThat(r.rotating(3_000)).isFalse();
    assertThat(r.signingSecret(3_000)).as("the overlap is over").isEqualTo("whsec_new");

    Webhook again = store.rotate(project, w.id(), "whsec_newer", 2_500, 1_000).orElseThrow();
    assertThat(again.secret()).as("a rotation during the overlap keeps the old secret").isEqualTo("whsec_test");
    assertThat(again.nextSecret()).isEqualTo("whsec_newer");
    Webhook after = store.rotate(project, w.id(), "whsec_newest", 9_000, 1_000).orElseThrow();
    assertThat(after.secret()).as("an ended overlap is settled first").isEqualTo("whsec_newer");

    assertThat(store.completeRotation(project, w.id(), 9_100)).isTrue();
    Webhook done = store.find(project, w.id()).orElseThrow();
    assertThat(done.secret()).isEqualTo("whsec_newest");
    assertThat(done.nextSecret()).isNull();
    assertThat(done.rotating(9_100)).isFalse();
    assertThat(store.completeRotation(project, w.id(), 9_200)).isFalse();
    assertThat(store.rotate(otherProject, w.id(), "x", 1, 1)).isEmpty();
  }

  /**
   * Four "processes" (connection pools of their own) fan out and claim at once: every outbox row becomes exactly
   * one delivery per subscription, and every attempt is claimed by exactly one of them.
   */
  @Test
  void concurrentFanOutsAndClaimsNeverDoubleUp() throws Exception {
    hook(project, true, 1_000, "render.succeeded");
    hook(project, true, 1_000, "render.succeeded");
    int messages = 300;
    for (int i = 0; i < messages; i++) owe(project, "render.succeeded", 2_000 + i);
    List<Database> pools = new ArrayList<>();
    for (int i = 0; i < 4; i++) pools.add(openSecond());
    Map<String, AtomicInteger> claims = new ConcurrentHashMap<>();
    List<Integer> fannedOut = Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
      List<Future<?>> all = new ArrayList<>();
      for (Database pool : pools) {
        WebhookStore s = new WebhookStore(pool);
        all.add(threads.submit(() -> {
          for (int idle = 0; idle < 3; ) {
            // the dispatcher's own round: fan out and claim in one transaction
            WebhookStore.Round r = s.round(new WebhookStore.RoundRequest("p" + pool.hashCode(), 10_000, 60_000,
                List.of(), 25, MAX, 16, 16, Map.of()));
            fannedOut.add(r.fannedOut());
            r.claimed().forEach(c -> claims.computeIfAbsent(c.deliveryId(), k -> new AtomicInteger())
                .incrementAndGet());
            idle = r.fannedOut() == 0 && r.claimed().isEmpty() ? idle + 1 : 0;
          }
          return null;
        }));
      }
      for (Future<?> f : all) f.get();
    } finally {
      pools.forEach(Database::close);
    }
    assertThat(fannedOut.stream().mapToInt(Integer::intValue).sum()).as("each outbox row dispatched once")
        .isEqualTo(messages);
    assertThat(count("SELECT COUNT(*) FROM webhook_deliveries")).isEqualTo(2 * messages);
    assertThat(claims).hasSize(2 * messages);
    assertThat(claims.values()).allSatisfy(n -> assertThat(n.get()).as("claimed once").isEqualTo(1));
  }
}
