package dev.platen.templates;

import tools.jackson.databind.node.ObjectNode;

/**
 * The layout a template gets when it is published without one: a titled document with every scalar as a
 * labelled, formatted value, image variables drawn as images, and each loop as a table (docs/layouts.md).
 */
public final class LayoutSynthesizer {
  private LayoutSynthesizer() {}

  public static ObjectNode synthesize(Manifest manifest, String title) {
    throw new UnsupportedOperationException("TODO");
  }
}
