package dev.platen.templates;

import tools.jackson.databind.node.ObjectNode;

/**
 * One scalar variable of a manifest (also a loop item field). {@code label} and {@code format} may be null.
 *
 * @param documentation the manifest's documentation fields given for this variable ({@code helpText},
 *     {@code placeholder}, {@code previewData}), kept and echoed as given; rendering never reads them. Null when none.
 */
public record VariableDef(String key, String label, DataType dataType, boolean required, String format,
    ObjectNode documentation) {

  public VariableDef(String key, String label, DataType dataType, boolean required, String format) {
    this(key, label, dataType, required, format, null);
  }
}
