package dev.platen.render.handlebars;

import com.github.jknack.handlebars.internal.HbsLexer;
import com.github.jknack.handlebars.internal.HbsParser;
import com.github.jknack.handlebars.internal.antlr.BaseErrorListener;
import com.github.jknack.handlebars.internal.antlr.CharStreams;
import com.github.jknack.handlebars.internal.antlr.CommonTokenStream;
import com.github.jknack.handlebars.internal.antlr.Lexer;
import com.github.jknack.handlebars.internal.antlr.ParserRuleContext;
import com.github.jknack.handlebars.internal.antlr.RecognitionException;
import com.github.jknack.handlebars.internal.antlr.Recognizer;
import com.github.jknack.handlebars.internal.antlr.Token;
import com.github.jknack.handlebars.internal.antlr.atn.PredictionMode;
import com.github.jknack.handlebars.internal.antlr.tree.ParseTree;
import com.github.jknack.handlebars.internal.antlr.tree.TerminalNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Finds the Handlebars constructs a layout may not use, in the parse tree Handlebars.java's own lexer and parser
 * build from the template: partials and partial blocks (they load other templates, and inline ones expand in memory
 * outside every output limit), decorators ({@code {{#*inline}}} defines a partial), and delimiter changes
 * ({@code {{=<% %>=}}}), after which the rest of the template is parsed again with other delimiters, so a check of
 * the text for {@code {{> } sees none of what follows.
 *
 * <p>Why the parse tree and not the compiled {@code Template}: Handlebars.java keeps its node classes ({@code Block},
 * {@code Partial}, {@code Variable}) package-private, so walking them takes reflection that a library upgrade
 * breaks silently, and a delimiter change leaves no node at all in the compiled template. The parse tree classes
 * are public, checked by the compiler, and keep every statement with its line and column.
 */
final class Constructs {
  private Constructs() {}

  /** A construct that is refused, where it starts in the source (1-based). */
  record Found(int line, int column, String reason) {}

  /**
   * Stands for a source that does not parse. Compiling it reports the syntax error with Handlebars' own message;
   * should it compile all the same, the template is refused rather than left unchecked.
   */
  static final Found UNPARSED = new Found(1, 1, "the template could not be checked for partials and delimiter "
      + "changes");

  /** The first refused construct in document order, {@link #UNPARSED}, or null when there is none. */
  static Found first(String source) {
    HbsLexer lexer = new HbsLexer(CharStreams.fromString(source), "{{", "}}");
    HbsParser parser = new HbsParser(new CommonTokenStream(lexer));
    SyntaxFlag flag = new SyntaxFlag();
    lexer.removeErrorListeners();
    lexer.addErrorListener(flag);
    parser.removeErrorListeners();
    parser.addErrorListener(flag);
    // the prediction mode Handlebars.java itself parses with, so both see the same tree
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    ParseTree root;
    try {
      root = parser.template();
    } catch (RuntimeException | StackOverflowError e) {
      return UNPARSED;
    }
    // iterative and in document order: the first problem is the one the author sees first
    Deque<ParseTree> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      ParseTree node = todo.pop();
      Found found = refused(node);
      // Handlebars.java's parser switches its lexer to new delimiters, which this parser cannot (the hook is
      // package-private), so after a delimiter change the two read different tokens and this one may fail where
      // Handlebars.java does not. Before the first syntax error both read the same tokens: a construct whole there
      // is real, while one the error cuts short is Handlebars' syntax error to report.
      if (found != null) return flag.seen && !flag.after(node) ? UNPARSED : found;
      for (int i = node.getChildCount() - 1; i >= 0; i--) todo.push(node.getChild(i));
    }
    return flag.seen ? UNPARSED : null;
  }

  private static Found refused(ParseTree node) {
    if (node instanceof HbsParser.DelimitersContext d) {
      return at(d, "changing the delimiters (" + shorten(d.getText()) + ") is not supported: write every tag "
          + "with {{ and }}");
    }
    if (node instanceof HbsParser.PartialContext p) {
      return at(p, "partials ({{> name}}) are not supported: write the markup inline");
    }
    if (node instanceof HbsParser.PartialBlockContext p) {
      return at(p, "partials ({{#> name}}…{{/name}}) are not supported: write the markup inline");
    }
    if (node instanceof HbsParser.BlockContext b && b.DECORATOR() != null) {
      String name = b.sexpr() == null ? "" : b.sexpr().getStart().getText();
      return at(b, name.equals("inline")
          ? "inline partials ({{#*inline \"name\"}}) are not supported: write the markup where it is used"
          : "decorators ({{#*" + shorten(name) + "}}) are not supported");
    }
    if (node instanceof TerminalNode t && t.getSymbol().getType() == HbsLexer.DECORATOR) {
      return at(t.getSymbol(), "decorators ({{*name}}) are not supported");
    }
    return null;
  }

  private static Found at(ParserRuleContext c, String reason) {
    return at(c.getStart(), reason);
  }

  private static Found at(Token t, String reason) {
    return new Found(Math.max(1, t.getLine()), t.getCharPositionInLine() + 1, reason);
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  /** Whether the source failed to parse, and where first. */
  private static final class SyntaxFlag extends BaseErrorListener {
    boolean seen;
    private int index;

    @Override public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
        String msg, RecognitionException e) {
      if (seen) return;
      seen = true;
      if (offendingSymbol instanceof Token t) index = t.getStartIndex();
      else if (recognizer instanceof Lexer lexer) index = lexer._tokenStartCharIndex;
    }

    /** Whether the first syntax error lies after the construct's tag, read whole and closed. */
    boolean after(ParseTree node) {
      ParseTree tag = node instanceof TerminalNode ? node.getParent() : node;
      if (!(tag instanceof ParserRuleContext c) || c.exception != null) return false;
      Token stop = c.getStop();
      return stop != null && stop.getText().endsWith("}}") && stop.getStopIndex() < index;
    }
  }
}
