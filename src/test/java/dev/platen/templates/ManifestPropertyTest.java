package dev.platen.templates;

import static dev.platen.templates.Json.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.errors.PlatenException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random manifests with matching random data: the server's validator, the published draft-07 schema (checked
 * by an independent validator) and the manifest's wire form must all agree.
 */
class ManifestPropertyTest {
  static final int CASES = 300;
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final String[] SEGMENTS = {"customer", "name", "address", "city", "total", "items", "line", "_id", "x1",
      "Due_Date", "a", "b", "meta"};

  @Test
  void validatorSchemaAndWireFormAgree() {
    Random random = new Random(424242);
    int drops = 0;
    for (int n = 0; n < CASES; n++) {
      Manifest manifest = randomManifest(random);
      String context = "case " + n + ": " + manifest.toJson();

      assertThat(Manifest.parse(manifest.toJson(), "manifest")).as(context).isEqualTo(manifest);

      ObjectNode data = randomData(random, manifest);
      ObjectNode cleaned = DataValidator.validate(manifest, data);
      ObjectNode schema = JsonSchemas.draft07(manifest);
      assertThat(Draft07.errors(schema, cleaned)).as(context + "\ncleaned " + cleaned).isEmpty();
      assertThat(DataValidator.validate(manifest, cleaned)).as("validating cleaned data changes nothing")
          .isEqualTo(cleaned);
      assertThat(leafPaths(cleaned)).as(context).allMatch(path -> isDeclared(manifest, path));

      List<String> required = requiredPaths(manifest, cleaned);
      if (required.isEmpty()) continue;
      String path = required.get(random.nextInt(required.size()));
      // why: dropping the whole group as well checks that a group holding a required key is itself required.
      String dropped = random.nextBoolean() ? path : outermostGroup(manifest, path);
      remove(data, dropped);
      PlatenException e = thrown(() -> DataValidator.validate(manifest, data));
      assertThat(e.code()).isEqualTo("invalid_input_data");
      assertThat(e.issues().fieldErrors()).as(context + "\ndropped " + dropped).containsEntry(path, List.of("Required"));
      remove(cleaned, dropped);
      assertThat(Draft07.errors(schema, cleaned)).as(context + "\ndropped " + dropped).isNotEmpty();
      drops++;
    }
    assertThat(drops).as("cases that dropped a required field").isGreaterThan(CASES / 2);
  }

  // ---- manifests

  static Manifest randomManifest(Random r) {
    List<VariableDef> variables = randomFields(r, r.nextInt(12));
    List<String> topLevel = new ArrayList<>(variables.stream().map(v -> v.key().split("\\.")[0]).toList());
    List<LoopDef> loops = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      String key = SEGMENTS[r.nextInt(SEGMENTS.length)] + (r.nextBoolean() ? "" : "List");
      if (topLevel.contains(key)) continue;
      topLevel.add(key);
      loops.add(new LoopDef(key, "Loop " + key, randomFields(r, 1 + r.nextInt(5))));
    }
    return new Manifest(variables, loops);
  }

  /** Up to {@code count} fields whose keys never clash (equal, or one nesting inside the other). */
  static List<VariableDef> randomFields(Random r, int count) {
    List<VariableDef> fields = new ArrayList<>();
    while (fields.size() < count) {
      StringBuilder key = new StringBuilder(SEGMENTS[r.nextInt(SEGMENTS.length)]);
      for (int depth = r.nextInt(3); depth > 0; depth--) key.append('.').append(SEGMENTS[r.nextInt(SEGMENTS.length)]);
      String k = key.toString();
      if (fields.stream().anyMatch(f -> clash(f.key(), k))) {
        if (r.nextInt(4) == 0) count--;
        continue;
      }
      DataType type = DataType.values()[r.nextInt(DataType.values().length)];
      String label = r.nextBoolean() ? "Label of " + k : null;
      String format = type == DataType.CURRENCY && r.nextBoolean() ? "currency:EUR" : null;
      fields.add(new VariableDef(k, label, type, r.nextBoolean(), format));
    }
    return fields;
  }

  static boolean clash(String a, String b) {
    return a.equals(b) || a.startsWith(b + ".") || b.startsWith(a + ".");
  }

  // ---- data

  static ObjectNode randomData(Random r, Manifest manifest) {
    ObjectNode data = NODES.objectNode();
    fill(r, data, manifest.variables());
    for (LoopDef loop : manifest.loops()) {
      if (r.nextInt(5) == 0) continue;
      ArrayNode items = data.putArray(loop.key());
      for (int i = r.nextInt(5); i > 0; i--) fill(r, items.addObject(), loop.itemFields());
    }
    if (r.nextBoolean()) data.put("unknown", 1);
    if (r.nextBoolean()) data.putObject("__proto__").put("polluted", true);
    return data;
  }

  static void fill(Random r, ObjectNode target, List<VariableDef> fields) {
    for (VariableDef f : fields) {
      if (!f.required() && r.nextInt(3) == 0) {
        if (r.nextBoolean()) put(target, f.key(), NODES.nullNode());
        continue;
      }
      put(target, f.key(), randomValue(r, f.dataType()));
    }
    if (r.nextInt(4) == 0) target.put("extra_" + r.nextInt(100), "ignored");
  }

  static void put(ObjectNode target, String key, JsonNode value) {
    String[] segments = key.split("\\.");
    ObjectNode object = target;
    for (int i = 0; i < segments.length - 1; i++) {
      JsonNode child = object.get(segments[i]);
      object = child instanceof ObjectNode o ? o : object.putObject(segments[i]);
      if (i == 0 && object.isEmpty() && segments.length > 2) object.put("stray", true);
    }
    object.set(segments[segments.length - 1], value);
  }

  static JsonNode randomValue(Random r, DataType type) {
    return switch (type) {
      case TEXT, LONGTEXT -> NODES.stringNode(randomText(r));
      case NUMBER, CURRENCY -> switch (r.nextInt(5)) {
        case 0 -> NODES.numberNode(r.nextInt());
        // valid data stays within ±1e15 (ValueRules), so longs and doubles are drawn from that range
        case 1 -> NODES.numberNode(r.nextLong() % 1_000_000_000_000_000L);
        case 2 -> NODES.numberNode((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(26) - 10));
        case 3 -> NODES.stringNode(String.valueOf(r.nextInt(100_000) - 50_000));
        default -> NODES.stringNode(" " + (r.nextInt(10_000) / 100.0) + " ");
      };
      case BOOLEAN -> r.nextBoolean() ? NODES.booleanNode(r.nextBoolean())
          : NODES.stringNode(String.valueOf(r.nextBoolean()));
      case DATE -> NODES.stringNode(randomDate(r).toString());
      case DATETIME -> NODES.stringNode(randomDate(r) + String.format("T%02d:%02d:%02d", r.nextInt(24), r.nextInt(60),
          r.nextInt(60)) + (r.nextBoolean() ? "." + (100 + r.nextInt(900)) : "")
          + (r.nextBoolean() ? "Z" : String.format("%s%02d:%02d", r.nextBoolean() ? "+" : "-", r.nextInt(15), 15 * r.nextInt(4))));
      case IMAGE, URL -> NODES.stringNode((r.nextBoolean() ? "https" : "http") + "://"
          + (r.nextBoolean() ? "cdn.example.com" : "img" + r.nextInt(9) + ".example.org:8443")
          + "/path/" + r.nextInt(1000) + (r.nextBoolean() ? ".png?size=large&v=" + r.nextInt(9) : ""));
      case EMAIL -> NODES.stringNode("user." + r.nextInt(1000) + (r.nextBoolean() ? "+tag" : "") + "@"
          + (r.nextBoolean() ? "example.com" : "mail.example.co.uk"));
    };
  }

  static String randomText(Random r) {
    StringBuilder s = new StringBuilder();
    String alphabet = "abc XYZ 019 <>&\"'{}éß日本\n\t";
    for (int i = r.nextInt(20); i > 0; i--) s.append(alphabet.charAt(r.nextInt(alphabet.length())));
    return s.toString();
  }

  static LocalDate randomDate(Random r) {
    return LocalDate.of(1900, 1, 1).plusDays(r.nextInt(200 * 366));
  }

  // ---- paths

  /** Required paths present in the cleaned data: variables, and item fields of items that exist. */
  static List<String> requiredPaths(Manifest manifest, ObjectNode cleaned) {
    List<String> paths = new ArrayList<>();
    manifest.variables().stream().filter(VariableDef::required).forEach(v -> paths.add(v.key()));
    for (LoopDef loop : manifest.loops()) {
      for (int i = 0; i < cleaned.get(loop.key()).size(); i++) {
        for (VariableDef f : loop.itemFields()) {
          if (f.required()) paths.add(loop.key() + "." + i + "." + f.key());
        }
      }
    }
    return paths;
  }

  /** The first key segment of a path ("customer" for customer.name; "items.3.product" for items.3.product.sku). */
  static String outermostGroup(Manifest manifest, String path) {
    String[] segments = path.split("\\.");
    boolean inLoop = manifest.loops().stream().anyMatch(l -> l.key().equals(segments[0]));
    return inLoop ? String.join(".", segments[0], segments[1], segments[2]) : segments[0];
  }

  static void remove(JsonNode root, String path) {
    String[] segments = path.split("\\.");
    JsonNode node = root;
    for (int i = 0; i < segments.length - 1; i++) {
      node = node.isArray() ? node.get(Integer.parseInt(segments[i])) : node.get(segments[i]);
    }
    ((ObjectNode) node).remove(segments[segments.length - 1]);
  }

  static List<String> leafPaths(ObjectNode cleaned) {
    List<String> paths = new ArrayList<>();
    collect(cleaned, "", paths);
    return paths;
  }

  static void collect(JsonNode node, String prefix, List<String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        collect(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out);
      }
    } else if (node.isArray()) {
      out.add(prefix);
      for (int i = 0; i < node.size(); i++) collect(node.get(i), prefix + "[]", out);
    } else {
      out.add(prefix);
    }
  }

  static boolean isDeclared(Manifest manifest, String path) {
    if (manifest.variables().stream().anyMatch(v -> v.key().equals(path))) return true;
    for (LoopDef loop : manifest.loops()) {
      if (path.equals(loop.key())) return true;
      String item = loop.key() + "[].";
      if (path.startsWith(item) && loop.itemFields().stream().anyMatch(f -> path.equals(item + f.key()))) return true;
    }
    return false;
  }
}
