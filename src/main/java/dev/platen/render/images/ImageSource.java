package dev.platen.render.images;

import dev.platen.render.RenderException;

/** Where the XHTML writers get image data from: turns an image reference into an embeddable data: URI. */
@FunctionalInterface
public interface ImageSource {

  /**
   * @param src an http(s) URL or a data: URI, placeholders already filled in
   * @return a {@code data:image/...;base64,...} URI
   */
  String dataUri(String src) throws RenderException;
}
