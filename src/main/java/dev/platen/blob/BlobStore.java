package dev.platen.blob;

import java.io.IOException;
import java.io.InputStream;

/** Where finished PDFs live. Keys are slash-separated paths chosen by the caller. */
public interface BlobStore {

  /** Stores the bytes durably; when this returns, {@link #open} of the key will find them. */
  void put(String key, byte[] bytes) throws IOException;

  /**
   * @return the stored bytes as a stream the caller closes
   * @throws java.io.FileNotFoundException when nothing is stored under the key
   */
  InputStream open(String key) throws IOException;

  /** Size in bytes, or -1 when nothing is stored under the key. */
  long size(String key) throws IOException;
}
