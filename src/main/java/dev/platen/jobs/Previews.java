package dev.platen.jobs;

import dev.platen.jobs.VersionCache.PreparedVersion;
import dev.platen.jobs.VersionCache.StoredVersion;
import dev.platen.render.RenderException;
import dev.platen.render.RenderInput;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

/**
 * Synchronous renders for template development: the worker's path (prepared version, data read back from its JSON
 * text, a render thread, the render timeout) without the queue, the database row or the stored file, so a preview
 * of a published version is byte for byte the PDF a render of the same data stores.
 *
 * <p>At most {@code maxConcurrent} run at once, on their own render threads: previews are requests a person waits
 * for, and neither they nor the queue's renders should wait behind the other. Over the bound a preview is refused
 * at once rather than queued. The engine and the threads are made on first use, so a process that serves the API
 * only pays for them when someone previews.
 */
public final class Previews implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Previews.class);

  /** The preview was refused because {@code maxConcurrent} were running. */
  public static final class Busy extends Exception {
    Busy() {
      super("too many previews at once", null, false, false);
    }
  }

  /** The document could not be drawn; the message names the cause as a render's {@code errorMessage} would. */
  public static final class Failed extends Exception {
    private final boolean retryable;

    Failed(String message, boolean retryable) {
      super(message, null, false, false);
      this.retryable = retryable;
    }

    /** Not the document's fault (no render thread was free): the same preview may succeed shortly. */
    public boolean retryable() { return retryable; }
  }

  private final int maxConcurrent;
  private final Semaphore permits;
  private final long timeoutMs;
  private final JsonMapper json;
  private final Supplier<VersionCache> versionsFactory;
  private VersionCache versions;
  private RenderThreads threads;
  private boolean closed;

  /**
   * @param versions makes the cache of prepared versions (and with it the engine) on first use; a process that
   *     renders already passes its workers' own
   */
  public Previews(int maxConcurrent, long timeoutMs, JsonMapper json, Supplier<VersionCache> versions) {
    this.maxConcurrent = maxConcurrent;
    this.permits = new Semaphore(maxConcurrent);
    this.timeoutMs = timeoutMs;
    this.json = json;
    this.versionsFactory = versions;
  }

  /** A published version, by id. */
  public byte[] render(String versionId, String data, boolean watermark) throws Busy, Failed {
    return run(() -> versions().get(versionId), data, watermark);
  }

  /** A version that is not stored: a whole draft, or a published one with unsaved layout or page changes. */
  public byte[] render(StoredVersion draft, String data, boolean watermark) throws Busy, Failed {
    return run(() -> versions().prepare(draft), data, watermark);
  }

  private interface Preparation {
    PreparedVersion get() throws RenderException;
  }

  private byte[] run(Preparation preparation, String data, boolean watermark) throws Busy, Failed {
    if (!permits.tryAcquire()) throw new Busy();
    try {
      PreparedVersion v = preparation.get();
      // Read back from the text a render row would hold, as the worker does, so numbers parse the same way.
      RenderInput input = new RenderInput(v.layout(), json.readTree(data), v.page(), v.name(), v.publishedAt(),
          watermark);
      Map<String, String> context = MDC.getCopyOfContextMap();
      return threads().call(() -> {
        if (context != null) MDC.setContextMap(context);
        try {
          return v.engine().render(input);
        } finally {
          MDC.clear();
        }
      }, timeoutMs);
    } catch (RenderException e) {
      throw new Failed(e.getMessage(), e.retryable());
    } catch (RenderThreads.NotStarted e) {
      throw new Failed("no render thread was free for the preview", true);
    } catch (TimeoutException e) {
      throw new Failed("render timed out after "
          + (timeoutMs % 1000 == 0 ? timeoutMs / 1000 + " s" : timeoutMs + " ms"), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failed("the preview was interrupted", true);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RenderException re) throw new Failed(re.getMessage(), re.retryable());
      log.error("preview crashed in the engine", e.getCause());
      throw new Failed("the document could not be rendered (internal engine error)", false);
    } finally {
      permits.release();
    }
  }

  private synchronized VersionCache versions() {
    if (versions == null) versions = versionsFactory.get();
    return versions;
  }

  private synchronized RenderThreads threads() {
    if (closed) throw new IllegalStateException("previews are shut down");
    if (threads == null) {
      // A preview that overruns its timeout holds a stand-in thread until it ends; past maxConcurrent such, new
      // previews find no thread and are refused as busy rather than growing the pool.
      threads = new RenderThreads(maxConcurrent, maxConcurrent,
          () -> log.error("preview threads are held by timed-out previews; previews are refused until they end"));
    }
    return threads;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (threads != null) threads.shutdownNow();
  }
}
