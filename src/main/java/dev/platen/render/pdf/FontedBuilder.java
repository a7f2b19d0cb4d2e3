package dev.platen.render.pdf;

import com.openhtmltopdf.outputdevice.helper.AddedFont;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.util.EnumSet;

/**
 * openhtmltopdf's builder, with a way to register an already loaded font as the fallback tried after its built-in
 * PDF fonts. The builder takes a loaded font (a {@link PDFontSupplier}) for document families only, and a fallback
 * as a stream it would parse again for every document; the font list it keeps is its state's, open to subclasses.
 */
public final class FontedBuilder extends PdfRendererBuilder {
  /**
   * Registers {@code font} for characters that no font a family list resolves to has, the built-in Helvetica,
   * Times and Courier included, which lack most characters outside Latin-1 (its FINAL_FALLBACK group).
   */
  public FontedBuilder useFallbackFont(PDFontSupplier font, String family, int weight, FontStyle style) {
    state._fonts.add(new AddedFont(font, weight, family, true, style, EnumSet.of(FSFontUseCase.FALLBACK_FINAL)));
    return this;
  }
}
