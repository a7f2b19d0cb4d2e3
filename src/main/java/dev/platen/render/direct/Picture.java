package dev.platen.render.direct;

import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * What an image box shows: a raster ({@code <img>}, a canvas image block) or a drawing (an inline {@code <svg>},
 * drawn by {@link HtmlSvg} into a form whose matrix turns its pixels into points, as openhtmltopdf's is).
 *
 * @param width its own width in CSS pixels
 * @param height its own height in CSS pixels
 */
record Picture(PDXObject object, int width, int height) {
  static Picture of(PDImageXObject image) {
    return new Picture(image, image.getWidth(), image.getHeight());
  }

  boolean drawing() {
    return object instanceof PDFormXObject;
  }
}
