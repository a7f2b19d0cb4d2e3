package dev.platen.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
  protected BlobStore store() {
    return store;
  }

  @Test
  void keysCannotEscapeTheRoot() {
    assertThatThrownBy(() -> store.put("../outside.pdf", new byte[1])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put("a/../../outside.pdf", new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A render's PDF lands in its project's directory: no directory is made per render, and keys stay distinct. */
  @Test
  void rendersOfAProjectShareOneDirectory() throws Exception {
    List<Future<?>> puts = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 40; i++) {
        int n = i;
        puts.add(pool.submit(() -> {
          store.put("renders/p1/r" + n + "/tok" + n + "/in~voice %" + n + ".pdf", ("pdf " + n).getBytes());
          return null;
        }));
      }
      for (Future<?> f : puts) f.get();
    }
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(Files::isDirectory).map(d -> dir.relativize(d).toString()).toList())
          .containsExactlyInAnyOrder("", "renders", "renders/p1");
    }
    for (int i = 0; i < 40; i++) {
      String key = "renders/p1/r" + i + "/tok" + i + "/in~voice %" + i + ".pdf";
      assertThat(store.open(key).readAllBytes()).isEqualTo(("pdf " + i).getBytes());
      assertThat(FileBlobStore.pathOf(dir.toRealPath(), key).getParent()).isEqualTo(dir.toRealPath()
          .resolve("renders/p1"));
    }
    // '~' and '%' are escaped, so keys that would join to one name do not meet
    assertThat(FileBlobStore.pathOf(dir, "a/b/c~d/e")).isNotEqualTo(FileBlobStore.pathOf(dir, "a/b/c/d~e"));
  }

  /** PDFs stored by earlier versions, at the key's own path, are still read. */
  @Test
  void filesAtTheOldNestedPathAreStillFound() throws Exception {
    Path old = dir.resolve("renders/p2/r1/tok/old.pdf");
    Files.createDirectories(old.getParent());
    Files.write(old, "old pdf".getBytes());
    String key = "renders/p2/r1/tok/old.pdf";
    assertThat(store.size(key)).isEqualTo(7);
    assertThat(store.open(key).readAllBytes()).isEqualTo("old pdf".getBytes());
    assertThat(store.read(key, 4, 3)).isEqualTo("pdf".getBytes());
  }
}
