package dev.platen.render.images;

import dev.platen.render.EngineSettings;
import dev.platen.render.RenderException;
import dev.platen.render.Units;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Fetches image URLs named by templates, which are untrusted input: http and https only, no private or loopback
 * targets (checked again after every redirect, since a public URL may redirect inward), a whole-fetch deadline, a
 * body size cap enforced while reading, and one retry when the connection itself fails. Every failure is a
 * non-retryable {@link RenderException} whose message names the URL and what went wrong; the fetch already
 * retried, so another render attempt would most likely fail the same way.
 *
 * <p>Limitation: the address check resolves the host, then the HTTP client resolves it again to connect. A DNS
 * server that answers differently within that window (DNS rebinding) can slip past the check. Closing that needs
 * connecting to the checked address, which java.net.http does not offer for TLS with the original host name.
 *
 * <p>Thread-safe; one instance serves the whole engine.
 */
public final class GuardedImageLoader {
  static final int MAX_REDIRECTS = 3;
  private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

  private final HttpClient client;
  private final AddressPolicy policy;
  private final Duration timeout;
  private final long maxBytes;
  private final ImageGuard guard;

  public GuardedImageLoader(EngineSettings settings, AddressPolicy policy) {
    this.policy = policy;
    this.timeout = settings.fetchTimeout();
    this.maxBytes = settings.maxImageBytes();
    this.guard = new ImageGuard(settings.maxImagePixels(), settings.maxSvgElements());
    this.client = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  long maxBytes() { return maxBytes; }

  /** The size checks every image passes before it is decoded, fetched ones and data: URIs alike. */
  ImageGuard guard() { return guard; }

  /** The response body of a 2xx answer, following at most {@value #MAX_REDIRECTS} redirects. */
  byte[] fetch(String url) throws RenderException {
    URI uri = parse(url);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int redirects = 0; ; redirects++) {
      checkTarget(url, uri, redirects > 0);
      HttpResponse<byte[]> response = sendWithRetry(url, uri, deadline);
      int status = response.statusCode();
      if (isRedirect(status)) {
        String location = response.headers().firstValue("location").orElse(null);
        if (location == null) throw failure(url, "answered " + status + " without a Location header");
        if (redirects == MAX_REDIRECTS) throw failure(url, "redirected more than " + MAX_REDIRECTS + " times");
        uri = redirectTarget(url, uri, location);
        continue;
      }
      if (status < 200 || status > 299) throw failure(url, "answered " + status);
      return response.body();
    }
  }

  private static URI parse(String url) throws RenderException {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null) throw failure(url, "is not an absolute http or https URL");
      return uri;
    } catch (URISyntaxException e) {
      throw failure(url, "is not a valid URL");
    }
  }

  private static URI redirectTarget(String url, URI from, String location) throws RenderException {
    try {
      return from.resolve(new URI(location.trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw failure(url, "redirects to an invalid URL");
    }
  }

  private void checkTarget(String url, URI uri, boolean redirected) throws RenderException {
    String where = redirected ? "redirects to " + uri + ", which " : "";
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw failure(url, where + "is not an http or https URL");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) throw failure(url, where + "has no host name");
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw failure(url, "is not reachable: unknown host " + host);
    }
    for (InetAddress address : addresses) {
      if (!policy.permits(address)) throw failure(url, where + "points to a private or loopback address");
    }
  }

  private HttpResponse<byte[]> sendWithRetry(String url, URI uri, long deadline) throws RenderException {
    try {
      return send(url, uri, deadline);
    } catch (ConnectionFailed first) {
      pauseBeforeRetry(deadline);
      try {
        return send(url, uri, deadline);
      } catch (ConnectionFailed second) {
        throw failure(url, "is not reachable: " + second.reason);
      }
    }
  }

  private HttpResponse<byte[]> send(String url, URI uri, long deadline) throws RenderException, ConnectionFailed {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) throw timedOut(url);
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofNanos(remaining))
        .header("Accept", "image/png,image/jpeg,image/gif,image/svg+xml;q=0.9,*/*;q=0.1")
        .header("User-Agent", "Platen")
        .GET()
        .build();
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, this::subscriber);
    try {
      return future.get(remaining, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw timedOut(url);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new RenderException("image " + url + " was not fetched: the render was interrupted", true);
    } catch (ExecutionException e) {
      throw classify(url, e.getCause());
    }
  }

  private RenderException classify(String url, Throwable cause) throws ConnectionFailed {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof TooLarge) return failure(url, "exceeds " + Units.bytes(maxBytes));
      if (t instanceof HttpTimeoutException) return timedOut(url);
      if (t instanceof SSLException) return failure(url, "is not reachable: the TLS handshake failed");
      if (t instanceof ConnectException) throw new ConnectionFailed("connection refused");
    }
    if (cause instanceof IOException) throw new ConnectionFailed("the connection failed");
    return failure(url, "could not be fetched");
  }

  private static void pauseBeforeRetry(long deadline) {
    long pause = Math.min(RETRY_PAUSE.toNanos(), Math.max(0, deadline - System.nanoTime()) / 2);
    try {
      TimeUnit.NANOSECONDS.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private RenderException timedOut(String url) {
    return failure(url, "timed out after " + Units.duration(timeout));
  }

  private static RenderException failure(String url, String reason) {
    return new RenderException("image " + url + " " + reason, false);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private BodySubscriber<byte[]> subscriber(HttpResponse.ResponseInfo info) {
    int status = info.statusCode();
    if (status < 200 || status > 299) return BodySubscribers.replacing(null);
    long declared = info.headers().firstValueAsLong("content-length").orElse(-1L);
    return new CappedBody(maxBytes, declared);
  }

  /** A connection-level failure, the one kind of error worth one more attempt. */
  private static final class ConnectionFailed extends Exception {
    final String reason;

    ConnectionFailed(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }
  }

  private static final class TooLarge extends IOException {
    TooLarge() { super("body over the size limit"); }
  }

  /** Collects the body but gives up as soon as it grows past the cap, so a huge file is never held whole. */
  private static final class CappedBody implements BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long max;
    private final long declared;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    CappedBody(long max, long declared) {
      this.max = max;
      this.declared = declared;
    }

    @Override public CompletionStage<byte[]> getBody() { return result; }

    @Override public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (declared > max) {
        s.cancel();
        result.completeExceptionally(new TooLarge());
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) return;
      for (ByteBuffer b : items) {
        if (buffer.size() + (long) b.remaining() > max) {
          subscription.cancel();
          result.completeExceptionally(new TooLarge());
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        buffer.writeBytes(chunk);
      }
    }

    @Override public void onError(Throwable t) { result.completeExceptionally(t); }

    @Override public void onComplete() { result.complete(buffer.toByteArray()); }
  }
}
