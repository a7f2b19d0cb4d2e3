package dev.platen.web;

/**
 * Who a dashboard session belongs to. Today only a project key signs in, so {@code projectId} is fixed for the
 * session's life. An account key ({@code ck_acct_…}) will sign in as {@link Kind#ACCOUNT} with no project of its own
 * and choose one per request; pages ask {@link #projectId()} for the project they show and nothing else, so that
 * change stays inside this record and {@link Sessions}.
 *
 * @param keyHash the hash of the key that signed in, checked again on every request: revoking the key ends the session
 */
public record Viewer(Kind kind, String keyId, String keyHash, String projectId, boolean testKey) {
  public enum Kind { PROJECT, ACCOUNT }
}
