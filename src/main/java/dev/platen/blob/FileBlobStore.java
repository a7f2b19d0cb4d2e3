package dev.platen.blob;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Blobs as files under a root directory. A write goes to a temporary file that is fsynced and then renamed, so
 * a reader (or a crash) never sees a half-written PDF.
 */
public final class FileBlobStore implements BlobStore {
  private final Path root;

  public FileBlobStore(Path root) throws IOException {
    this.root = Files.createDirectories(root).toRealPath();
  }

  private Path resolve(String key) {
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root) || java.util.Arrays.asList(key.split("/")).contains("..")) {
      throw new IllegalArgumentException("bad blob key " + key);
    }
    return p;
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    Path target = resolve(key);
    Path parent = target.getParent();
    Path firstCreated = null;
    for (Path p = parent; !Files.isDirectory(p); p = p.getParent()) firstCreated = p;
    Files.createDirectories(parent);
    // Random, not the thread id: processes on other machines may share this directory (NFS) and write the same key
    // when one takes over another's render; with one name their writes would interleave in one file.
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + java.util.UUID.randomUUID());
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) ch.write(buf);
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      // The new name, and every directory made for it, is recorded in its parent: sync each of them.
      Path last = firstCreated == null ? parent : firstCreated.getParent();
      for (Path d = parent; ; d = d.getParent()) {
        syncDirectory(d);
        if (d.equals(last)) break;
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A rename and a new directory live in the parent directory, not in the file: without this a crash soon after
   * could lose them, and a render already marked succeeded would have no PDF. Linux and macOS allow it; where a
   * directory cannot be opened (Windows) it is as durable as the platform makes it.
   */
  private static void syncDirectory(Path dir) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (IOException | UnsupportedOperationException e) {
      return;
    }
    try (ch) {
      ch.force(true);
    }
  }

  @Override
  public InputStream open(String key) throws IOException {
    try {
      return Files.newInputStream(resolve(key));
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(key);
    }
  }

  @Override
  public byte[] read(String key, long offset, int length) throws IOException {
    try (FileChannel ch = FileChannel.open(resolve(key), StandardOpenOption.READ)) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(length);
      while (buf.hasRemaining()) {
        if (ch.read(buf, offset + buf.position()) < 0) {
          throw new java.io.EOFException(key + " is shorter than " + (offset + length));
        }
      }
      return buf.array();
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(key);
    }
  }

  @Override
  public long size(String key) throws IOException {
    Path p = resolve(key);
    return Files.exists(p) ? Files.size(p) : -1;
  }
}
