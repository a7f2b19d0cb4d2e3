package dev.platen.render.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.EngineSettings;
import dev.platen.render.RenderException;
import dev.platen.testing.ImageBombs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Image sizes read from headers, SVG costs counted on the reference graph, and both refused in milliseconds. */
class ImageGuardTest {
  final ImageGuard guard = new ImageGuard(ImageGuard.DEFAULT_MAX_PIXELS, ImageGuard.DEFAULT_MAX_SVG_ELEMENTS);

  @Test
  void headerReadersGiveTheDeclaredSize() {
    assertThat(ImageGuard.png(ImageBombs.png(40_000, 30_000, 1, 0))).isEqualTo(new ImageGuard.Size(40_000, 30_000));
    assertThat(ImageGuard.jpeg(ImageBombs.jpeg(65_000, 300))).isEqualTo(new ImageGuard.Size(65_000, 300));
    assertThat(ImageGuard.gif(ImageBombs.gif(65_535, 20))).isEqualTo(new ImageGuard.Size(65_535, 20));
    assertThat(ImageGuard.webp(ImageBombs.webpExtended(30_000, 7))).isEqualTo(new ImageGuard.Size(30_000, 7));
    assertThat(ImageGuard.webp(ImageBombs.webpLossless(16_384, 9_000))).isEqualTo(new ImageGuard.Size(16_384, 9_000));
    assertThat(ImageGuard.webp(ImageBombs.webpLossy(16_383, 5))).isEqualTo(new ImageGuard.Size(16_383, 5));
    assertThat(ImageGuard.bmp(ImageBombs.bmp(50_000, 40))).isEqualTo(new ImageGuard.Size(50_000, 40));
  }

  @ParameterizedTest
  @ValueSource(strings = {"png", "jpeg", "gif", "bmp"})
  void realImagesWrittenByImageIoReadAsTheirSize(String format) {
    byte[] image = ImageBombs.small(format);
    ImageGuard.Format f = ImageGuard.Format.of(image);

    assertThat(f).isNotNull();
    assertThat(f.size(image)).isEqualTo(new ImageGuard.Size(40, 20));
  }

  @Test
  void ordinaryImagesPassAndNameTheirType() throws RenderException {
    assertThat(guard.check("logo", ImageBombs.small("png"))).isEqualTo("image/png");
    assertThat(guard.check("logo", ImageBombs.small("jpeg"))).isEqualTo("image/jpeg");
    assertThat(guard.check("logo", ImageBombs.small("gif"))).isEqualTo("image/gif");
    assertThat(guard.check("logo", svg("<rect width='5' height='5'/>"))).isEqualTo("image/svg+xml");
  }

  @Test
  void everyBombIsRefusedFromItsHeaderInMilliseconds() {
    refusal(ImageBombs.png(50_000, 50_000, 1, 0)); // class loading and message formatting, once
    double slowest = 0;
    for (Map.Entry<String, ImageBombs.Bomb> bomb : ImageBombs.all().entrySet()) {
      long start = System.nanoTime();
      RenderException refused = refusal(bomb.getValue().bytes());
      double ms = (System.nanoTime() - start) / 1e6;
      slowest = Math.max(slowest, ms);
      assertThat(refused).as(bomb.getKey()).isNotNull();
      assertThat(refused.getMessage()).as(bomb.getKey()).startsWith("image x.img is ")
          .contains(bomb.getValue().expected());
      assertThat(refused.retryable()).isFalse();
      assertThat(ms).as(bomb.getKey() + " took " + ms + " ms").isLessThan(200);
    }
    System.out.printf("image guard: %d bombs refused, slowest %.2f ms%n", ImageBombs.all().size(), slowest);
  }

  private RenderException refusal(byte[] image) {
    try {
      guard.check("x.img", image);
      return null;
    } catch (RenderException e) {
      return e;
    }
  }

  @Test
  void thePixelMessageNamesTheSizeTheLimitAndTheSetting() {
    assertThatThrownBy(() -> guard.check("https://example.com/big.png", ImageBombs.png(40_000, 40_000, 1, 0)))
        .hasMessage("image https://example.com/big.png is 40,000×40,000 pixels; the limit is 40,000,000 pixels "
            + "(PLATEN_MAX_IMAGE_PIXELS)");
    ImageGuard small = new ImageGuard(799, 10);
    assertThatThrownBy(() -> small.check("logo", ImageBombs.small("png"))).hasMessageContaining("40×20 pixels");
    assertThatCode(() -> new ImageGuard(800, 10).check("logo", ImageBombs.small("png"))).doesNotThrowAnyException();
  }

  @Test
  void webpAndBmpUnderTheLimitAreRecognisedButNotDrawn() {
    assertThatThrownBy(() -> guard.check("a", ImageBombs.small("bmp")))
        .hasMessage("image a is a BMP image, which is not supported; use PNG, JPEG, GIF or SVG");
    assertThatThrownBy(() -> guard.check("a", ImageBombs.webpLossless(100, 100)))
        .hasMessage("image a is a WebP image, which is not supported; use PNG, JPEG, GIF or SVG");
  }

  @Test
  void unknownFormatsAndDamagedHeadersAreRefused() {
    assertThatThrownBy(() -> guard.check("a", "%PDF-1.7".getBytes()))
        .hasMessage("image a is not a PNG, JPEG, GIF or SVG image");
    byte[] truncated = java.util.Arrays.copyOf(ImageBombs.png(10, 10, 8, 2), 20);
    assertThatThrownBy(() -> guard.check("a", truncated))
        .hasMessage("image a is a PNG whose header is damaged or gives no size");
    assertThatThrownBy(() -> guard.check("a", ImageBombs.jpeg(100, 0))).hasMessageContaining("gives no size");
    byte[] scanFirst = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2, (byte) 0xFF, (byte) 0xD9};
    assertThatThrownBy(() -> guard.check("a", scanFirst)).hasMessageContaining("gives no size");
  }

  @Test
  void svgElementCountIsLimited() {
    ImageGuard tight = new ImageGuard(ImageGuard.DEFAULT_MAX_PIXELS, 100);
    assertThatCode(() -> tight.check("a", svg("<rect/>".repeat(99)))).doesNotThrowAnyException();
    assertThatThrownBy(() -> tight.check("a", svg("<rect/>".repeat(100))))
        .hasMessage("image a is an SVG of more than 100 elements; the limit is 100 (PLATEN_MAX_SVG_ELEMENTS)");
  }

  @Test
  void svgUseClonesAreCountedAsWhatTheyDraw() {
    ImageGuard tight = new ImageGuard(ImageGuard.DEFAULT_MAX_PIXELS, 100);
    // levels of three uses: 1, 7 and 25 elements in the groups, 61 drawn in all; a third level makes it 194
    assertThatCode(() -> tight.check("a", ImageBombs.svgUseClones(2, 3))).doesNotThrowAnyException();
    assertThatThrownBy(() -> tight.check("a", ImageBombs.svgUseClones(3, 3)))
        .hasMessageContaining("whose references (<use> and the like) draw 194 elements; the limit is 100");
    // 10^30 copies: counted, not expanded
    long start = System.nanoTime();
    assertThatThrownBy(() -> guard.check("a", ImageBombs.svgUseClones(30, 10)))
        .hasMessageContaining("draw more than 10,000 elements");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(200);
  }

  @Test
  void patternsMasksAndMarkersMultiplyLikeUse() {
    ImageGuard tight = new ImageGuard(ImageGuard.DEFAULT_MAX_PIXELS, 100);
    String pattern = "<defs><pattern id='p' width='1' height='1'>" + "<rect/>".repeat(20) + "</pattern></defs>";
    assertThatCode(() -> tight.check("a", svg(pattern + "<rect fill='url(#p)'/>".repeat(3))))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> tight.check("a", svg(pattern + "<rect style='fill: url(\"#p\")'/>".repeat(5))))
        .hasMessageContaining("draw 133 elements");
    // a gradient is cheap to apply again: many elements sharing one are fine
    String gradient = "<defs><linearGradient id='g'>" + "<stop/>".repeat(10) + "</linearGradient></defs>";
    assertThatCode(() -> tight.check("a", svg(gradient + "<rect fill='url(#g)'/>".repeat(80))))
        .doesNotThrowAnyException();
  }

  @Test
  void markersCountOncePerVertexOfWhatTheyMark() {
    ImageGuard tight = new ImageGuard(ImageGuard.DEFAULT_MAX_PIXELS, 1_000);
    String marker = "<defs><marker id='m'>" + "<rect/>".repeat(9) + "</marker></defs>";
    String shortPath = "<path d='M0 0 L1 1 L2 2 L3 3'/>";
    StringBuilder d = new StringBuilder("M0 0");
    for (int i = 1; i < 500; i++) d.append(" L").append(i).append(' ').append(i % 7);
    String longPath = "<path id='p' d='" + d + "'/>";
    assertThatCode(() -> tight.check("a", svg(marker + shortPath.replace("/>", " marker-mid='url(#m)'/>"))))
        .doesNotThrowAnyException();
    // 500 vertices × a 10-element marker, whether the path names it, an ancestor does, or a style sheet
    assertThatThrownBy(() -> tight.check("a", svg(marker + longPath.replace("/>", " marker-mid='url(#m)'/>"))))
        .hasMessageContaining("draw 5,");
    assertThatThrownBy(() -> tight.check("a", svg(marker + "<g style='marker: url(#m)'>" + longPath + "</g>")))
        .hasMessageContaining("draw 5,");
    assertThatThrownBy(() -> tight.check("a", svg(marker + "<defs>" + longPath + "</defs>"
        + "<g marker-mid='url(#m)'><use href='#p'/></g>"))).hasMessageContaining("draw 5,");
    assertThatThrownBy(() -> tight.check("a", svg("<style>path { marker-mid: url(#m) }</style>" + marker + longPath)))
        .hasMessageContaining("draw 5,");
  }

  @Test
  void aPatternInheritingAnotherCopiesItsContent() {
    ImageGuard tight = new ImageGuard(ImageGuard.DEFAULT_MAX_PIXELS, 100);
    String patterns = "<defs><pattern id='p1'>" + "<rect/>".repeat(20) + "</pattern>"
        + "<pattern id='p2' href='#p1'/></defs>";
    assertThatThrownBy(() -> tight.check("a", svg(patterns + "<rect fill='url(#p2)'/>".repeat(5))))
        .hasMessageContaining("draw 160 elements");
  }

  @Test
  void svgReferenceLoopsAndDeepNestingAreRefused() {
    assertThatThrownBy(() -> guard.check("a", svg("<g id='a'><use href='#a'/></g>")))
        .hasMessageContaining("references form a loop");
    assertThatThrownBy(() -> guard.check("a", svg("<g id='a'><use href='#b'/></g><g id='b'><use href='#a'/></g>")))
        .hasMessageContaining("references form a loop");
    assertThatCode(() -> guard.check("a", svg("<g>".repeat(63) + "</g>".repeat(63)))).doesNotThrowAnyException();
    assertThatThrownBy(() -> guard.check("a", svg("<g>".repeat(64) + "</g>".repeat(64))))
        .hasMessage("image a is an SVG nested more than 64 levels deep");
  }

  @Test
  void svgEntitiesImportsAndLinkedStyleSheetsAreRefused() {
    assertThatThrownBy(() -> guard.check("a", ImageBombs.billionLaughs()))
        .hasMessage("image a is an SVG that declares entities, which is not allowed");
    assertThatThrownBy(() -> guard.check("a", svg("<text>&nbsp;</text>")))
        .hasMessageContaining("entity references (&nbsp;)");
    assertThatThrownBy(() -> guard.check("a", svg("<style>rect{fill:red} @import url(http://x/a.css);</style>")))
        .hasMessageContaining("imports another (@import)");
    assertThatThrownBy(() -> guard.check("a", svg("<style><![CDATA[@IMPORT 'a.css';]]></style>")))
        .hasMessageContaining("imports another (@import)");
    assertThatThrownBy(() -> guard.check("a", svg("<style>@\\69mport 'a.css';</style>")))
        .hasMessageContaining("imports another (@import)");
    assertThatCode(() -> guard.check("a", svg("<style>@media print { rect { fill: red } }</style>")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> guard.check("a", ("<?xml-stylesheet href='http://x/a.css'?>"
        + "<svg xmlns='http://www.w3.org/2000/svg'/>").getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("links a style sheet");
    assertThatThrownBy(() -> guard.check("a", "<svg xmlns='http://www.w3.org/2000/svg'><g></svg>".getBytes()))
        .hasMessageStartingWith("image a is an SVG that is not well-formed XML (line 1, column");
    // the DOCTYPE editors write, without an internal subset, is fine
    assertThatCode(() -> guard.check("a", ("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
        + "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\"><svg xmlns='http://www.w3.org/2000/svg'/>")
        .getBytes(StandardCharsets.UTF_8))).doesNotThrowAnyException();
  }

  @Test
  void dataUrisAreDecodedAsThePdfEngineDecodesThem() throws RenderException {
    byte[] png = ImageBombs.smallPng();
    String b64 = Base64.getEncoder().encodeToString(png);
    assertThat(DataUris.decode("data:image/png;base64," + b64, "s", 1 << 20, true)).isEqualTo(png);
    // openhtmltopdf reads an upper-case BASE64 as percent-encoded text; the engine check must do the same
    assertThat(DataUris.decode("data:image/png;BASE64," + b64, "s", 1 << 20, true))
        .isEqualTo(b64.getBytes(StandardCharsets.US_ASCII));
    assertThat(DataUris.decode("data:image/png;BASE64," + b64, "s", 1 << 20, false)).isEqualTo(png);
    assertThat(new String(DataUris.decode("data:image/svg+xml,%3Csvg width='100%'+x%3E", "s", 1 << 20, true),
        StandardCharsets.UTF_8)).isEqualTo("<svg width='100%'+x>");
    assertThatThrownBy(() -> DataUris.decode("data:image/png;base64," + b64, "s", 100, true))
        .hasMessage("image s exceeds 100 bytes");
    assertThat(DataUris.shown("data:image/png;base64," + b64)).isEqualTo("data:image/png;base64,…");
  }

  @Test
  void theEngineCheckOfADataUriUsesTheEngineDecoding() {
    ImageEmbedder embedder = new ImageEmbedder(new GuardedImageLoader(EngineSettings.defaults(),
        AddressPolicy.of(EngineSettings.defaults())));
    String bomb = ImageBombs.dataUri(ImageBombs.png(40_000, 40_000, 1, 0));

    assertThatThrownBy(() -> embedder.check(bomb)).hasMessageContaining("40,000×40,000 pixels");
    assertThatThrownBy(() -> embedder.dataUri(bomb)).hasMessageContaining("40,000×40,000 pixels");
    // what the embedder hands out is already checked, and stays accepted by the engine check
    assertThatCode(() -> embedder.check(embedder.dataUri(ImageBombs.dataUri(ImageBombs.smallPng()))))
        .doesNotThrowAnyException();
  }

  private static byte[] svg(String body) {
    return ("<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>" + body + "</svg>")
        .getBytes(StandardCharsets.UTF_8);
  }
}
