package dev.platen.api;

import dev.platen.errors.PlatenException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API documents: {@code /openapi.yaml} as shipped in the jar, and Swagger UI over it at {@code /docs}, served
 * from the swagger-ui webjar in the jar, so a browser needs nothing from outside.
 */
final class DocsApi {
  /** The webjar's files the page uses, with their types; nothing else of the jar is reachable. */
  private static final Map<String, String> ASSETS = Map.of(
      "swagger-ui.css", "text/css; charset=utf-8",
      "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
      "favicon-32x32.png", "image/png",
      "favicon-16x16.png", "image/png");
  private static final String INIT = "platen-docs.js";

  private final byte[] openapi;
  private final byte[] page;
  private final String webjar;
  private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

  DocsApi() {
    this.openapi = resource("/openapi.yaml");
    this.page = resource("/swagger/index.html");
    this.webjar = "/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
  }

  private static String swaggerUiVersion() {
    Properties p = new Properties();
    try (InputStream in = DocsApi.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) throw new IllegalStateException("the swagger-ui webjar is missing from the jar");
      p.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("the swagger-ui webjar could not be read", e);
    }
    return p.getProperty("version");
  }

  private static byte[] resource(String path) {
    try (InputStream in = DocsApi.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException(path + " missing from the jar");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(path + " could not be read", e);
    }
  }

  void openapi(Context ctx) {
    ctx.contentType("application/yaml").result(openapi);
  }

  void page(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(page);
  }

  void asset(Context ctx) {
    String file = ctx.pathParam("file");
    byte[] body;
    String type;
    if (file.equals(INIT)) {
      body = loaded.computeIfAbsent(file, f -> resource("/swagger/" + f));
      type = "text/javascript; charset=utf-8";
    } else if (ASSETS.containsKey(file)) {
      body = loaded.computeIfAbsent(file, f -> resource(webjar + f));
      type = ASSETS.get(file);
    } else {
      throw PlatenException.notFound("not_found", "No such file of the API documentation.");
    }
    ctx.contentType(type).header("Cache-Control", "public, max-age=3600").result(body);
  }
}
