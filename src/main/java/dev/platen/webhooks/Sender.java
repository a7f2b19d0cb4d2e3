package dev.platen.webhooks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Makes one attempt of one delivery: checks where it goes, signs the body and POSTs it. Blocking; called only on the
 * dispatcher's bounded pool. Any 2xx acknowledges; a redirect is an answer like any other non-2xx and is never
 * followed, so a public receiver cannot bounce a delivery to a private address.
 */
public final class Sender implements AutoCloseable {
  /** The reference's receivers may match on the {@code Craftkit-Webhook/} prefix (the product's decision 15). */
  public static final String USER_AGENT = "Craftkit-Webhook/1.0 (compatible; Platen)";
  /** For connecting, and again for the answer: the reference asks receivers to answer within about 15 s. */
  static final long TIMEOUT_MS = 15_000;

  private final HttpClient client;
  private final TargetPolicy targets;

  public Sender(TargetPolicy targets) {
    this.targets = targets;
    this.client = HttpClient.newBuilder()
        .connectTimeout(java.time.Duration.ofMillis(TIMEOUT_MS))
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** What an attempt came to: delivered (a 2xx), or why not. */
  public record Outcome(boolean delivered, Integer statusCode, String error) {
    static Outcome failed(Integer status, String error) {
      return new Outcome(false, status, error);
    }
  }

  /** @param now the signing time: it picks the rotation's secrets and becomes {@code x-craftkit-timestamp} */
  Outcome send(WebhookStore.Claimed d, long now) {
    URI uri;
    try {
      uri = targets.check(d.url());
    } catch (TargetPolicy.Refused r) {
      return Outcome.failed(null, r.getMessage());
    }
    byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
    Webhook w = d.webhook();
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(java.time.Duration.ofMillis(TIMEOUT_MS))
        .header("Content-Type", "application/json")
        .header("User-Agent", USER_AGENT)
        .header("x-craftkit-event", d.event())
        .header("x-craftkit-delivery-id", d.deliveryId())
        .header("x-craftkit-timestamp", String.valueOf(Math.floorDiv(now, 1000)))
        .header("x-craftkit-signature", Signatures.sign(w.signingSecret(now), body));
    if (w.rotating(now)) request.header("x-platen-signature-next", Signatures.sign(w.nextSecret(), body));
    CompletableFuture<HttpResponse<Void>> future =
        client.sendAsync(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.discarding());
    try {
      // connect + answer, each bounded by the client; this bounds a receiver that trickles its body forever
      HttpResponse<Void> response = future.get(2 * TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS);
      int status = response.statusCode();
      if (status >= 200 && status <= 299) return new Outcome(true, status, null);
      if (status >= 300 && status <= 399) {
        return Outcome.failed(status, "answered " + status + "; redirects are not followed");
      }
      return Outcome.failed(status, "answered " + status);
    } catch (TimeoutException e) {
      future.cancel(true);
      return Outcome.failed(null, timedOut());
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return Outcome.failed(null, "interrupted: Platen was shutting down");
    } catch (ExecutionException e) {
      return Outcome.failed(null, describe(e.getCause()));
    }
  }

  private String timedOut() {
    return "timed out after " + TIMEOUT_MS / 1000 + " s without an answer";
  }

  private String describe(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException) return "could not connect within " + TIMEOUT_MS / 1000 + " s";
      if (t instanceof HttpTimeoutException) return timedOut();
      if (t instanceof SSLException) return "the TLS handshake failed";
      if (t instanceof ConnectException) return "could not connect: connection refused";
    }
    if (cause instanceof IOException) {
      return "the connection failed" + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
    return "the request failed: " + cause;
  }

  @Override
  public void close() {
    client.shutdownNow();
  }
}
