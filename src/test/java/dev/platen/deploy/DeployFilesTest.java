package dev.platen.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.config.Config;
import dev.platen.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The files under {@code deploy/}, which no container engine runs here: each is parsed, every environment a
 * Platen process would get from it goes through {@link Config#from} (so a misspelt name or a bad value fails here,
 * not in production), and every probe path they name answers on a started server.
 */
class DeployFilesTest {
  static final Path DEPLOY = Path.of("deploy");
  static final YAMLMapper YAML = YAMLMapper.builder().build();
  static final Pattern PLATEN_NAME = Pattern.compile("PLATEN_[A-Z0-9_]+");

  @TempDir Path dir;

  // ---- Dockerfile

  /** Instructions with their continuation lines joined, comments dropped. */
  static List<String[]> dockerfile() {
    List<String[]> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : read(DEPLOY.resolve("Dockerfile")).split("\n")) {
      String t = line.strip();
      if (t.startsWith("#") || (t.isEmpty() && current.isEmpty())) continue;
      boolean continues = t.endsWith("\\");
      current.append(continues ? t.substring(0, t.length() - 1) : t).append(' ');
      if (!continues) {
        String s = current.toString().strip();
        int space = s.indexOf(' ');
        out.add(new String[] {s.substring(0, space).toUpperCase(), s.substring(space + 1).strip()});
        current.setLength(0);
      }
    }
    return out;
  }

  static List<String> instructions(String name) {
    return dockerfile().stream().filter(i -> i[0].equals(name)).map(i -> i[1]).toList();
  }

  @Test
  void dockerfileBuildsInOneStageAndRunsOnAJreAsNonRootWithAHealthcheckAndAVolume() {
    List<String> from = instructions("FROM");
    assertThat(from).hasSizeGreaterThanOrEqualTo(2);
    assertThat(from.get(0)).contains("maven").endsWith(" AS build");
    assertThat(from.get(from.size() - 1)).matches("eclipse-temurin:25-jre.*");
    List<String> user = instructions("USER");
    assertThat(user).isNotEmpty();
    assertThat(user.get(user.size() - 1)).doesNotStartWith("0").doesNotStartWith("root");
    assertThat(instructions("VOLUME")).containsExactly("/var/lib/platen");
    assertThat(instructions("HEALTHCHECK")).singleElement().asString().contains("CMD curl").contains("/health");
    String copied = instructions("COPY").stream().filter(c -> c.startsWith("--from=build")).findFirst().orElseThrow();
    String jar = copied.substring(copied.lastIndexOf(' ') + 1);
    assertThat(instructions("ENTRYPOINT")).singleElement().asString().contains("\"" + jar + "\"");
    Map<String, String> env = dockerEnv();
    assertThat(env).containsEntry("PLATEN_DATA_DIR", "/var/lib/platen");
    assertThat(Config.from(env).dataDir()).isEqualTo(Path.of("/var/lib/platen"));
  }

  static Map<String, String> dockerEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String e : instructions("ENV")) {
      Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)").matcher(e);
      while (m.find()) env.put(m.group(1), m.group(2).replace("\"", ""));
    }
    return env;
  }

  // ---- compose.yaml

  static JsonNode compose() {
    return yaml(DEPLOY.resolve("compose.yaml")).get(0);
  }

  /** The environment compose gives a service: its env_file entries, then its environment, interpolated. */
  static Map<String, String> composeEnv(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode f : service.path("env_file")) env.putAll(envFile(DEPLOY.resolve(f.asString())));
    JsonNode e = service.path("environment");
    if (e.isObject()) {
      for (var field : e.properties()) env.put(field.getKey(), interpolate(field.getValue().asString()));
    } else {
      for (JsonNode item : e) {
        String[] kv = item.asString().split("=", 2);
        env.put(kv[0], interpolate(kv.length > 1 ? kv[1] : ""));
      }
    }
    return env;
  }

  /** Compose's ${VAR:-default} gives the default; ${VAR:?message} a value the operator must supply. */
  static String interpolate(String value) {
    Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::-([^}]*)|:\\?[^}]*)?}").matcher(value);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String replacement = m.group(2) != null ? m.group(2) : "supplied-" + m.group(1).toLowerCase();
      m.appendReplacement(b, Matcher.quoteReplacement(replacement));
    }
    return m.appendTail(b).toString();
  }

  @Test
  void composeRunsTwoApiAndTwoWorkersOnPostgresAndS3BehindTheLoadBalancer() {
    JsonNode services = compose().path("services");
    Map<String, List<String>> byRole = new HashMap<>();
    for (var s : services.properties()) {
      Map<String, String> env = composeEnv(s.getValue());
      if (!env.containsKey("PLATEN_ROLE")) continue;
      Config c = Config.from(env);
      byRole.computeIfAbsent(c.role().name(), k -> new ArrayList<>()).add(s.getKey());
      assertThat(c.usesPostgres()).as(s.getKey()).isTrue();
      assertThat(c.databaseUrl()).isEqualTo("jdbc:postgresql://postgres:5432/platen");
      assertThat(c.databasePassword()).isEqualTo("supplied-postgres_password");
      assertThat(c.blobStore()).isEqualTo(Config.BlobStoreKind.S3);
      assertThat(c.s3().endpoint()).startsWith("http://s3:");
      assertThat(c.s3().accessKey()).isEqualTo("supplied-s3_access_key");
      assertThat(s.getValue().path("depends_on").has("postgres")).as(s.getKey()).isTrue();
    }
    assertThat(byRole.get("API")).containsExactlyInAnyOrder("api-1", "api-2");
    assertThat(byRole.get("WORKER")).containsExactlyInAnyOrder("worker-1", "worker-2");
    assertThat(services.path("postgres").path("image").asString()).startsWith("postgres:");
    assertThat(services.path("postgres").path("environment").path("POSTGRES_DB").asString()).isEqualTo("platen");
    // the store's credentials are the ones Platen signs with
    assertThat(services.path("s3").path("environment").path("S3PROXY_IDENTITY").asString())
        .isEqualTo("${S3_ACCESS_KEY:?set S3_ACCESS_KEY}");
    JsonNode lb = services.path("lb");
    assertThat(lb.path("volumes").get(0).asString()).startsWith("./Caddyfile:");
    assertThat(caddyUpstreams()).containsExactlyInAnyOrder("api-1:8080", "api-2:8080");
  }

  static List<String> caddyUpstreams() {
    Matcher m = Pattern.compile("reverse_proxy ([^{]+)\\{").matcher(read(DEPLOY.resolve("Caddyfile")));
    assertThat(m.find()).isTrue();
    return List.of(m.group(1).strip().split("\\s+"));
  }

  // ---- systemd

  /** Section → directives, repeated ones in order; backslash continuations are not used in the unit. */
  static Map<String, List<String[]>> unit() {
    Map<String, List<String[]>> sections = new LinkedHashMap<>();
    String section = null;
    for (String line : read(DEPLOY.resolve("platen.service")).split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) continue;
      if (t.startsWith("[")) {
        section = t.substring(1, t.length() - 1);
        sections.put(section, new ArrayList<>());
        continue;
      }
      assertThat(section).as("directive outside a section: " + t).isNotNull();
      assertThat(t).as("not a Key=value line").contains("=");
      sections.get(section).add(t.split("=", 2));
    }
    return sections;
  }

  static String directive(List<String[]> section, String key) {
    return section.stream().filter(d -> d[0].equals(key)).map(d -> d[1]).reduce((a, b) -> b).orElse(null);
  }

  @Test
  void systemdUnitRunsTheJarUnprivilegedAndHardened() {
    Map<String, List<String[]>> unit = unit();
    assertThat(unit).containsOnlyKeys("Unit", "Service", "Install");
    List<String[]> service = unit.get("Service");
    assertThat(directive(service, "User")).isEqualTo("platen");
    assertThat(directive(service, "ExecStart")).startsWith("/usr/bin/java ").endsWith("-jar /opt/platen/platen.jar");
    assertThat(directive(service, "Restart")).isEqualTo("on-failure");
    Map<String, String> hardening = Map.of("NoNewPrivileges", "yes", "ProtectSystem", "strict", "ProtectHome", "yes",
        "PrivateTmp", "yes", "PrivateDevices", "yes", "CapabilityBoundingSet", "", "RestrictSUIDSGID", "yes",
        "SystemCallFilter", "@system-service");
    hardening.forEach((k, v) -> assertThat(directive(service, k)).as(k).isEqualTo(v));
    // the JIT compiler needs writable, executable memory
    assertThat(directive(service, "MemoryDenyWriteExecute")).isNotEqualTo("yes");
    assertThat(directive(service, "StateDirectory")).isEqualTo("platen");
    assertThat(directive(service, "EnvironmentFile")).isEqualTo("/etc/platen/platen.env");

    Map<String, String> env = new LinkedHashMap<>(envFile(DEPLOY.resolve("platen.env")));
    service.stream().filter(d -> d[0].equals("Environment")).forEach(d -> {
      for (String assignment : d[1].split("\\s+")) {
        String[] kv = assignment.replace("\"", "").split("=", 2);
        env.put(kv[0], kv[1]);
      }
    });
    Config c = Config.from(env);
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/platen"));
    assertThat(c.role()).isEqualTo(Config.Role.API);
    assertThat(c.usesPostgres()).isTrue();
    assertThat(c.blobStore()).isEqualTo(Config.BlobStoreKind.S3);
  }

  // ---- Kubernetes

  static List<JsonNode> kubernetes() {
    List<JsonNode> all = new ArrayList<>();
    for (Path f : files(DEPLOY.resolve("kubernetes"))) {
      if (!f.getFileName().toString().equals("kustomization.yaml")) all.addAll(yaml(f));
    }
    return all;
  }

  static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
    return docs.stream().filter(d -> d.path("kind").asString().equals(kind)).toList();
  }

  static JsonNode named(List<JsonNode> docs, String kind, String name) {
    return ofKind(docs, kind).stream().filter(d -> d.path("metadata").path("name").asString().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  /** What the container's process sees: its envFrom sources, then its env, as Kubernetes applies them. */
  static Map<String, String> containerEnv(List<JsonNode> docs, JsonNode container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode from : container.path("envFrom")) {
      if (from.has("configMapRef")) {
        named(docs, "ConfigMap", from.path("configMapRef").path("name").asString()).path("data").properties()
            .forEach(e -> env.put(e.getKey(), e.getValue().asString()));
      }
      if (from.has("secretRef")) {
        named(docs, "Secret", from.path("secretRef").path("name").asString()).path("stringData").properties()
            .forEach(e -> env.put(e.getKey(), e.getValue().asString()));
      }
    }
    for (JsonNode e : container.path("env")) env.put(e.path("name").asString(), e.path("value").asString());
    return env;
  }

  @Test
  void kubernetesRunsApiAndWorkersWithProbesResourcesSecretsAndDisruptionBudgets() {
    List<JsonNode> docs = kubernetes();
    List<String> kustomized = new ArrayList<>();
    yaml(DEPLOY.resolve("kubernetes/kustomization.yaml")).get(0).path("resources")
        .forEach(r -> kustomized.add(r.asString()));
    assertThat(kustomized).containsExactlyInAnyOrderElementsOf(files(DEPLOY.resolve("kubernetes")).stream()
        .map(p -> p.getFileName().toString()).filter(n -> !n.equals("kustomization.yaml")).toList());

    Map<Config.Role, JsonNode> byRole = new HashMap<>();
    for (JsonNode d : ofKind(docs, "Deployment")) {
      JsonNode pod = d.path("spec").path("template");
      assertThat(pod.path("metadata").path("labels").properties())
          .as("the selector picks the pods").containsAll(d.path("spec").path("selector").path("matchLabels").properties());
      JsonNode container = pod.path("spec").path("containers").get(0);
      Config c = Config.from(containerEnv(docs, container));
      byRole.put(c.role(), d);
      assertThat(c.usesPostgres()).isTrue();
      assertThat(c.databasePassword()).isNotBlank();
      assertThat(c.blobStore()).isEqualTo(Config.BlobStoreKind.S3);
      assertThat(c.bootstrapKey()).startsWith("ck_live_");
      assertThat(container.path("livenessProbe").path("httpGet").path("path").asString()).isEqualTo("/health");
      assertThat(container.path("readinessProbe").path("httpGet").path("path").asString()).isEqualTo("/ready");
      assertThat(container.path("resources").path("requests").has("cpu")).isTrue();
      assertThat(container.path("resources").path("requests").has("memory")).isTrue();
      assertThat(container.path("resources").path("limits").has("memory")).isTrue();
      assertThat(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
      assertThat(pod.path("spec").path("terminationGracePeriodSeconds").asInt()).isGreaterThan(20);
    }
    assertThat(byRole).containsOnlyKeys(Config.Role.API, Config.Role.WORKER);

    JsonNode apiPods = byRole.get(Config.Role.API).path("spec").path("template").path("metadata").path("labels");
    JsonNode service = ofKind(docs, "Service").get(0);
    assertThat(apiPods.properties()).containsAll(service.path("spec").path("selector").properties());
    assertThat(service.path("spec").path("ports").get(0).path("targetPort").asString()).isEqualTo("http");

    List<JsonNode> budgets = ofKind(docs, "PodDisruptionBudget");
    assertThat(budgets).hasSize(2);
    for (Config.Role role : List.of(Config.Role.API, Config.Role.WORKER)) {
      JsonNode labels = byRole.get(role).path("spec").path("template").path("metadata").path("labels");
      assertThat(budgets).as(role + " has a budget").anyMatch(b -> labels.properties()
          .containsAll(b.path("spec").path("selector").path("matchLabels").properties()));
    }
    assertThat(ofKind(docs, "Secret")).singleElement()
        .satisfies(s -> assertThat(s.path("stringData").has("PLATEN_DATABASE_PASSWORD")).isTrue());
  }

  // ---- across all files

  /** Every PLATEN_* name written anywhere under deploy/, comments included, is one Config reads. */
  @Test
  void everyPlatenVariableNamedInDeploymentFilesIsOneConfigReads() {
    Set<String> named = new TreeSet<>();
    for (Path f : files(DEPLOY)) {
      Matcher m = PLATEN_NAME.matcher(read(f));
      while (m.find()) named.add(m.group());
    }
    assertThat(named).contains("PLATEN_ROLE", "PLATEN_DATABASE_URL", "PLATEN_S3_SECRET_KEY", "PLATEN_DATA_DIR");
    assertThat(Config.variables()).containsAll(named);
  }

  /** The check above is only as good as the list: it holds the names the README documents. */
  @Test
  void configListsTheVariablesTheReadmeDocuments() {
    Set<String> documented = new TreeSet<>();
    Matcher m = Pattern.compile("^\\| `(PLATEN_[^|]+)\\|", Pattern.MULTILINE).matcher(read(Path.of("README.md")));
    while (m.find()) {
      Matcher name = PLATEN_NAME.matcher(m.group(1));
      while (name.find()) documented.add(name.group());
    }
    assertThat(documented).hasSizeGreaterThan(15);
    assertThat(Config.variables()).containsAll(documented);
  }

  /** Health checks, probes and the load balancer's health URI all name paths a started server answers. */
  @Test
  void everyProbePathAnswersOnAStartedServer() {
    Set<String> paths = new TreeSet<>();
    Matcher docker = Pattern.compile("http://[^/ ]+(/[^ ]*)").matcher(instructions("HEALTHCHECK").get(0));
    assertThat(docker.find()).isTrue();
    paths.add(docker.group(1));
    for (JsonNode d : ofKind(kubernetes(), "Deployment")) {
      for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
          if (c.has(probe)) paths.add(c.path(probe).path("httpGet").path("path").asString());
        }
      }
    }
    Matcher caddy = Pattern.compile("health_uri (\\S+)").matcher(read(DEPLOY.resolve("Caddyfile")));
    assertThat(caddy.find()).isTrue();
    paths.add(caddy.group(1));
    assertThat(paths).contains("/health", "/ready");

    try (TestServer s = TestServer.start(dir)) {
      Map<String, Integer> answers = new LinkedHashMap<>();
      for (String p : paths) answers.put(p, s.get(p, null).status());
      assertThat(answers).allSatisfy((path, status) -> assertThat(status).as(path).isEqualTo(200));
    }
  }

  // ---- helpers

  static Map<String, String> envFile(Path f) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : read(f).split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) continue;
      String[] kv = t.split("=", 2);
      assertThat(kv).as(f + ": " + t).hasSize(2);
      env.put(kv[0], kv[1]);
    }
    return env;
  }

  static List<JsonNode> yaml(Path f) {
    List<JsonNode> docs = new ArrayList<>();
    try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(read(f))) {
      while (it.hasNext()) {
        JsonNode d = it.next();
        if (d != null && !d.isNull() && !d.isMissingNode()) docs.add(d);
      }
    }
    assertThat(docs).as(f.toString()).isNotEmpty();
    return docs;
  }

  static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
