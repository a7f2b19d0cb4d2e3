package dev.platen.web;

/**
 * Who a dashboard session belongs to. A project key ({@link Kind#PROJECT}) sees its own project, fixed for the
 * session's life. The account key ({@code ck_acct_…}, {@link Kind#ACCOUNT}) has no project of its own
 * ({@code projectId} null): it manages projects and keys and picks a project to look at, held by the session
 * ({@code Sessions.Session#projectId()}, which is what pages ask).
 *
 * @param keyHash the hash of the key that signed in, checked again on every request: revoking the key ends the session
 */
public record Viewer(Kind kind, String keyId, String keyHash, String projectId, boolean testKey) {
  public enum Kind { PROJECT, ACCOUNT }
}
