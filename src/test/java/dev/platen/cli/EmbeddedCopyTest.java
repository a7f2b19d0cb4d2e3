package dev.platen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file copy of {@code platen backup} while a server writes PDFs beside it, as the blob store does. */
class EmbeddedCopyTest {
  @TempDir Path dir;

  @Test
  void filesThatVanishDuringTheCopyAreSkippedAndTheRestCopied() throws Exception {
    Path from = Files.createDirectories(dir.resolve("files/renders/p"));
    for (int i = 0; i < 10; i++) Files.writeString(from.resolve("kept-" + i + ".pdf"), "pdf " + i);
    // The blob store's write: a temporary name, then a rename. Both the temporary and the renamed file vanish
    // again here, so that every copy races against files disappearing between listing, stat and copy.
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong churned = new AtomicLong();
    Thread writer = Thread.ofPlatform().start(() -> {
      for (long i = 0; !stop.get(); i++) {
        try {
          Path tmp = from.resolve("r-" + i + ".pdf.tmp-x");
          Files.writeString(tmp, "partial");
          Path done = from.resolve("r-" + i + ".pdf");
          Files.move(tmp, done);
          Files.delete(done);
          churned.incrementAndGet();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    });
    try {
      for (int round = 0; round < 60; round++) {
        Path to = dir.resolve("copy-" + round);
        long copied = Embedded.copyFiles(dir.resolve("files"), to);
        assertThat(copied).isGreaterThanOrEqualTo(10);
        for (int i = 0; i < 10; i++) {
          assertThat(to.resolve("renders/p/kept-" + i + ".pdf")).hasContent("pdf " + i);
        }
        try (var s = Files.list(to.resolve("renders/p"))) {
          assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
      }
    } finally {
      stop.set(true);
      writer.join();
    }
    assertThat(churned.get()).isGreaterThan(60);
  }
}
