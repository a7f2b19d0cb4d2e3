package dev.platen.render.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.EngineSettings;
import dev.platen.render.RenderException;
import dev.platen.render.Units;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Address classification, image sniffing and the units used in messages. */
class ImageGuardsTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
      "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3", "224.0.0.1", "255.255.255.255", "::1", "::",
      "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:10.0.0.1"})
  void refusesNonPublicAddresses(String ip) throws UnknownHostException {
    assertThat(AddressPolicy.isPublic(InetAddress.getByName(ip))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "93.184.216.34", "2606:4700::1111"})
  void allowsPublicAddresses(String ip) throws UnknownHostException {
    assertThat(AddressPolicy.isPublic(InetAddress.getByName(ip))).isTrue();
  }

  @Test
  void allowPrivateFetchPermitsEverything() throws UnknownHostException {
    AddressPolicy open = AddressPolicy.of(EngineSettings.defaults().withAllowPrivateFetch(true));
    AddressPolicy closed = AddressPolicy.of(EngineSettings.defaults());

    assertThat(open.permits(InetAddress.getByName("10.0.0.1"))).isTrue();
    assertThat(closed.permits(InetAddress.getByName("10.0.0.1"))).isFalse();
  }

  @Test
  void sniffsImageTypesFromTheirFirstBytes() {
    assertThat(ImageGuard.Format.of(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0}))
        .isEqualTo(ImageGuard.Format.PNG);
    assertThat(ImageGuard.Format.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}))
        .isEqualTo(ImageGuard.Format.JPEG);
    assertThat(ImageGuard.Format.of("GIF89a....".getBytes())).isEqualTo(ImageGuard.Format.GIF);
    assertThat(ImageGuard.Format.of("\uFEFF  <?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(ImageGuard.Format.SVG);
    assertThat(ImageGuard.Format.of("RIFF....WEBPVP8 ".getBytes())).isEqualTo(ImageGuard.Format.WEBP);
    assertThat(ImageGuard.Format.of("BM....".getBytes())).isEqualTo(ImageGuard.Format.BMP);
    assertThat(ImageGuard.Format.of("<html><body>no</body></html>".getBytes())).isNull();
    assertThat(ImageGuard.Format.of(new byte[0])).isNull();
  }

  @Test
  void svgEntityDeclarationsAreRefusedEvenInPlainDataUris() {
    ImageEmbedder embedder = new ImageEmbedder(new GuardedImageLoader(EngineSettings.defaults(),
        AddressPolicy.of(EngineSettings.defaults())));
    String evil = "data:image/svg+xml,%3C!DOCTYPE%20svg%20%5B%3C!ENTITY%20x%20SYSTEM%20%22file:///etc/passwd%22%3E%5D%3E"
        + "%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22%3E%26x;%3C/svg%3E";
    String fine = "data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22/%3E";

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> embedder.dataUri(evil))
        .isInstanceOf(RenderException.class)
        .hasMessage("image data:image/svg+xml,… is an SVG that declares entities, which is not allowed");
    org.assertj.core.api.Assertions.assertThatCode(() -> embedder.dataUri(fine)).doesNotThrowAnyException();
  }

  @Test
  void limitsReadTheWayMessagesShowThem() {
    assertThat(Units.count(2000)).isEqualTo("2,000");
    assertThat(Units.bytes(10L * 1024 * 1024)).isEqualTo("10 MB");
    assertThat(Units.bytes(8 * 1024)).isEqualTo("8 KB");
    assertThat(Units.bytes(1500)).isEqualTo("1,500 bytes");
    assertThat(Units.duration(Duration.ofSeconds(10))).isEqualTo("10 s");
    assertThat(Units.duration(Duration.ofMillis(700))).isEqualTo("700 ms");
    assertThat(Units.duration(Duration.ofMillis(2500))).isEqualTo("2.5 s");
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    EngineSettings d = EngineSettings.defaults();

    assertThat(d.allowPrivateFetch()).isFalse();
    assertThat(d.maxPages()).isEqualTo(2000);
    assertThat(d.fetchTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.maxImageBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(d.maxImagePixels()).isEqualTo(40_000_000);
    assertThat(d.maxSvgElements()).isEqualTo(10_000);
  }
}
