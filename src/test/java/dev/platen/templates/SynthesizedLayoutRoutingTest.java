package dev.platen.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.direct.DirectPdfEngine;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The layout every manifest-only template gets must take the fast direct path, or the speed work is moot. */
class SynthesizedLayoutRoutingTest {
  @Test
  void synthesisedLayoutsAreDrawnByTheDirectPath() {
    JsonMapper m = JsonMapper.builder().build();
    Manifest manifest = Manifest.parse(m.readTree("""
        {"variables":[{"key":"customer.name","label":"Customer","dataType":"text","required":true},
          {"key":"paid","dataType":"boolean"},{"key":"total","dataType":"currency","format":"currency:EUR"},
          {"key":"due","dataType":"date"},{"key":"logo","label":"Logo","dataType":"image"}],
         "loops":[{"key":"items","label":"Items","itemFields":[{"key":"d","label":"D","dataType":"text"},
          {"key":"q","dataType":"number"}]}]}"""), "manifest");
    assertThat(DirectPdfEngine.supports(LayoutSynthesizer.synthesize(manifest, "Invoice"))).isTrue();
  }
}
