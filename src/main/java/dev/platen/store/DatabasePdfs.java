package dev.platen.store;

import dev.platen.blob.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * PDFs up to {@link #DEFAULT_MAX_BYTES} kept in SQLite itself, beside the render that points at them, the rest in
 * {@code files}. A file of its own costs a durable PDF two syncs of its own (the file, then its directory for the
 * rename), on top of the commit that marks the render succeeded; inserted in that same transaction
 * ({@link Database#beforeNextWrite}), the PDF is durable with the one WAL sync the commit makes anyway. SQLite
 * reads blobs of this size about as fast as files, and the WAL holds each one until a checkpoint copies it.
 *
 * <p>Only {@link #put(String, byte[], Supplier)} puts bytes in the database; plain {@link #put(String, byte[])}
 * writes files, as before. Reads look in the database first, then in the files, where larger PDFs and every PDF
 * stored before this class existed are.
 */
public final class DatabasePdfs implements BlobStore {
  /** Larger PDFs go to files: each would sit in one transaction, ahead of every other write of its batch. */
  public static final int DEFAULT_MAX_BYTES = 1 << 20;
  /** Their table (migration V20), which backups check and {@code platen migrate} empties into a blob store. */
  public static final String TABLE = "inline_pdfs";

  private final Database db;
  private final BlobStore files;
  private final int maxBytes;

  public DatabasePdfs(Database db, BlobStore files, int maxBytes) {
    if (db.vendor() != Database.Vendor.SQLITE) throw new IllegalArgumentException("PDFs live in SQLite only");
    this.db = db;
    this.files = files;
    this.maxBytes = maxBytes;
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    files.put(key, bytes);
  }

  @Override
  public <T> T put(String key, byte[] bytes, Supplier<T> record) throws IOException {
    if (bytes.length > maxBytes) return files.put(key, bytes, record);
    // A render taken over by a second worker may be stored again under the same key: the last one counts, as with
    // a file renamed over another.
    return db.beforeNextWrite(h -> h.createUpdate("INSERT INTO " + TABLE + " (blob_key, bytes) VALUES (:key, :bytes) "
            + "ON CONFLICT (blob_key) DO UPDATE SET bytes = excluded.bytes")
        .bind("key", key).bind("bytes", bytes).execute(), record);
  }

  @Override
  public InputStream open(String key) throws IOException {
    Optional<byte[]> held = held(key);
    return held.isPresent() ? new ByteArrayInputStream(held.get()) : files.open(key);
  }

  @Override
  public long size(String key) throws IOException {
    Optional<Long> n = db.jdbi().withHandle(h -> h.createQuery(
            "SELECT length(bytes) FROM " + TABLE + " WHERE blob_key = :key")
        .bind("key", key).mapTo(Long.class).findOne());
    return n.isPresent() ? n.get() : files.size(key);
  }

  @Override
  public byte[] read(String key, long offset, int length) throws IOException {
    Optional<byte[]> held = held(key);
    if (held.isEmpty()) return files.read(key, offset, length);
    byte[] all = held.get();
    if (offset + length > all.length) throw new java.io.EOFException(key + " is shorter than " + (offset + length));
    return java.util.Arrays.copyOfRange(all, (int) offset, (int) offset + length);
  }

  private Optional<byte[]> held(String key) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT bytes FROM " + TABLE + " WHERE blob_key = :key")
        .bind("key", key).mapTo(byte[].class).findOne());
  }
}
