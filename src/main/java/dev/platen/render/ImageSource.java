package dev.platen.render;

/** Where {@link CanvasHtml} gets image data from: turns an image reference into an embeddable data: URI. */
@FunctionalInterface
interface ImageSource {

  /**
   * @param src an http(s) URL or a data: URI, placeholders already filled in
   * @return a {@code data:image/...;base64,...} URI
   */
  String dataUri(String src) throws RenderException;
}
