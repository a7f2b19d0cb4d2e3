package dev.platen.store;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the prepared statements of one connection by SQL text, so a write that runs thousands of times is parsed
 * and planned by SQLite once. For one thread's connection ({@link GroupCommit}); a statement still open when the
 * same text is asked for again (nested use) gets a fresh one that is closed as usual.
 *
 * <p>A statement given out is known by identity until it comes back: Jdbi hands {@link #close} the SQL as written
 * (named parameters), not the text {@link #create} was given, so a look-up by text at close never finds it.
 */
final class CachingStatementBuilder implements StatementBuilder {
  private static final int MAX = 128;
  private final DefaultStatementBuilder plain = new DefaultStatementBuilder();
  private final Map<String, PreparedStatement> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
      if (size() <= MAX) return false;
      // one given out is closed when it comes back instead
      if (inUse.replace(eldest.getValue(), Boolean.FALSE) == null) closeQuietly(eldest.getValue());
      return true;
    }
  };
  /** Statements of the cache given out and not yet back: true while the cache still holds them. */
  private final Map<Statement, Boolean> inUse = new IdentityHashMap<>();

  @Override
  public Statement create(Connection conn, StatementContext ctx) throws SQLException {
    return plain.create(conn, ctx);
  }

  @Override
  public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
    if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) return plain.create(conn, sql, ctx);
    PreparedStatement ps = cache.get(sql);
    if (ps != null && !ps.isClosed() && !inUse.containsKey(ps)) {
      ps.clearParameters();
      inUse.put(ps, Boolean.TRUE);
      return ps;
    }
    if (ps != null && inUse.containsKey(ps)) return conn.prepareStatement(sql);
    ps = conn.prepareStatement(sql);
    cache.put(sql, ps);
    inUse.put(ps, Boolean.TRUE);
    return ps;
  }

  @Override
  public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
    return plain.createCall(conn, sql, ctx);
  }

  @Override
  public void close(Connection conn, String sql, Statement stmt) throws SQLException {
    if (Boolean.TRUE.equals(inUse.remove(stmt))) return;
    stmt.close();
  }

  @Override
  public void close(Connection conn) {
    cache.values().forEach(CachingStatementBuilder::closeQuietly);
    cache.clear();
    inUse.clear();
  }

  private static void closeQuietly(Statement s) {
    try {
      s.close();
    } catch (SQLException e) {
      // the connection is going away; nothing to keep
    }
  }
}
