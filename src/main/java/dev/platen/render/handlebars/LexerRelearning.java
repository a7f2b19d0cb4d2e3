package dev.platen.render.handlebars;

import com.github.jknack.handlebars.internal.HbsLexer;
import com.github.jknack.handlebars.internal.antlr.dfa.DFA;
import java.util.Collection;

/**
 * Handlebars' lexer made to learn templates again from nothing, once the JIT has compiled it (decision D75).
 *
 * <p>ANTLR's lexer caches what it learns in one DFA per mode for the whole process, so after the warm-up's first
 * publishes its ATN simulation ({@code LexerATNSimulator.closure}) no longer runs. C2 had compiled it early with
 * speculative array-store checks on {@code Array2DHashSet}'s generic bucket arrays, which only fail when a template
 * brings the lexer states it has not seen: the first template a user published after start threw that code away,
 * and its recompilation (130–240 ms of C2) fell in the first renders. Learning again from an emptied DFA, while that
 * code is in place, takes those traps during the start instead.
 */
public final class LexerRelearning {
  private LexerRelearning() {}

  /**
   * Empties the lexer's DFA and parses every source again, {@code passes} times, running {@code between} after each
   * pass (to let the compilers recompile what trapped). Only while nothing else parses templates: another thread's
   * lexer would lose what it learnt, which costs it time, not correctness.
   *
   * @throws IllegalStateException when a source does not compile
   */
  public static void run(Collection<String> sources, int passes, Runnable between) {
    for (int pass = 0; pass < passes; pass++) {
      Tables.empty();
      for (String source : sources) {
        try {
          HtmlTemplate.parse(source);
        } catch (HtmlTemplate.SyntaxError e) {
          throw new IllegalStateException("a warm-up template does not compile: " + e.describe(), e);
        }
      }
      between.run();
    }
  }

  /** States the lexer has learnt so far, all modes together. */
  static int learntStates() {
    return Tables.learntStates();
  }

  /** Never made: a subclass only to reach the lexer's shared tables. */
  private static final class Tables extends HbsLexer {
    private Tables() {
      super(null);
    }

    static int learntStates() {
      int n = 0;
      for (DFA dfa : _decisionToDFA) n += dfa.states.size();
      return n;
    }

    static void empty() {
      for (int i = 0; i < _decisionToDFA.length; i++) _decisionToDFA[i] = new DFA(_ATN.getDecisionState(i), i);
    }
  }
}
