package dev.platen.jobs;

/**
 * The durable record of one render, as the API reads it.
 *
 * @param blobKey where the PDF is stored; set only once succeeded
 * @param attempts claims so far, including the current one
 */
public record RenderRecord(String id, String projectId, String templateId, String templateVersionId,
    RenderStatus status, String filename, String downloadToken, String blobKey, String errorMessage,
    long createdAt, Long completedAt, Long durationMs, int attempts) {}
