package dev.platen.templates;

import static dev.platen.templates.Json.json;
import static dev.platen.templates.Json.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageConfigParserTest {
  static PageConfigParser.PageConfig read(String pageConfig) {
    Problems problems = new Problems();
    PageConfigParser.PageConfig config = PageConfigParser.read(json(pageConfig), "pageConfig", problems);
    problems.throwIfAny();
    return config;
  }

  @Test
  void pdfaDefaultsToOffAndIsLeftOutOfTheEcho() {
    PageConfigParser.PageConfig config = read("{'format': 'A4'}");
    assertThat(config.setup().pdfa()).isFalse();
    assertThat(config.json().has("pdfa")).isFalse();
    assertThat(read("{'pdfa': false}").json().has("pdfa")).isFalse();
  }

  @Test
  void pdfaTrueIsCarriedToTheEngineAndStored() {
    PageConfigParser.PageConfig config = read("{'format': 'letter', 'pdfa': true}");
    assertThat(config.setup().pdfa()).isTrue();
    assertThat(config.setup().format()).isEqualTo("Letter");
    assertThat(config.json().path("pdfa").booleanValue()).isTrue();
  }

  @Test
  void pdfaMustBeABoolean() {
    var e = thrown(() -> read("{'pdfa': 'yes'}"));
    assertThat(e.issues().fieldErrors()).containsOnlyKeys("pageConfig.pdfa");
    assertThat(e.issues().fieldErrors().get("pageConfig.pdfa").get(0)).contains("boolean");
  }
}
