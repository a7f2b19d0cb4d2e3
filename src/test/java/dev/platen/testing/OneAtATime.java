package dev.platen.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class beside ordinary classes only: never while a class marked {@link LoadsTheMachine} or this one
 * runs in the suite's other forked JVM (pom.xml runs two, each taking the next class as it finishes one). For the
 * classes whose assertions hold a time or a race that a busy neighbour on a 2-core machine would upset: a 5 s render
 * timeout under bombs, cancels racing workers, a median wait of 50 ms, a restart within 60 s. An operating-system
 * lock on a file under target/ (exclusive here, shared by {@link LoadsTheMachine}), so it holds across the JVMs and
 * is released if one dies. The other JVM waits for it rather than skipping ahead: surefire has already handed it the
 * class.
 */
public class OneAtATime implements BeforeAllCallback, AfterAllCallback {
  private static final Path FILE = Path.of("target/one-at-a-time.lock");
  // a @Nested class inherits the extension and runs inside its outer class, which already holds the lock
  private static int depth;
  private static FileChannel channel;
  private static FileLock lock;

  /** Whether the lock is shared with other classes of this kind: {@link LoadsTheMachine} says yes. */
  boolean shared() {
    return false;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    acquire(shared());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    release();
  }

  private static synchronized void acquire(boolean shared) {
    if (depth++ > 0) return;
    try {
      Files.createDirectories(FILE.getParent());
      channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      lock = channel.lock(0, Long.MAX_VALUE, shared);
    } catch (IOException e) {
      depth--;
      closeQuietly();
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly() {
    try {
      if (channel != null) channel.close();
    } catch (IOException ignored) {
      // already failing with the cause
    }
    channel = null;
  }

  private static synchronized void release() {
    // also called after a beforeAll that failed, this one's included
    if (lock == null || --depth > 0) return;
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock = null;
      channel = null;
    }
  }
}
