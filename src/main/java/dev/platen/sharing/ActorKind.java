package dev.platen.sharing;

/** Who caused an engagement event: the project's own system (over the API) or the person a document was shared with. */
public enum ActorKind {
  PARTNER("partner"),
  RECIPIENT("recipient");

  private final String wire;

  ActorKind(String wire) {
    this.wire = wire;
  }

  public String wire() { return wire; }
}
