package dev.platen.web;

import dev.platen.errors.PlatenException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The dashboard's scripts and stylesheet, served from the jar (htmx from its webjar). Each URL carries a version or a
 * content hash, so browsers may keep a file for a year and still never run a stale one after an upgrade.
 */
public final class Assets {
  private record Asset(String url, String contentType, byte[] bytes) {}

  private final Map<String, Asset> byName;

  Assets() {
    Asset htmx = load("htmx.js", "META-INF/resources/webjars/htmx.org/2.0.8/dist/htmx.min.js", "text/javascript");
    Asset sse = load("sse.js", "META-INF/resources/webjars/htmx-ext-sse/2.2.2/sse.js", "text/javascript");
    Asset css = load("dashboard.css", "web/dashboard.css", "text/css");
    Asset js = load("dashboard.js", "web/dashboard.js", "text/javascript");
    this.byName = Map.of("htmx.js", htmx, "sse.js", sse, "dashboard.css", css, "dashboard.js", js);
  }

  private static Asset load(String name, String resource, String type) {
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("dashboard asset missing from the jar: " + resource);
      byte[] bytes = in.readAllBytes();
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
      return new Asset("/app/assets/" + name + "?v=" + hash, type + "; charset=utf-8", bytes);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("dashboard asset unreadable: " + resource, e);
    }
  }

  public String htmx() { return byName.get("htmx.js").url(); }

  public String sse() { return byName.get("sse.js").url(); }

  public String css() { return byName.get("dashboard.css").url(); }

  public String js() { return byName.get("dashboard.js").url(); }

  void serve(Context ctx) {
    Asset a = byName.get(ctx.pathParam("file"));
    if (a == null) throw PlatenException.notFound("not_found", "No such dashboard file.");
    ctx.status(200).contentType(a.contentType())
        .header("Cache-Control", "public, max-age=31536000, immutable")
        .header("X-Content-Type-Options", "nosniff")
        .result(a.bytes());
  }
}
