package dev.platen.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What every blob store guarantees; each implementation extends this in a few lines. */
public abstract class BlobStoreContract {
  protected abstract BlobStore store();

  /** The write a render's success makes; a store that joins its bytes to it needs one. */
  protected void recordWrite() { }

  @Test
  public void bytesStoredWithTheirRecordAreThereOnceItReturns() throws Exception {
    byte[] pdf = new byte[40_000];
    new Random(11).nextBytes(pdf);
    String key = "renders/p/r2/tok/invoice.pdf";
    int[] records = {0};
    String answer = store().put(key, pdf, () -> {
      recordWrite();
      records[0]++;
      return "recorded";
    });
    assertThat(answer).isEqualTo("recorded");
    assertThat(records[0]).isEqualTo(1);
    assertThat(store().size(key)).isEqualTo(pdf.length);
    try (InputStream in = store().open(key)) {
      assertThat(in.readAllBytes()).isEqualTo(pdf);
    }
    assertThat(store().read(key, 1000, 500)).isEqualTo(java.util.Arrays.copyOfRange(pdf, 1000, 1500));
    assertThatThrownBy(() -> store().read(key, pdf.length - 10, 20)).isInstanceOf(java.io.EOFException.class);
  }

  @Test
  public void storedBytesComeBackExactly() throws Exception {
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
  public void missingKeysAreReportedAsMissing() throws Exception {
    assertThat(store().size("renders/none/x.pdf")).isEqualTo(-1);
    assertThatThrownBy(() -> store().open("renders/none/x.pdf")).isInstanceOf(FileNotFoundException.class);
  }
}
