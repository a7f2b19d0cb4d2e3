package dev.platen.sharing;

import java.util.Optional;

/** How a share reaches its reader: a link the partner hands out, or an e-mail (sent by Platen or by the partner). */
public enum Channel {
  LINK("link"),
  EMAIL("email");

  private final String wire;

  Channel(String wire) {
    this.wire = wire;
  }

  public String wire() { return wire; }

  public static Optional<Channel> fromWire(String s) {
    for (Channel c : values()) if (c.wire.equals(s)) return Optional.of(c);
    return Optional.empty();
  }
}
