package dev.platen.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.platen.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import tools.jackson.databind.JsonNode;

/**
 * A real webhook receiver on 127.0.0.1: a JDK HttpServer that records every request it gets, headers and raw body,
 * and answers with whatever status {@code answer} picks (it may also block, to play a receiver that hangs).
 */
public final class Receiver implements AutoCloseable {
  /** One request as it arrived. */
  public record Hit(String path, String deliveryId, String event, String signature, String signatureNext,
      String timestamp, String userAgent, String contentType, byte[] body) {
    public JsonNode json() { return TestServer.JSON.readTree(body); }
  }

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Hit> hits = new ConcurrentLinkedQueue<>();
  private final AtomicInteger concurrent = new AtomicInteger();
  private final AtomicInteger maxConcurrent = new AtomicInteger();
  private volatile ToIntFunction<Hit> answer;
  private volatile String location;

  private Receiver(HttpServer server, ToIntFunction<Hit> answer) {
    this.server = server;
    this.answer = answer;
  }

  public static Receiver start(ToIntFunction<Hit> answer) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
      Receiver r = new Receiver(s, answer);
      s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      s.createContext("/", r::handle);
      s.start();
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Receiver answering(int status) {
    return start(h -> status);
  }

  /** Answers every request with a 307 to {@code location}. */
  public static Receiver redirecting(String location) {
    Receiver r = start(h -> 307);
    r.location = location;
    return r;
  }

  private void handle(HttpExchange ex) throws IOException {
    int now = concurrent.incrementAndGet();
    maxConcurrent.accumulateAndGet(now, Math::max);
    try (ex; InputStream in = ex.getRequestBody()) {
      var h = ex.getRequestHeaders();
      Hit hit = new Hit(ex.getRequestURI().getPath(), h.getFirst("x-craftkit-delivery-id"),
          h.getFirst("x-craftkit-event"), h.getFirst("x-craftkit-signature"), h.getFirst("x-platen-signature-next"),
          h.getFirst("x-craftkit-timestamp"), h.getFirst("User-Agent"), h.getFirst("Content-Type"),
          in.readAllBytes());
      hits.add(hit);
      int status = answer.applyAsInt(hit);
      if (location != null) ex.getResponseHeaders().set("Location", location);
      ex.sendResponseHeaders(status, -1);
    } finally {
      concurrent.decrementAndGet();
    }
  }

  public void answer(ToIntFunction<Hit> a) { this.answer = a; }

  /** Where Platen should send: an http URL on 127.0.0.1 and this receiver's port. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public int port() { return server.getAddress().getPort(); }

  public List<Hit> hits() { return new ArrayList<>(hits); }

  public List<Hit> hits(Predicate<Hit> which) { return hits().stream().filter(which).toList(); }

  public int maxConcurrent() { return maxConcurrent.get(); }

  public int concurrent() { return concurrent.get(); }

  /** Waits until {@code count} recorded requests satisfy {@code which}. */
  public List<Hit> await(Predicate<Hit> which, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Hit> got = hits(which);
      if (got.size() >= count) return got;
      if (System.nanoTime() > deadline) {
        throw new AssertionError("receiver got " + got.size() + " of " + count + " expected requests in " + timeout);
      }
      sleep(50);
    }
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
