package dev.platen.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Page images of rendered PDFs. {@link #assertPage} compares a rendered page with a stored reference image, so a change that moves, drops or garbles what is drawn
 * fails even when the extracted text is still right. Pages are rasterised at 50 dpi with PDFBox's {@code PDFRenderer}
 * (no external program, so a machine with only a JDK and Maven runs them); references live in
 * {@code src/test/resources/golden}. Run the tests with {@code -Dgolden.update=true} to write new references, then
 * look at them before committing.
 *
 * <p>Antialiasing may differ a little between JDKs and font set-ups, so up to {@link #MAX_DIFFERING} of the pixels may
 * differ by more than {@link #CHANNEL_THRESHOLD} in some colour channel. {@link #page1} and {@link #difference}
 * compare two engines' renders of one document with each other instead.
 */
public final class Golden {
  private Golden() {}

  static final Path REFERENCES = Path.of("src/test/resources/golden");
  /** Every rendered page lands here too, to look at after a run. */
  static final Path ACTUAL = Path.of("target/golden-actual");
  static final double MAX_DIFFERING = 0.005;
  static final int CHANNEL_THRESHOLD = 48;

  /** Page 1 of {@code pdf} against the reference {@code name}.png. */
  public static void assertPage(String name, byte[] pdf) {
    assertPage(name, pdf, 1);
  }

  public static void assertPage(String name, byte[] pdf, int page) {
    try {
      Files.createDirectories(ACTUAL);
      Path actual = ACTUAL.resolve(name + ".png");
      Files.write(ACTUAL.resolve(name + ".pdf"), pdf);
      rasterise(pdf, page, actual);
      Path reference = REFERENCES.resolve(name + ".png");
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(REFERENCES);
        Files.copy(actual, reference, StandardCopyOption.REPLACE_EXISTING);
        return;
      }
      if (!Files.exists(reference)) {
        fail("no reference image " + reference + "; run with -Dgolden.update=true and check " + actual);
      }
      BufferedImage want = ImageIO.read(reference.toFile());
      BufferedImage got = ImageIO.read(actual.toFile());
      assertThat(got.getWidth() + "x" + got.getHeight()).as("page size of %s", name)
          .isEqualTo(want.getWidth() + "x" + want.getHeight());
      double share = differing(want, got);
      assertThat(share).as("share of pixels differing from %s (see %s)", reference, actual)
          .isLessThanOrEqualTo(MAX_DIFFERING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double differing(BufferedImage a, BufferedImage b) {
    long differ = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          if (Math.abs((p >> shift & 0xff) - (q >> shift & 0xff)) > CHANNEL_THRESHOLD) {
            differ++;
            break;
          }
        }
      }
    }
    return (double) differ / ((long) a.getWidth() * a.getHeight());
  }

  /** One page as a PNG at 50 dpi, drawn by PDFBox's own renderer so the tests need nothing outside Maven. */
  static void rasterise(byte[] pdf, int page, Path png) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(page - 1, 50, ImageType.RGB), "png", png.toFile());
    }
  }

  /** Page 1 at 50 dpi in grey. */
  public static BufferedImage page1(byte[] pdf) {
    return page1(pdf, 50);
  }

  /** Page 1 at {@code dpi} in grey. */
  public static BufferedImage page1(byte[] pdf, int dpi) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFRenderer(doc).renderImageWithDPI(0, dpi, ImageType.GRAY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Share of pixels whose grey level differs by more than a quarter of the range. */
  public static double difference(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) return 1;
    long differing = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int ga = a.getRGB(x, y) & 0xff;
        int gb = b.getRGB(x, y) & 0xff;
        if (Math.abs(ga - gb) > 64) differing++;
      }
    }
    return differing / (double) ((long) a.getWidth() * a.getHeight());
  }
}
