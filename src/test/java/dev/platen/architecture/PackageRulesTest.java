package dev.platen.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import dev.platen.errors.PlatenException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The allowed arrows between the top-level packages under {@code dev.platen}, checked on the compiled classes
 * (so fully qualified names and types reached only through a call chain count too, not just import lines).
 */
class PackageRulesTest {

  /**
   * Which top-level packages each one may use. A package includes its sub-packages ({@code render} covers
   * {@code render.direct}, {@code render.handlebars}, …). Nobody may use the composition root
   * ({@code dev.platen.App}, {@code dev.platen.Platen}); it may use everything.
   */
  static final Map<String, String[]> ALLOWED = new TreeMap<>(Map.ofEntries(
      Map.entry("api", deps("auth", "blob", "errors", "jobs", "mail", "metrics", "sharing", "store", "templates",
          "webhooks")),
      Map.entry("auth", deps("errors", "store")),
      // operator commands: the server's own parsing, engine and stores, used offline; the root hands them in; key
      // recovery mints keys as the server does (auth)
      Map.entry("cli", deps("api", "auth", "blob", "config", "errors", "jobs", "render", "store", "templates")),
      Map.entry("blob", deps()),
      Map.entry("config", deps()),
      Map.entry("errors", deps()),
      Map.entry("jobs", deps("blob", "render", "errors", "metrics")),
      // an SMTP client and nothing of Platen: what goes in a mail is the caller's business
      Map.entry("mail", deps()),
      // a leaf: the queue and the HTTP layer report to it, it knows nothing of renders or routes
      Map.entry("metrics", deps()),
      // which addresses are public: shared by image fetches and webhook deliveries, so it belongs to neither
      Map.entry("net", deps()),
      Map.entry("render", deps("errors", "net")),
      // shares and engagement keep their own SQL beside the store's (Database, Ids), send through mail, read PDFs
      // from blob, and report outcomes; api picks the HTTP answer
      Map.entry("sharing", deps("blob", "mail", "store")),
      // SQLite keeps small PDFs beside their renders (store.DatabasePdfs is a blob store)
      Map.entry("store", deps("blob", "errors", "jobs")),
      Map.entry("templates", deps("errors", "render")),
      // the dashboard: pages over the API's own services; it hands its routes to api's one table and borrows the
      // API's render shapes, so api never depends on it
      Map.entry("web", deps("api", "auth", "blob", "errors", "jobs", "sharing", "store", "webhooks")),
      // the start-up warm-up's client: it knows the API only as HTTP, and the log only as logback
      Map.entry("warmup", deps()),
      // subscriptions, the outbox fan-out and sending; it reads renders only through the transition listener
      Map.entry("webhooks", deps("jobs", "metrics", "net", "store"))));

  static final String ROOT = "composition root";

  static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.platen");

  private static String[] deps(String... packages) { return packages; }

  @Test
  void packagesOnlyDependOnWhatTheyMay() {
    LayeredArchitecture arch = layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        // a new top-level package fails here until it has a row in ALLOWED
        .ensureAllClassesAreContainedInArchitecture()
        .layer(ROOT).definedBy("dev.platen");
    for (String pkg : ALLOWED.keySet()) arch = arch.layer(pkg).definedBy("dev.platen." + pkg + "..");
    arch = arch.whereLayer(ROOT).mayNotBeAccessedByAnyLayer();
    for (var e : ALLOWED.entrySet()) {
      arch = e.getValue().length == 0
          ? arch.whereLayer(e.getKey()).mayNotAccessAnyLayer()
          : arch.whereLayer(e.getKey()).mayOnlyAccessLayers(e.getValue());
    }
    arch.check(MAIN);
  }

  @Test
  void onlyAppAndPlatenLiveInTheRootPackage() {
    classes().that().resideInAPackage("dev.platen")
        .should().haveNameMatching("dev\\.platen\\.(App|Platen)(\\$.*)?")
        .check(MAIN);
  }

  @Test
  void topLevelPackagesHaveNoCycles() {
    slices().matching("dev.platen.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  /**
   * One slice per package under render, the root package included: {@code render.(*)..} would leave
   * {@code dev.platen.render} itself out and so miss a cycle between it and one of its sub-packages.
   */
  @Test
  void renderPackagesHaveNoCycles() {
    slices().matching("dev.platen.(render..)").should().beFreeOfCycles().check(MAIN);
  }

  /**
   * The map of {@code render}: the root holds the shared model and interfaces and uses none of its sub-packages;
   * images, fonts and Handlebars are leaves the two engines share; the direct engine borrows the HTML engine's
   * measurements so both lay out alike.
   */
  static final Map<String, String[]> RENDER = new TreeMap<>(Map.of(
      "render", deps(),
      "render.handlebars", deps("render"),
      "render.images", deps("render"),
      "render.pdf", deps("render"),
      "render.html", deps("render", "render.handlebars", "render.images", "render.pdf"),
      "render.direct", deps("render", "render.html", "render.images", "render.pdf")));

  @Test
  void renderSubPackagesOnlyDependOnWhatTheyMay() {
    LayeredArchitecture arch = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("render").definedBy("dev.platen.render");
    for (String pkg : RENDER.keySet()) {
      if (!pkg.equals("render")) arch = arch.layer(pkg).definedBy("dev.platen." + pkg + "..");
    }
    for (var e : RENDER.entrySet()) {
      arch = e.getValue().length == 0
          ? arch.whereLayer(e.getKey()).mayNotAccessAnyLayer()
          : arch.whereLayer(e.getKey()).mayOnlyAccessLayers(e.getValue());
    }
    arch.check(MAIN.that(com.tngtech.archunit.base.DescribedPredicate.describe("in render",
        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("dev.platen.render"))));
  }

  /** HTTP status and error code are the api's decision; the store reports what happened in its own terms. */
  @Test
  void storeDoesNotSpeakHttp() {
    noClasses().that().resideInAPackage("dev.platen.store..")
        .should().dependOnClassesThat().areAssignableTo(PlatenException.class)
        .check(MAIN);
  }

  @Test
  void thereIsNoUtilPackage() {
    assertThat(Path.of("src/main/java/dev/platen/util")).doesNotExist();
    assertThat(Path.of("src/main/java/dev/platen/utils")).doesNotExist();
  }
}
