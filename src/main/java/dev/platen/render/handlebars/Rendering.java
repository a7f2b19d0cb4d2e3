package dev.platen.render.handlebars;

import dev.platen.render.RenderException;

/**
 * What the helpers borrow from the canvas engine, so an HTML layout prints amounts and codes exactly as a canvas
 * layout does. Implemented in {@code dev.platen.render.html}, one instance per render.
 */
public interface Rendering {
  /** {@code 1,234.50 EUR}; the amount as it is when it is not a number; just the number when code is null. */
  String currency(Object amount, String code);

  /** A PNG data: URI of a QR code for the value. */
  String qrDataUri(String value) throws RenderException;

  /** A PNG data: URI of a 1D barcode; format is {@code code128} (null) or {@code ean13}. */
  String barcodeDataUri(String value, String format) throws RenderException;
}
