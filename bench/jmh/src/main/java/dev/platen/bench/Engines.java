package dev.platen.bench;

import dev.platen.render.EngineSettings;
import dev.platen.render.PdfEngine;
import dev.platen.render.direct.DirectPdfEngine;
import dev.platen.render.direct.RoutingPdfEngine;
import dev.platen.render.html.HtmlPdfEngine;

/** The engines under test, by the name used in the benchmarks' {@code engine} parameter. */
final class Engines {
  private Engines() {}

  static PdfEngine named(String name) {
    EngineSettings settings = EngineSettings.defaults();
    return switch (name) {
      case "html" -> new HtmlPdfEngine(settings);
      case "direct" -> new DirectPdfEngine(settings);
      case "routing" -> new RoutingPdfEngine(new DirectPdfEngine(settings), new HtmlPdfEngine(settings));
      default -> throw new IllegalArgumentException("unknown engine " + name);
    };
  }
}
