package dev.platen.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import dev.platen.auth.Authenticator;
import dev.platen.blob.FileBlobStore;
import dev.platen.jobs.InMemoryRenderQueue;
import dev.platen.metrics.Metrics;
import dev.platen.sharing.EngagementStore;
import dev.platen.sharing.ShareStore;
import dev.platen.sharing.Sharing;
import dev.platen.store.Database;
import dev.platen.store.ProjectStore;
import dev.platen.store.TemplateStore;
import dev.platen.testing.TestServer;
import dev.platen.testing.TestServer.Res;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * src/main/resources/openapi.yaml against the code: every route of {@link Routes} is documented with its method and
 * nothing else is; the document is internally consistent; and real answers of a started server match the documented
 * status codes and schemas.
 */
class OpenApiTest {
  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
  private static final String ERROR_REF = "#/components/schemas/Error";

  /**
   * The operations of the Craftkit reference (the Craftkit v1 API documentation), path parameters
   * written {@code {}}. A documented operation is marked {@code x-platen-extension: true} exactly when it is not one
   * of these. {@code GET /v1/renders/{}/download} is deliberately absent: only the older www pages have it, and
   * Platen lists it among its extensions.
   */
  private static final Set<String> CRAFTKIT = Set.of(
      "GET /health",
      "POST /v1/templates", "GET /v1/templates", "GET /v1/templates/{}", "PUT /v1/templates/{}",
      "DELETE /v1/templates/{}", "POST /v1/templates/{}/render",
      "GET /v1/renders/{}", "GET /v1/embed/renders/{}/download",
      "POST /v1/renders/{}/shares", "GET /v1/renders/{}/shares", "DELETE /v1/renders/{}/shares/{}",
      "POST /v1/renders/{}/email", "GET /share/{}", "POST /v1/hooks/{}",
      // issue 10 names these two the reference's engagement endpoints
      "POST /v1/renders/{}/events", "GET /v1/renders/{}/engagement",
      "POST /v1/signatures", "GET /v1/signatures", "GET /v1/signatures/{}", "POST /v1/signatures/{}/cancel",
      "GET /v1/signatures/{}/download", "GET /v1/signatures/{}/certificate",
      "POST /v1/embed/sessions", "POST /v1/embed/sessions/refresh", "POST /v1/embed/catalogs",
      "POST /v1/embed/builder/templates", "GET /v1/embed/builder/templates", "GET /v1/embed/renders",
      "GET /v1/embed/renders/{}", "POST /v1/embed/form-submit/{}", "POST /v1/embed/form-submit/{}/upload-image",
      "POST /v1/projects", "GET /v1/projects", "GET /v1/projects/{}", "PATCH /v1/projects/{}",
      "DELETE /v1/projects/{}", "POST /v1/projects/{}/keys",
      "POST /v1/admin/provision", "PATCH /v1/admin/provision");

  static JsonNode doc;

  @BeforeAll
  static void load() throws IOException {
    YAMLMapper yaml = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();
    try (InputStream in = OpenApiTest.class.getResourceAsStream("/openapi.yaml")) {
      assertThat(in).as("openapi.yaml on the classpath").isNotNull();
      doc = yaml.readTree(in);
    }
    assertThat(doc.path("openapi").asString()).startsWith("3.1");
  }

  /**
   * The route table exactly as the server registers it: {@link HttpApi} builds the handlers and {@link Routes}
   * without binding a port, over an in-memory render queue and stores on a throw-away SQLite file; handlers are
   * never called here.
   */
  static List<Routes.Route> routeTable() throws IOException {
    Path dir = Files.createTempDirectory("platen-routes");
    try (Database db = Database.sqlite(dir.resolve("routes.db"))) {
      ProjectStore projects = new ProjectStore(db);
      FileBlobStore blobs = new FileBlobStore(dir.resolve("files"));
      EngagementStore events = new EngagementStore(db, Json.newMapper());
      InMemoryRenderQueue queue = new InMemoryRenderQueue();
      HttpApi api = new HttpApi(new HttpApi.Deps(projects, new TemplateStore(db), queue,
          blobs, new Authenticator(projects, null), null, Json.newMapper(), "http://localhost:8080", null,
          new dev.platen.jobs.RenderAdmission(queue, new dev.platen.jobs.QueueLimits(10, 10), () -> { },
              InstantSource.system()),
          new Readiness(() -> true, () -> true, blobs, "ready", () -> false),
          new Metrics(), null, InstantSource.system(),
          new Sharing(new ShareStore(db, events), events, blobs, InstantSource.system(), "http://localhost:8080",
              null), 0, new dev.platen.store.RenderListStore(db), null, new dev.platen.store.InboundStore(db),
              new dev.platen.jobs.Completions(), null, List.of()));
      return api.routes().table();
    }
  }

  static Set<String> routes() throws IOException {
    List<String> all = routeTable().stream()
        .map(r -> r.method().name().toUpperCase(Locale.ROOT) + " " + r.path()).toList();
    assertThat(all).as("route table has no duplicates").doesNotHaveDuplicates();
    return new TreeSet<>(all);
  }

  /** "METHOD /path" → operation node, in document order. */
  static Map<String, JsonNode> operations() {
    Map<String, JsonNode> ops = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        if (HTTP_METHODS.contains(op.getKey())) {
          ops.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue());
        }
      }
    }
    return ops;
  }

  static JsonNode resolve(JsonNode node) {
    JsonNode n = node;
    for (int hops = 0; n.has("$ref"); hops++) {
      assertThat(hops).as("$ref chain too long at %s", node).isLessThan(10);
      String ref = n.path("$ref").asString();
      assertThat(ref).as("only local references").startsWith("#/");
      n = doc.at(ref.substring(1));
      assertThat(n.isMissingNode()).as("%s resolves", ref).isFalse();
    }
    return n;
  }

  @Test
  void everyRouteIsDocumentedAndNothingElse() throws Exception {
    Set<String> routes = routes();
    Set<String> documented = new TreeSet<>(operations().keySet());
    Set<String> undocumented = new TreeSet<>(routes);
    undocumented.removeAll(documented);
    Set<String> notRoutes = new TreeSet<>(documented);
    notRoutes.removeAll(routes);
    assertThat(routes).isNotEmpty();
    SoftAssertions.assertSoftly(soft -> {
      soft.assertThat(undocumented).as("routes missing from openapi.yaml").isEmpty();
      soft.assertThat(notRoutes).as("operations in openapi.yaml that Routes does not serve").isEmpty();
    });
  }

  @Test
  void pathParametersMatchEachPathTemplate() {
    for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
      Set<String> inTemplate = new LinkedHashSet<>();
      Matcher m = PATH_PARAM.matcher(path.getKey());
      while (m.find()) inTemplate.add(m.group(1));
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        if (!HTTP_METHODS.contains(op.getKey())) continue;
        Set<String> declared = new LinkedHashSet<>();
        List<JsonNode> params = new ArrayList<>();
        path.getValue().path("parameters").forEach(params::add);
        op.getValue().path("parameters").forEach(params::add);
        for (JsonNode p : params) {
          JsonNode param = resolve(p);
          if (!param.path("in").asString().equals("path")) continue;
          assertThat(param.path("required").asBoolean()).as("%s %s: path parameter %s is required", op.getKey(),
              path.getKey(), param.path("name").asString()).isTrue();
          declared.add(param.path("name").asString());
        }
        assertThat(declared).as("path parameters of %s %s", op.getKey(), path.getKey())
            .containsExactlyInAnyOrderElementsOf(inTemplate);
      }
    }
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).as("only local references").startsWith("#/");
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
    }
  }

  private static void collectRefs(JsonNode node, List<String> into) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (e.getKey().equals("$ref") && e.getValue().isString()) {
          into.add(e.getValue().asString());
        } else {
          collectRefs(e.getValue(), into);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, into));
    }
  }

  @Test
  void everyOperationHasAnIdSecurityAndConsistentAuthErrors() {
    Set<String> ids = new LinkedHashSet<>();
    Set<String> schemes = new TreeSet<>();
    doc.path("components").path("securitySchemes").propertyNames().forEach(schemes::add);
    assertThat(schemes).contains("projectKey", "adminKey");
    for (Map.Entry<String, JsonNode> e : operations().entrySet()) {
      JsonNode op = e.getValue();
      String id = op.path("operationId").asString();
      assertThat(id).as("operationId of %s", e.getKey()).isNotBlank();
      assertThat(ids.add(id)).as("operationId %s is unique", id).isTrue();
      assertThat(op.path("description").asString()).as("description of %s", e.getKey()).isNotBlank();
      assertThat(op.has("security")).as("%s states its security explicitly", e.getKey()).isTrue();
      boolean open = op.path("security").isEmpty();
      for (JsonNode requirement : op.path("security")) {
        assertThat(schemes).as("security schemes of %s", e.getKey()).containsAll(requirement.propertyNames());
      }
      assertThat(op.path("responses").has("401")).as("%s documents 401 exactly when it needs a key", e.getKey())
          .isEqualTo(!open);
      assertThat(op.path("responses").propertyNames().stream().anyMatch(s -> s.startsWith("2")))
          .as("%s has a success response", e.getKey()).isTrue();
    }
  }

  @Test
  void extensionsBeyondCraftkitAreMarkedAndNothingElse() {
    for (Map.Entry<String, JsonNode> e : operations().entrySet()) {
      String shape = e.getKey().replaceAll("\\{[^}/]+}", "{}");
      JsonNode mark = e.getValue().path("x-platen-extension");
      assertThat(mark.isMissingNode() || mark.isBoolean()).as("x-platen-extension of %s is a boolean", e.getKey())
          .isTrue();
      assertThat(mark.asBoolean(false)).as("%s is marked x-platen-extension", e.getKey())
          .isEqualTo(!CRAFTKIT.contains(shape));
    }
  }

  @Test
  void renderShapesHaveExactlyTheContractFields() {
    JsonNode schemas = doc.path("components").path("schemas");
    List<String> six = List.of("id", "status", "pollUrl", "downloadUrl", "errorMessage", "createdAt");
    List<String> eight = List.of("id", "status", "pollUrl", "downloadUrl", "errorMessage", "createdAt",
        "completedAt", "durationMs");
    assertExactFields(schemas.path("RenderAccepted"), six);
    assertExactFields(schemas.path("Render"), eight);
    assertThat(resolve(schemas.path("RenderStatus")).path("enum").valueStream().map(JsonNode::asString))
        .containsExactly("queued", "rendering", "succeeded", "failed", "cancelled");

    JsonNode render = operations().get("POST /v1/templates/{slug}/render").path("responses");
    assertThat(jsonSchemaRef(render.path("202"))).isEqualTo("#/components/schemas/RenderAccepted");
    assertThat(jsonSchemaRef(render.path("200"))).isEqualTo("#/components/schemas/RenderAccepted");
    JsonNode get = operations().get("GET /v1/renders/{id}").path("responses");
    assertThat(jsonSchemaRef(get.path("200"))).isEqualTo("#/components/schemas/Render");
  }

  private static void assertExactFields(JsonNode schema, List<String> fields) {
    assertThat(schema.path("properties").propertyNames()).containsExactlyElementsOf(fields);
    assertThat(schema.path("required").valueStream().map(JsonNode::asString)).containsExactlyElementsOf(fields);
    assertThat(schema.path("additionalProperties").isBoolean()
        && !schema.path("additionalProperties").asBoolean()).isTrue();
  }

  private static String jsonSchemaRef(JsonNode response) {
    return resolve(response).path("content").path("application/json").path("schema").path("$ref").asString();
  }

  @Test
  void everyJsonErrorAnswerIsTheEnvelopeWithItsCodes() {
    JsonNode error = doc.at("/components/schemas/Error");
    assertThat(error.path("required").valueStream().map(JsonNode::asString)).containsExactly("error");
    assertThat(error.at("/properties/error/required").valueStream().map(JsonNode::asString))
        .containsExactly("code", "message");
    assertThat(resolve(error.at("/properties/error/properties/issues")).path("required").valueStream()
        .map(JsonNode::asString)).containsExactly("formErrors", "fieldErrors");

    for (Map.Entry<String, JsonNode> e : operations().entrySet()) {
      if (e.getKey().equals("GET /ready")) continue; // its 503 is {"status":"unavailable",…} by design
      for (Map.Entry<String, JsonNode> r : e.getValue().path("responses").properties()) {
        if (r.getKey().compareTo("400") < 0) continue;
        JsonNode content = resolve(r.getValue()).path("content");
        // the public share pages answer browsers with a page and JSON clients with the envelope
        Set<String> types = e.getKey().matches("(GET|HEAD) /share/.*") ? Set.of("application/json", "text/html")
            : Set.of("application/json");
        assertThat(content.propertyNames()).as("%s %s answers JSON", e.getKey(), r.getKey())
            .contains("application/json").allMatch(types::contains);
        JsonNode schema = content.path("application/json").path("schema");
        assertThat(schema.at("/allOf/0/$ref").asString()).as("%s %s is the error envelope", e.getKey(), r.getKey())
            .isEqualTo(ERROR_REF);
        JsonNode codes = schema.at("/allOf/1/properties/error/properties/code/enum");
        assertThat(codes.isArray() && !codes.isEmpty()).as("%s %s lists its error codes", e.getKey(), r.getKey())
            .isTrue();
      }
    }
  }

  // ---- real answers of a started server against the documented responses ------------------------------------

  @Test
  void answersOfAStartedServerMatchTheDocument(@TempDir Path dir) throws Exception {
    String admin = "openapi-test-admin-key-0001";
    String unknown = "0193c2c3-1111-7aaa-8bbb-000000000001";
    try (TestServer s = TestServer.start(dir, Map.of("PLATEN_ADMIN_KEY", admin))) {
      String key = s.liveKey;

      Res openapi = s.get("/openapi.yaml", null);
      assertThat(openapi.status()).isEqualTo(200);
      try (InputStream in = OpenApiTest.class.getResourceAsStream("/openapi.yaml")) {
        assertThat(openapi.body()).as("served document is the shipped one").isEqualTo(in.readAllBytes());
      }
      assertThat(openapi.header("Content-Type")).startsWith("application/yaml");

      matches("GET", "/health", s.get("/health", null), 200);
      matches("GET", "/ready", s.get("/ready", null), 200);
      matches("GET", "/metrics", s.get("/metrics", null), 200);
      matches("GET", "/docs", s.get("/docs", null), 200);
      matches("GET", "/docs/{file}", s.get("/docs/swagger-ui.css", null), 200);
      matches("GET", "/docs/{file}", s.get("/docs/nothing.js", null), 404);
      matches("GET", "/v1/templates", s.get("/v1/templates", key), 200);
      matches("GET", "/v1/templates", s.get("/v1/templates", null), 401);
      matches("GET", "/v1/templates", s.get("/v1/templates", "ck_live_unknown00000000000000"), 401);
      matches("GET", "/v1/templates/{slug}", s.get("/v1/templates/nope", key), 404);
      matches("DELETE", "/v1/templates/{slug}", s.delete("/v1/templates/nope", key), 404);
      matches("GET", "/v1/templates/{slug}/versions", s.get("/v1/templates/nope/versions", key), 404);
      matches("GET", "/v1/templates/{slug}/versions/{n}", s.get("/v1/templates/nope/versions/1", key), 404);
      matches("POST", "/v1/templates", s.postRaw("/v1/templates", key, "{".getBytes()), 400);
      matches("POST", "/v1/templates/{slug}/render", s.post("/v1/templates/nope/render", key,
          Map.of("data", Map.of())), 404);
      matches("POST", "/v1/templates/{slug}/render", s.post("/v1/templates/nope/render", key,
          Map.of("options", Map.of("versionNumber", 0))), 400);
      matches("POST", "/v1/templates/{slug}/render", s.postRaw("/v1/templates/nope/render", key,
          "{\"data\":{}} []".getBytes()), 400);
      matches("GET", "/v1/renders", s.get("/v1/renders", key), 200);
      matches("GET", "/v1/renders", s.get("/v1/renders?limit=0", key), 400);
      matches("GET", "/v1/renders/{id}", s.get("/v1/renders/" + unknown, key), 404);
      matches("GET", "/v1/renders/{id}", s.get("/v1/renders/not-a-uuid", key), 404);
      matches("GET", "/v1/renders/{id}/download", s.get("/v1/renders/" + unknown + "/download", key), 404);
      matches("POST", "/v1/renders/{id}/cancel", s.post("/v1/renders/" + unknown + "/cancel", key, Map.of()), 404);
      matches("GET", "/v1/embed/renders/{id}/download", s.get("/v1/embed/renders/" + unknown + "/download", key),
          404);
      matches("GET", "/v1/embed/renders/{id}/download", s.get("/v1/embed/renders/" + unknown + "/download", null),
          401);
      matches("GET", "/files/{id}/{token}/{filename}", s.get("/files/" + unknown + "/token/x.pdf", null), 404);


      Map<String, String> org = Map.of("externalOrgId", "openapi-org", "name", "OpenAPI Org");
      Res first = s.post("/v1/admin/provision", admin, org);
      matches("POST", "/v1/admin/provision", first, 201);
      Res again = s.post("/v1/admin/provision", admin, org);
      matches("POST", "/v1/admin/provision", again, 200);
      assertThat(again.json().path("apiKey").asString()).isEqualTo(first.json().path("apiKey").asString());
      matches("POST", "/v1/admin/provision", s.post("/v1/admin/provision", key, org), 401);
      matches("POST", "/v1/admin/provision", s.post("/v1/admin/provision", admin, Map.of("name", "x")), 400);
      matches("GET", "/v1/templates", s.get("/v1/templates", first.json().path("apiKey").asString()), 200);
    }
  }

  /** The introduction promises the envelope for these too: they are answered outside every operation. */
  @Test
  void unknownPathsAndMethodsAnswerTheEnvelope(@TempDir Path dir) {
    try (TestServer s = TestServer.start(dir)) {
      Schema envelope = schema(doc.at("/components/schemas/Error"));
      Res noRoute = s.get("/v1/nothing-here", s.liveKey);
      assertThat(noRoute.status()).isEqualTo(404);
      assertThat(noRoute.header("Content-Type")).as(noRoute.text()).startsWith("application/json");
      assertThat(envelope.validate(noRoute.json())).isEmpty();
      assertThat(noRoute.errorCode()).isEqualTo("not_found");

      Res noMethod = s.delete("/v1/renders/0193c2c3-1111-7aaa-8bbb-000000000001", s.liveKey);
      assertThat(noMethod.status()).isEqualTo(405);
      assertThat(noMethod.header("Content-Type")).as(noMethod.text()).startsWith("application/json");
      assertThat(envelope.validate(noMethod.json())).isEmpty();
      assertThat(noMethod.errorCode()).isEqualTo("method_not_allowed");
    }
  }

  @Test
  void adminOperationIsNotFoundWhenTheAdminKeyIsUnset(@TempDir Path dir) throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      matches("POST", "/v1/admin/provision", s.post("/v1/admin/provision", "whatever",
          Map.of("externalOrgId", "x")), 404);
    }
  }

  /** Asserts {@code res} has {@code status}, that the operation documents it, and that the body fits its schema. */
  static void matches(String method, String path, Res res, int status) {
    if (doc == null) {
      try {
        load(); // called from another test class
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    String op = method + " " + path;
    assertThat(res.status()).as("%s answered %s", op, res.text()).isEqualTo(status);
    JsonNode operation = operations().get(op);
    assertThat(operation).as("%s is documented", op).isNotNull();
    JsonNode response = operation.path("responses").path(String.valueOf(status));
    assertThat(response.isMissingNode()).as("%s documents status %d", op, status).isFalse();
    JsonNode content = resolve(response).path("content");
    String type = res.header("Content-Type");
    assertThat(type).as("%s %d content type", op, status).isNotNull();
    String mediaType = type.split(";")[0].trim();
    assertThat(content.has(mediaType)).as("%s %d documents %s", op, status, mediaType).isTrue();
    if (!mediaType.equals("application/json")) return;
    List<com.networknt.schema.Error> errors = schema(content.path(mediaType).path("schema")).validate(res.json());
    assertThat(errors).as("%s %d body %s against the documented schema", op, status, res.text()).isEmpty();
  }

  private static final Map<JsonNode, Schema> SCHEMAS = new HashMap<>();
  /** OpenAPI 3.1's schema dialect, told that the {@code components} carried next to a schema is not a keyword. */
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
      Dialect.builder(Dialects.getOpenApi31()).keyword(new NonValidationKeyword("components")).build());

  /**
   * A validator for one schema of the document: the schema node becomes the root of a small document that also
   * carries {@code components}, so the document's own {@code #/components/...} references resolve unchanged.
   */
  private static synchronized Schema schema(JsonNode node) {
    return SCHEMAS.computeIfAbsent(node, n -> {
      ObjectNode root = ((ObjectNode) n).deepCopy();
      root.set("components", doc.path("components"));
      return REGISTRY.getSchema(root);
    });
  }
}
