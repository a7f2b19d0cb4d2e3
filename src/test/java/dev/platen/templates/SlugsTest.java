package dev.platen.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlugsTest {

  @ParameterizedTest
  @ValueSource(strings = {"invoice", "a", "invoice-2026", "a-b-c", "0", "x1-2y"})
  void acceptsKebabCase(String slug) {
    assertThat(Slugs.isValid(slug)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Invoice", "-invoice", "invoice-", "in--voice", "in voice", "in_voice", "inv.oice",
      "ünvoice"})
  void rejectsAnythingElse(String slug) {
    assertThat(Slugs.isValid(slug)).isFalse();
  }

  @Test
  void limitsLengthTo120() {
    assertThat(Slugs.isValid("a".repeat(120))).isTrue();
    assertThat(Slugs.isValid("a".repeat(121))).isFalse();
    assertThat(Slugs.isValid(null)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Invoice (EU) – 2026 | invoice-eu-2026",
      "Invoice | invoice",
      "  Crème Brûlée Menu!  | creme-brulee-menu",
      "Straße & Æther | strasse-aether",
      "Łódź Øresund | lodz-oresund",
      "ﬁle № 5 | file-no-5",
      "--Hello__World-- | hello-world",
      "ΑΒΓ | template",
      "日本語 | template",
      "!!! | template",
  })
  void derivesFromNames(String name, String slug) {
    assertThat(Slugs.derive(name)).isEqualTo(slug);
  }

  @Test
  void derivedSlugsAreShortEnoughForASuffixAndNeverEndInADash() {
    String slug = Slugs.derive("a".repeat(99) + " b" + "c".repeat(50));
    assertThat(slug).isEqualTo("a".repeat(99));
    assertThat(Slugs.derive("x".repeat(300))).hasSize(100);
    assertThat(Slugs.isValid(slug + "-999")).isTrue();
  }

  @Test
  void derivedSlugsAreAlwaysValid() {
    var random = new java.util.Random(7);
    for (int n = 0; n < 500; n++) {
      StringBuilder name = new StringBuilder();
      for (int i = random.nextInt(200); i > 0; i--) name.appendCodePoint(random.nextInt(0x3000));
      assertThat(Slugs.isValid(Slugs.derive(name.toString()))).as(name.toString()).isTrue();
    }
  }
}
