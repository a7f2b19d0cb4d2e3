package dev.platen.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.metrics.Metrics;
import dev.platen.metrics.RenderMetrics;
import dev.platen.testing.PrometheusText;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Outcomes are counted once each, when the queue's write took effect, and a fenced write that lost counts nothing. */
class MeteredRenderQueueTest {
  final Metrics metrics = new Metrics();
  final RenderQueue queue = new MeteredRenderQueue(new InMemoryRenderQueue(), metrics.renders());

  String insert(String project, String template, String key) {
    String id = UUID.randomUUID().toString();
    queue.insert(new NewRender(id, project, template, "v-" + template, "{}", "f.pdf", false, key, "tok" + id), 0);
    return id;
  }

  double renders(String outcome, String project, String template) {
    return PrometheusText.parse(metrics.scrape()).sum("platen_renders_total",
        Map.of("outcome", outcome, "project", project, "template", template));
  }

  double total(String name) {
    return PrometheusText.parse(metrics.scrape()).sum(name, Map.of());
  }

  @Test
  void eachOutcomeIsCountedOnceWhenItCommits() {
    insert("p", "t", "k1");
    insert("p", "t", "k1"); // the same idempotency key: nothing was written
    assertThat(renders("accepted", "p", "t")).isEqualTo(1);

    RenderJob stale = queue.claim("w1", 1_000, 5_000).orElseThrow();
    assertThat(stale.takenOver()).isFalse();
    assertThat(total("platen_render_lease_takeovers_total")).isZero();
    RenderJob fresh = queue.claim("w2", 7_000, 5_000).orElseThrow();
    assertThat(total("platen_render_lease_takeovers_total")).isEqualTo(1);
    assertThat(queue.succeed(stale, "k", 7_001)).isFalse();
    assertThat(queue.fail(stale, "late", 7_001)).isFalse();
    assertThat(renders("succeeded", "p", "t") + renders("failed", "p", "t")).as("lost writes count nothing").isZero();
    assertThat(queue.retryLater(fresh, 8_000, "disk hiccup", 7_002)).isTrue();
    assertThat(total("platen_render_retries_total")).isEqualTo(1);
    RenderJob again = queue.claim("w2", 8_000, 5_000).orElseThrow();
    assertThat(total("platen_render_lease_takeovers_total")).as("a retry is no take-over").isEqualTo(1);
    assertThat(queue.succeed(again, "k", 8_100)).isTrue();
    assertThat(renders("succeeded", "p", "t")).isEqualTo(1);

    String failing = insert("p", "t", null);
    RenderJob f = queue.claim("w1", 9_000, 5_000).orElseThrow();
    assertThat(f.renderId()).isEqualTo(failing);
    assertThat(queue.fail(f, "image answered 404", 9_001)).isTrue();
    assertThat(renders("failed", "p", "t")).isEqualTo(1);

    String cancelled = insert("p", "t2", null);
    assertThat(queue.cancel("p", cancelled, 9_500).orElseThrow().changed()).isTrue();
    assertThat(queue.cancel("p", cancelled, 9_600).orElseThrow().changed()).isFalse();
    assertThat(renders("cancelled", "p", "t2")).as("only the cancel that changed something").isEqualTo(1);
    assertThat(renders("cancelled", "p", "t")).isZero();
  }

  @Test
  void projectAndTemplateSeriesAreBounded() {
    int extra = 7;
    for (int i = 0; i < RenderMetrics.MAX_TEMPLATES + extra; i++) insert("p", "t" + i, null);
    PrometheusText text = PrometheusText.parse(metrics.scrape());
    assertThat(text.find("platen_renders_total", Map.of("outcome", "accepted")))
        .hasSize(RenderMetrics.MAX_TEMPLATES + 1);
    assertThat(text.sum("platen_renders_total", Map.of("outcome", "accepted", "template", RenderMetrics.OTHER)))
        .isEqualTo(extra);
    assertThat(text.sum("platen_renders_total", Map.of("outcome", "accepted", "template", "t0"))).isEqualTo(1);
    insert("p", "t0", null);
    assertThat(PrometheusText.parse(metrics.scrape()).sum("platen_renders_total",
        Map.of("outcome", "accepted", "template", "t0"))).as("a pair seen early keeps its series").isEqualTo(2);
  }
}
