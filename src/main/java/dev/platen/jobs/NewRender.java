package dev.platen.jobs;

/**
 * A render accepted by the API, about to be queued.
 *
 * @param idempotencyKey the client's key, or null; unique per project
 * @param downloadToken the secret part of the render's public download address
 */
public record NewRender(String id, String projectId, String templateId, String templateVersionId, String data,
    String filename, boolean watermark, String idempotencyKey, String downloadToken) {}
