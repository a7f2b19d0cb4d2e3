package dev.platen.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite writer's statements are prepared once per SQL text and given out again, as Jdbi runs them with named
 * parameters, updates, queries and {@code RETURNING}; nested and evicted ones are closed.
 */
class CachingStatementBuilderTest {
  @TempDir Path dir;
  Handle h;
  /** Every statement Jdbi executed, in order, as the builder gave it out. */
  final List<PreparedStatement> executed = new ArrayList<>();

  @BeforeEach
  void open() {
    h = Jdbi.create("jdbc:sqlite:" + dir.resolve("t.db")).open();
    h.setStatementBuilder(new CachingStatementBuilder());
    h.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)");
    h.addCustomizer(new StatementCustomizer() {
      @Override
      public void beforeExecution(PreparedStatement stmt, StatementContext ctx) {
        executed.add(stmt);
      }
    });
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aStatementRunAgainIsTheOnePreparedTheFirstTime() throws SQLException {
    for (int i = 0; i < 3; i++) {
      h.createUpdate("INSERT INTO t (a, b) VALUES (:a, :b)").bind("a", i).bind("b", "x" + i).execute();
    }
    for (int i = 0; i < 3; i++) {
      assertThat(h.createQuery("UPDATE t SET b = :b WHERE a = :a RETURNING b").bind("a", i).bind("b", "y" + i)
          .mapTo(String.class).one()).isEqualTo("y" + i);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(h.createQuery("SELECT b FROM t WHERE a = :a").bind("a", i).mapTo(String.class).one())
          .isEqualTo("y" + i);
    }

    assertThat(executed).hasSize(9);
    for (int from = 0; from < 9; from += 3) {
      assertThat(executed.get(from + 1)).isSameAs(executed.get(from));
      assertThat(executed.get(from + 2)).isSameAs(executed.get(from));
      assertThat(executed.get(from).isClosed()).isFalse();
    }
  }

  @Test
  void theSameTextWhileTheFirstIsStillOpenGetsAStatementOfItsOwnThatIsClosedAfter() throws SQLException {
    h.createUpdate("INSERT INTO t (a, b) VALUES (1, 'one'), (2, 'two')").execute();
    String sql = "SELECT b FROM t WHERE a >= :a ORDER BY a";
    try (ResultIterator<String> outer = h.createQuery(sql).bind("a", 1).mapTo(String.class).iterator()) {
      assertThat(outer.next()).isEqualTo("one");
      assertThat(h.createQuery(sql).bind("a", 2).mapTo(String.class).one()).isEqualTo("two");
      assertThat(outer.next()).isEqualTo("two");
    }
    PreparedStatement outer = executed.get(executed.size() - 2);
    PreparedStatement inner = executed.get(executed.size() - 1);
    assertThat(inner).isNotSameAs(outer);
    assertThat(inner.isClosed()).isTrue();
    assertThat(outer.isClosed()).isFalse();

    assertThat(h.createQuery(sql).bind("a", 2).mapTo(String.class).list()).containsExactly("two");
    assertThat(executed.get(executed.size() - 1)).isSameAs(outer);
  }

  @Test
  void statementsPushedOutOfTheCacheAreClosedAtOnceOrWhenTheyComeBack() throws SQLException {
    h.createUpdate("INSERT INTO t (a, b) VALUES (1, 'one'), (2, 'two')").execute();
    PreparedStatement idle = executed.get(0);
    try (ResultIterator<String> held = h.createQuery("SELECT b FROM t ORDER BY a").mapTo(String.class).iterator()) {
      PreparedStatement open = executed.get(1);
      for (int i = 0; i < 200; i++) h.createQuery("SELECT " + i + " FROM t LIMIT 1").mapTo(Integer.class).one();
      assertThat(idle.isClosed()).isTrue();
      assertThat(open.isClosed()).isFalse();
      assertThat(held.next()).isEqualTo("one");
      held.close();
      assertThat(open.isClosed()).isTrue();
    }
  }
}
