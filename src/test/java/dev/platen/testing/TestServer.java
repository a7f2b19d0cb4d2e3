package dev.platen.testing;

import dev.platen.Platen;
import dev.platen.auth.ApiKeys;
import dev.platen.config.Config;
import dev.platen.store.ProjectStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A whole Platen started in this JVM on a free port, exactly as the jar starts it, plus a small HTTP client. */
public final class TestServer implements AutoCloseable {
  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Platen platen;
  public final String baseUrl;
  public final String liveKey;
  /** The account key (ck_acct_) for /v1/projects*: PLATEN_BOOTSTRAP_ACCOUNT_KEY unless a test gives its own. */
  public final String accountKey;
  public final Path dataDir;

  private TestServer(Platen platen, String baseUrl, String liveKey, String accountKey, Path dataDir) {
    this.platen = platen;
    this.baseUrl = baseUrl;
    this.liveKey = liveKey;
    this.accountKey = accountKey;
    this.dataDir = dataDir;
  }

  public static TestServer start(Path dataDir) {
    return start(dataDir, Map.of());
  }

  /** Starts on {@code dataDir}; a second start on the same directory reuses its database and files. */
  public static TestServer start(Path dataDir, Map<String, String> extraEnv) {
    return start(dataDir, extraEnv, InstantSource.system());
  }

  /** @param clock the server's one clock: a {@link SettableClock} lets a test move expiries and windows */
  public static TestServer start(Path dataDir, Map<String, String> extraEnv, InstantSource clock) {
    int port = freePort();
    String key = "ck_live_testbootstrapkey0000000001";
    Map<String, String> env = new HashMap<>();
    env.put("PLATEN_PORT", String.valueOf(port));
    env.put("PLATEN_DATA_DIR", dataDir.toString());
    env.put("PLATEN_BOOTSTRAP_KEY", key);
    env.put("PLATEN_BOOTSTRAP_ACCOUNT_KEY", "ck_acct_testbootstrapaccount0001");
    env.put("PLATEN_RENDER_THREADS", "2");
    // the start-up warm-up has its own test (StartUpWarmUpTest); here it would add seconds to every start
    env.put("PLATEN_WARMUP", "off");
    env.putAll(extraEnv);
    port = Integer.parseInt(env.get("PLATEN_PORT"));
    Config config = Config.from(env);
    Platen p = Platen.start(config, new PrintStream(PrintStream.nullOutputStream()), clock);
    return new TestServer(p, "http://localhost:" + port, key, env.get("PLATEN_BOOTSTRAP_ACCOUNT_KEY"), dataDir);
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Platen platen() { return platen; }

  /** A fresh project with one key; {@code test} picks a ck_test_ key. */
  public String newProjectKey(boolean test) {
    ProjectStore projects = new ProjectStore(platen.database());
    String projectId = projects.createProject("Other project", null, null);
    String key = ApiKeys.generate(test);
    projects.addKey(projectId, ApiKeys.hash(key), ApiKeys.prefix(key), test, "test");
    return key;
  }

  /** Adds a key to the bootstrap project (same project as {@link #liveKey}). */
  public String addKeyToDefaultProject(boolean test) {
    ProjectStore projects = new ProjectStore(platen.database());
    String projectId = projects.findActiveKey(ApiKeys.hash(liveKey)).orElseThrow().projectId();
    String key = ApiKeys.generate(test);
    projects.addKey(projectId, ApiKeys.hash(key), ApiKeys.prefix(key), test, "test");
    return key;
  }

  public Res get(String path, String key) {
    return send(request(path, key).GET().build());
  }

  public Res delete(String path, String key) {
    return send(request(path, key).DELETE().build());
  }

  public Res post(String path, String key, Object body, String... headers) {
    return send(withBody(request(path, key), "POST", body, headers));
  }

  public Res put(String path, String key, Object body, String... headers) {
    return send(withBody(request(path, key), "PUT", body, headers));
  }

  public Res patch(String path, String key, Object body, String... headers) {
    return send(withBody(request(path, key), "PATCH", body, headers));
  }

  public Res postRaw(String path, String key, byte[] body, String... headers) {
    HttpRequest.Builder b = request(path, key).header("Content-Type", "application/json");
    if (headers.length > 0) b.headers(headers);
    return send(b.method("POST", HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  private static HttpRequest withBody(HttpRequest.Builder b, String method, Object body, String... headers) {
    String text = body instanceof String s ? s : JSON.writeValueAsString(body);
    b.header("Content-Type", "application/json");
    if (headers.length > 0) b.headers(headers);
    return b.method(method, HttpRequest.BodyPublishers.ofString(text)).build();
  }

  private HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
        .timeout(Duration.ofSeconds(60));
    if (key != null) b.header("Authorization", "Bearer " + key);
    return b;
  }

  public static Res send(HttpRequest r) {
    try {
      return sendOnce(r);
    } catch (UncheckedIOException e) {
      // The JDK client can reuse a pooled connection the server has just closed (Jetty closes after answering a
      // malformed request); the request then dies unanswered and is safe to send once more.
      String m = e.getCause().getMessage();
      if (m == null || !m.contains("received no bytes")) throw e;
      return sendOnce(r);
    }
  }

  /** One request, sent once: no second try when the connection dies unanswered. */
  public static Res sendOnce(HttpRequest r) {
    try {
      HttpResponse<byte[]> resp = CLIENT.send(r, HttpResponse.BodyHandlers.ofByteArray());
      return new Res(resp.statusCode(), resp.body(), resp.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls GET /v1/renders/:id until the render is terminal. */
  public JsonNode awaitTerminal(String renderId, String key, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Res r = get("/v1/renders/" + renderId, key);
      if (r.status() != 200) throw new AssertionError("poll answered " + r.status() + ": " + r.text());
      JsonNode j = r.json();
      String s = j.path("status").asString();
      if (s.equals("succeeded") || s.equals("failed") || s.equals("cancelled")) return j;
      if (System.nanoTime() > deadline) throw new AssertionError("render " + renderId + " still " + s);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** An HTTP answer. */
  public record Res(int status, byte[] body, Map<String, java.util.List<String>> headers) {
    public String text() { return new String(body, java.nio.charset.StandardCharsets.UTF_8); }

    public JsonNode json() { return JSON.readTree(body); }

    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    public String errorCode() { return json().path("error").path("code").asString(); }
  }

  @Override
  public void close() {
    platen.close();
  }
}
