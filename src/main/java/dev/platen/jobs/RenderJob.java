package dev.platen.jobs;

/**
 * A claimed render with what the worker needs besides its template version (which it reads, parsed once, from a
 * {@link VersionCache}). {@code leaseToken} is the fencing token: it changes on every claim, and every write-back
 * is conditional on it, so a worker that lost its lease cannot overwrite the result of the one that took over.
 *
 * @param downloadToken the secret part of the render's public download address
 * @param attempts this claim's attempt number, starting at 1
 * @param takenOver this claim took the render from a worker whose lease had expired
 */
public record RenderJob(String renderId, String projectId, String templateVersionId, String data, boolean watermark,
    String filename, String downloadToken, long createdAt, long leaseToken, int attempts, String templateId,
    boolean takenOver) {

  /** The same claim, marked as taken over from a worker whose lease had expired. */
  public RenderJob asTakeover() {
    return new RenderJob(renderId, projectId, templateVersionId, data, watermark, filename, downloadToken, createdAt,
        leaseToken, attempts, templateId, true);
  }
}
