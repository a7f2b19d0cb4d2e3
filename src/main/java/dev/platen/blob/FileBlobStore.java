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
 *
 * <p>A key's first two segments are directories and the rest is one file name ({@code renders/<project>/} then
 * {@code <render>~<token>~<file.pdf>}), so storing a render creates no directory and syncs one directory that
 * every render of the project shares: renders stored at the same time share that sync ({@link DirectorySync}).
 * Files stored by earlier versions at the key's own path ({@code renders/<project>/<render>/<token>/<file.pdf>})
 * are still found there.
 */
public final class FileBlobStore implements BlobStore {
  private final Path root;
  /** Directories known to exist, so a put does not ask the file system each time. */
  private final java.util.Set<Path> made = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.ConcurrentHashMap<Path, DirectorySync> syncs =
      new java.util.concurrent.ConcurrentHashMap<>();

  public FileBlobStore(Path root) throws IOException {
    this.root = Files.createDirectories(root).toRealPath();
  }

  /** Where {@code key} is stored under {@code root} by this version: see the class comment. */
  public static Path pathOf(Path root, String key) {
    String[] seg = key.split("/", -1);
    for (String x : seg) {
      if (x.equals("..")) throw new IllegalArgumentException("bad blob key " + key);
    }
    Path p;
    if (seg.length <= 3) {
      p = root.resolve(key);
    } else {
      StringBuilder name = new StringBuilder();
      for (int i = 2; i < seg.length; i++) {
        if (i > 2) name.append('~');
        // escaped so that two different keys never share a file name
        name.append(seg[i].replace("%", "%25").replace("~", "%7E"));
      }
      p = root.resolve(seg[0]).resolve(seg[1]).resolve(name.toString());
    }
    p = p.normalize();
    if (!p.startsWith(root)) throw new IllegalArgumentException("bad blob key " + key);
    return p;
  }

  /** The file holding {@code key} under {@code root}: where this version stores it, else where earlier ones did. */
  public static Path locate(Path root, String key) {
    Path p = pathOf(root, key);
    if (Files.exists(p)) return p;
    Path legacy = root.resolve(key).normalize();
    return legacy.startsWith(root) && Files.isRegularFile(legacy) ? legacy : p;
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    Path target = pathOf(root, key);
    Path parent = target.getParent();
    Path firstCreated = null;
    if (!made.contains(parent)) {
      for (Path p = parent; !Files.isDirectory(p); p = p.getParent()) firstCreated = p;
      Files.createDirectories(parent);
    }
    // Random, not the thread id: processes on other machines may share this directory (NFS) and write the same key
    // when one takes over another's render; with one name their writes would interleave in one file.
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + java.util.UUID.randomUUID());
    boolean moved = false;
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
      moved = true;
      // The new name is recorded in its parent: sync it, shared with the other renders stored meanwhile.
      syncs.computeIfAbsent(parent, DirectorySync::new).sync();
      if (firstCreated != null) {
        // and every directory made for it in its own parent, once
        for (Path d = parent; !d.equals(firstCreated.getParent()); d = d.getParent()) syncDirectory(d.getParent());
      }
      made.add(parent);
    } finally {
      // only when the write failed half-way: looking for a file that was renamed away costs an exception each time
      if (!moved) Files.deleteIfExists(tmp);
    }
  }

  /**
   * One directory's fsync, shared: a caller waits for a sync that started after its rename, and starts one itself
   * when none is under way, so renames made while a sync runs are covered together by the next one.
   */
  private static final class DirectorySync {
    private final Path dir;
    private long requested;
    private long synced;
    private boolean running;

    DirectorySync(Path dir) {
      this.dir = dir;
    }

    void sync() throws IOException {
      long mine;
      synchronized (this) {
        mine = ++requested;
      }
      while (true) {
        long covers;
        synchronized (this) {
          while (running && synced < mine) {
            try {
              wait();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new java.io.InterruptedIOException("interrupted while the directory was synced");
            }
          }
          if (synced >= mine) return;
          running = true;
          covers = requested;
        }
        boolean ok = false;
        try {
          syncDirectory(dir);
          ok = true;
        } finally {
          synchronized (this) {
            if (ok) synced = Math.max(synced, covers);
            running = false;
            notifyAll();
          }
        }
      }
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
      return Files.newInputStream(locate(root, key));
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(key);
    }
  }

  @Override
  public byte[] read(String key, long offset, int length) throws IOException {
    try (FileChannel ch = FileChannel.open(locate(root, key), StandardOpenOption.READ)) {
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
    Path p = locate(root, key);
    return Files.exists(p) ? Files.size(p) : -1;
  }
}
