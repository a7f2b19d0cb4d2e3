package dev.platen.blob;

import java.io.IOException;
import java.io.InputStream;

/** Where finished PDFs live. Keys are slash-separated paths chosen by the caller. */
public interface BlobStore {

  /** Stores the bytes durably; when this returns, {@link #open} of the key will find them. */
  void put(String key, byte[] bytes) throws IOException;

  /**
   * Stores the bytes, then runs {@code record}, the write that makes them reachable (a render marked succeeded with
   * this key). A store whose bytes live in the render database makes them part of that write instead, so one commit
   * holds both and one sync makes both durable; either way, once {@code record} has committed the bytes are stored.
   */
  default <T> T put(String key, byte[] bytes, java.util.function.Supplier<T> record) throws IOException {
    put(key, bytes);
    return record.get();
  }

  /**
   * @return the stored bytes as a stream the caller closes
   * @throws java.io.FileNotFoundException when nothing is stored under the key
   */
  InputStream open(String key) throws IOException;

  /** Size in bytes, or -1 when nothing is stored under the key. */
  long size(String key) throws IOException;

  /**
   * The {@code length} bytes from {@code offset} on, for a download's Range request: a store that can read part of
   * an object without fetching the rest does so.
   *
   * @throws java.io.FileNotFoundException when nothing is stored under the key
   * @throws java.io.EOFException when the object is shorter than {@code offset + length}
   */
  default byte[] read(String key, long offset, int length) throws IOException {
    try (InputStream in = open(key)) {
      in.skipNBytes(offset);
      byte[] bytes = in.readNBytes(length);
      if (bytes.length < length) throw new java.io.EOFException(key + " is shorter than " + (offset + length));
      return bytes;
    }
  }
}
