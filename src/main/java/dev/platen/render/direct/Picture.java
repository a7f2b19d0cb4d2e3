package dev.platen.render.direct;

import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * What an image box shows: a raster ({@code <img>}, a canvas image block), a drawing (an inline {@code <svg>},
 * drawn by {@link HtmlSvg} into a form whose matrix turns its pixels into points, as openhtmltopdf's is) or a square:
 * an empty inline block of a set size (a check box), its background and borders in {@code shapes}.
 *
 * @param object the XObject drawn, null for a square
 * @param width its own width in CSS pixels
 * @param height its own height in CSS pixels
 * @param shapes a square's background and borders, from its top left corner, in points; else empty
 */
record Picture(PDXObject object, int width, int height, java.util.List<Ops> shapes) {
  Picture(PDXObject object, int width, int height) {
    this(object, width, height, java.util.List.of());
  }

  static Picture of(PDImageXObject image) {
    return new Picture(image, image.getWidth(), image.getHeight());
  }

  boolean square() {
    return object == null;
  }

  boolean drawing() {
    return object instanceof PDFormXObject;
  }
}
