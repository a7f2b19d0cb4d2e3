package dev.platen.templates;

/** Template slugs: kebab-case, at most 120 characters. */
public final class Slugs {
  private Slugs() {}

  public static boolean isValid(String slug) {
    throw new UnsupportedOperationException("TODO");
  }

  /** A valid slug derived from a template name ("Invoice (EU) – 2026" → "invoice-eu-2026"); never empty. */
  public static String derive(String name) {
    throw new UnsupportedOperationException("TODO");
  }
}
