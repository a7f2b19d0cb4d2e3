package dev.platen.templates;

import java.util.Arrays;
import java.util.Optional;

/** The value types a manifest variable may declare, with their wire names. */
public enum DataType {
  TEXT("text"), LONGTEXT("longtext"), NUMBER("number"), CURRENCY("currency"), DATE("date"), DATETIME("datetime"),
  BOOLEAN("boolean"), IMAGE("image"), URL("url"), EMAIL("email");

  private final String wire;

  DataType(String wire) { this.wire = wire; }

  public String wire() { return wire; }

  public static Optional<DataType> fromWire(String s) {
    return Arrays.stream(values()).filter(t -> t.wire.equals(s)).findFirst();
  }
}
