package dev.platen.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What every blob store guarantees; each implementation extends this in a few lines. */
abstract class BlobStoreContract {
  abstract BlobStore store();

  @Test
  void storedBytesComeBackExactly() throws Exception {
    byte[] pdf = new byte[300_000];
    new Random(7).nextBytes(pdf);
    String key = "renders/p/r1/tok/My file.pdf";
    store().put(key, pdf);
    assertThat(store().size(key)).isEqualTo(pdf.length);
    try (InputStream in = store().open(key)) {
      assertThat(in.readAllBytes()).isEqualTo(pdf);
    }
    store().put(key, new byte[] {1, 2, 3});
    try (InputStream in = store().open(key)) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void missingKeysAreReportedAsMissing() throws Exception {
    assertThat(store().size("renders/none/x.pdf")).isEqualTo(-1);
    assertThatThrownBy(() -> store().open("renders/none/x.pdf")).isInstanceOf(FileNotFoundException.class);
  }
}
