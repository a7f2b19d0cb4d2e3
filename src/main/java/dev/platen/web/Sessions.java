package dev.platen.web;

import dev.platen.store.Ids;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dashboard sessions, held in this process's memory: a restart signs everybody out, and with several API processes
 * behind a load balancer a session only works where it was made (sticky sessions). The cookie carries a random
 * token and nothing else; the session holds the viewer and its CSRF token.
 */
final class Sessions {
  static final long IDLE_MS = 12 * 3600_000L;
  /** Past this many live sessions the oldest idle ones go first, so a sign-in flood cannot exhaust the heap. */
  private static final int MAX_SESSIONS = 20_000;

  /**
   * @param streams live-list event streams open now
   * @param chosen the project an account viewer looks at now (null until it picks one); unused for a project key
   */
  record Session(String token, Viewer viewer, String csrf, long createdAt, long[] lastSeen,
      java.util.concurrent.atomic.AtomicInteger streams, java.util.concurrent.atomic.AtomicReference<String> chosen) {
    /** The project the pages show: the key's own, or the one an account viewer picked (null before it picks). */
    String projectId() {
      return viewer.kind() == Viewer.Kind.PROJECT ? viewer.projectId() : chosen.get();
    }

    boolean account() {
      return viewer.kind() == Viewer.Kind.ACCOUNT;
    }

    boolean csrfMatches(String candidate) {
      return candidate != null && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8),
          csrf.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final ConcurrentHashMap<String, Session> byToken = new ConcurrentHashMap<>();
  private final InstantSource clock;

  Sessions(InstantSource clock) {
    this.clock = clock;
  }

  Session create(Viewer v) {
    long now = clock.millis();
    if (byToken.size() >= MAX_SESSIONS) evict(now);
    Session s = new Session(Ids.token(32), v, Ids.token(32), now, new long[] {now},
        new java.util.concurrent.atomic.AtomicInteger(),
        new java.util.concurrent.atomic.AtomicReference<>());
    byToken.put(s.token(), s);
    return s;
  }

  /** The live session of a cookie token, its idle clock restarted; an expired one is removed. */
  Optional<Session> touch(String token) {
    if (token == null || token.length() > 100) return Optional.empty();
    Session s = byToken.get(token);
    if (s == null) return Optional.empty();
    long now = clock.millis();
    synchronized (s) {
      if (now - s.lastSeen()[0] >= IDLE_MS) {
        byToken.remove(token);
        return Optional.empty();
      }
      s.lastSeen()[0] = now;
    }
    return Optional.of(s);
  }

  /** Whether the session still exists and is not idle-expired, without counting as activity (the live list asks). */
  boolean alive(Session s) {
    return byToken.get(s.token()) == s && clock.millis() - s.lastSeen()[0] < IDLE_MS;
  }

  void end(String token) {
    if (token != null) byToken.remove(token);
  }

  private void evict(long now) {
    byToken.values().removeIf(s -> now - s.lastSeen()[0] >= IDLE_MS);
    if (byToken.size() < MAX_SESSIONS) return;
    byToken.values().stream().sorted(java.util.Comparator.comparingLong(s -> s.lastSeen()[0]))
        .limit(MAX_SESSIONS / 10).toList().forEach(s -> byToken.remove(s.token()));
  }
}
