package dev.platen.templates;

/** One scalar variable of a manifest (also a loop item field). {@code label} and {@code format} may be null. */
public record VariableDef(String key, String label, DataType dataType, boolean required, String format) {}
