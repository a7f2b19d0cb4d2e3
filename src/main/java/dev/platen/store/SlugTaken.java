package dev.platen.store;

/**
 * A live template of the project already holds the slug asked for. The store only reports the fact; what a
 * client is told about it is the api's business.
 */
public final class SlugTaken extends RuntimeException {
  private final String slug;

  public SlugTaken(String slug) {
    super("slug '" + slug + "' is taken", null, false, false);
    this.slug = slug;
  }

  public String slug() { return slug; }
}
