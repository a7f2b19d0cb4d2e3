package dev.platen.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.api.Json;
import dev.platen.render.PageSetup;
import dev.platen.render.PdfEngine;
import dev.platen.render.RenderInput;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each version is read, parsed and prepared for the engine once, not per render. */
class VersionCacheTest {

  @Test
  void preparesEachVersionOnceForTheEngine() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    AtomicInteger prepared = new AtomicInteger();
    PdfEngine engine = new PdfEngine() {
      @Override public byte[] render(RenderInput input) {
        throw new AssertionError("renders go through the prepared version");
      }

      @Override public Prepared prepare(JsonNode layout, PageSetup page) {
        prepared.incrementAndGet();
        return input -> new byte[] {(byte) page.format().length()};
      }
    };
    VersionCache cache = new VersionCache(id -> {
      loads.incrementAndGet();
      return Optional.of(new VersionCache.StoredVersion("T", "{\"sections\":[]}", "{\"format\":\"A4\"}", 0));
    }, Json.newMapper(), engine, 10);

    VersionCache.PreparedVersion v = cache.get("v1");
    assertThat(cache.get("v1")).isSameAs(v);
    cache.get("v2");
    assertThat(loads).hasValue(2);
    assertThat(prepared).hasValue(2);
    assertThat(v.page().format()).isEqualTo("A4");
    assertThat(v.engine().render(null)).containsExactly(2);
  }
}
