package dev.platen.blob;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest extends BlobStoreContract {
  @TempDir Path dir;
  FileBlobStore store;

  @BeforeEach
  void setUp() throws IOException {
    store = new FileBlobStore(dir);
  }

  @Override
  BlobStore store() {
    return store;
  }

  @Test
  void keysCannotEscapeTheRoot() {
    assertThatThrownBy(() -> store.put("../outside.pdf", new byte[1])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put("a/../../outside.pdf", new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
