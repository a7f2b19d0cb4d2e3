package dev.platen.jobs;

/**
 * The durable record of one render, as the API reads it.
 *
 * @param blobKey where the PDF is stored; set only once succeeded
 * @param attempts claims so far, including the current one
 * @param engine which engine drew the PDF ({@code direct} or {@code html}); set only once succeeded
 * @param engineReason for {@code html}, why the direct engine did not draw it: the template's reason, or the
 *     document's where its data needed openhtmltopdf (null where not known: renders from before the column)
 */
public record RenderRecord(String id, String projectId, String templateId, String templateVersionId,
    RenderStatus status, String filename, String downloadToken, String blobKey, String errorMessage,
    long createdAt, Long completedAt, Long durationMs, int attempts, String engine, String engineReason) {}
