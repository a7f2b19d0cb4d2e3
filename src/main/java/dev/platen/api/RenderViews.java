package dev.platen.api;

import dev.platen.jobs.RenderRecord;
import dev.platen.jobs.RenderStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The render shapes of the contract, with absolute URLs under the public base URL. Public for the webhook body,
 * which the composition root hands to the outbox listener.
 */
public final class RenderViews {
  private final String publicUrl;
  private final String blobPublicBaseUrl;

  /** @param blobPublicBaseUrl where the blob store serves objects publicly (a public bucket or CDN), or null */
  public RenderViews(String publicUrl, String blobPublicBaseUrl) {
    this.publicUrl = publicUrl;
    this.blobPublicBaseUrl = blobPublicBaseUrl;
  }

  String pollUrl(String id) {
    return publicUrl + "/v1/renders/" + id;
  }

  /** Public, permanent and unguessable: the token carries 192 random bits; the last segment is the file name. */
  String downloadUrl(RenderRecord r) {
    if (r.status() != RenderStatus.SUCCEEDED) return null;
    if (blobPublicBaseUrl != null && r.blobKey() != null) {
      StringBuilder url = new StringBuilder(blobPublicBaseUrl);
      for (String segment : r.blobKey().split("/")) url.append('/').append(encode(segment));
      return url.toString();
    }
    return publicUrl + "/files/" + r.id() + "/" + r.downloadToken() + "/"
        + encode(r.filename());
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Answer of POST …/render (fresh or replayed): six fields. */
  Map<String, Object> accepted(RenderRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("status", r.status().wire());
    m.put("pollUrl", pollUrl(r.id()));
    m.put("downloadUrl", downloadUrl(r));
    m.put("errorMessage", r.errorMessage());
    m.put("createdAt", Json.time(r.createdAt()));
    return m;
  }

  /** The body of {@code render.succeeded} and {@code render.failed} (spec §f.2), exactly these eight fields. */
  public Map<String, Object> webhookBody(RenderRecord r, String event) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", event);
    m.put("renderId", r.id());
    m.put("templateId", r.templateId());
    m.put("status", r.status().wire());
    m.put("downloadUrl", downloadUrl(r));
    m.put("errorMessage", r.errorMessage());
    m.put("createdAt", Json.time(r.createdAt()));
    m.put("completedAt", Json.time(r.completedAt()));
    return m;
  }

  /** Answer of GET /v1/renders/:id: exactly the eight fields of the contract. */
  Map<String, Object> full(RenderRecord r) {
    Map<String, Object> m = accepted(r);
    m.put("completedAt", Json.time(r.completedAt()));
    m.put("durationMs", r.durationMs());
    return m;
  }
}
