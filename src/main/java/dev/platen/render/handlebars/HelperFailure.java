package dev.platen.render.handlebars;

import dev.platen.render.RenderException;

/**
 * Carries a user-facing {@link RenderException} out through Handlebars, whose helper and writer signatures only
 * let unchecked exceptions and IOExceptions pass; {@link HtmlTemplate#apply} unwraps it again.
 */
final class HelperFailure extends RuntimeException {
  HelperFailure(RenderException cause) {
    super(cause.getMessage(), cause, false, false);
  }

  RenderException renderException() {
    return (RenderException) getCause();
  }
}
