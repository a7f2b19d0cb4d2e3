package dev.platen.blob;

import dev.platen.testing.S3Proxy;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class S3BlobStoreTest extends BlobStoreContract {
  @TempDir static Path dir;
  static S3Proxy proxy;
  static S3BlobStore store;

  @BeforeAll
  static void start() {
    proxy = S3Proxy.start(dir);
    proxy.createBucket("contract");
    store = new S3BlobStore(proxy.endpoint, "us-east-1", "contract", S3Proxy.ACCESS_KEY, S3Proxy.SECRET_KEY);
  }

  @AfterAll
  static void stop() {
    store.close();
    proxy.close();
  }

  @Override
  protected BlobStore store() {
    return store;
  }
}
