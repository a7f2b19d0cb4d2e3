package dev.platen.render.handlebars;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Formatter;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsError;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.TagType;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.context.MapValueResolver;
import com.github.jknack.handlebars.io.AbstractTemplateLoader;
import com.github.jknack.handlebars.io.TemplateSource;
import dev.platen.render.RenderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * An HTML layout's Handlebars template, compiled once per distinct (html, css) and applied to render data.
 * Data reaches the template only as maps, lists and scalars through {@code MapValueResolver}, so templates can
 * read keys and nothing else; no loader can read a file; partials, decorators and delimiter changes are refused when
 * it compiles ({@link Constructs}); loops, the template text they expand and the output are bounded per render.
 *
 * <p>Thread-safe: a compiled template is shared by concurrent renders.
 */
public final class HtmlTemplate {
  public static final int MAX_HTML_CHARS = 1024 * 1024;
  public static final int MAX_CSS_CHARS = 256 * 1024;
  /**
   * Handlebars.java's lexer spends tens of microseconds on each tag (its rules carry predicates, which ANTLR cannot
   * cache), so a 1 MB template of nothing but tags took over 10 s to compile, twice: once for the check of its
   * constructs, once to compile it. Counted as occurrences of {@code {{}, which every tag starts with.
   */
  public static final int MAX_TAGS = 10_000;
  public static final long MAX_ITERATIONS = 100_000;
  public static final int MAX_OUTPUT_MB = 20;
  /**
   * Characters of template text a render may evaluate, each loop body counted once per iteration: bounds the work
   * of loops that write little or nothing. A loop of {@link dev.platen.render.RenderInput#MAX_LOOP_ITEMS} items
   * may have a body of 1,000 characters; the slowest template measured (a body of nothing but {@code {{.}}}) took
   * about 1.5 s to reach the limit.
   */
  public static final long MAX_EXPANSION_CHARS = 10_000_000;

  private static final int MAX_OUTPUT_CHARS = MAX_OUTPUT_MB * 1024 * 1024;
  /** Characters measured inside blocks count more than once when nested: see {@link RenderScope#open}. */
  private static final long MAX_PRODUCED_CHARS = 4L * MAX_OUTPUT_CHARS;
  private static final int CACHE_SIZE = 64;

  private static final Handlebars HANDLEBARS = handlebars();

  private static final Map<String, HtmlTemplate> CACHE = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<String, HtmlTemplate> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  private final Template template;
  private final String css;

  private HtmlTemplate(Template template, String css) {
    this.template = template;
    this.css = css;
  }

  /** A Handlebars problem an author must fix, with its position in {@code html} (1-based). */
  public static final class SyntaxError extends Exception {
    private static final String UNSUPPORTED = "Handlebars template error";
    private final int line;
    private final int column;
    private final String kind;

    SyntaxError(int line, int column, String reason) {
      this(line, column, reason, "Handlebars syntax error");
    }

    private SyntaxError(int line, int column, String reason, String kind) {
      super(reason, null, false, false);
      this.line = line;
      this.column = column;
      this.kind = kind;
    }

    /** Valid Handlebars this service does not run: partials, decorators, delimiter changes, too many tags. */
    static SyntaxError unsupported(int line, int column, String reason) {
      return new SyntaxError(line, column, reason, UNSUPPORTED);
    }

    public int line() { return line; }

    public int column() { return column; }

    /** {@code Handlebars syntax error at line L, column C: reason}. */
    public String describe() {
      return kind + " at line " + line + ", column " + column + ": " + getMessage();
    }
  }

  /** The style sheet of the layout, unprocessed (CSS is not a template). */
  public String css() { return css; }

  /**
   * The compiled template, from the cache when this exact (html, css) was compiled before.
   *
   * @throws SyntaxError when the template does not compile, has too many tags, uses partials, decorators or
   *     other delimiters, or calls a disabled helper
   */
  public static HtmlTemplate compile(String html, String css) throws SyntaxError {
    String source = html == null ? "" : html;
    String style = css == null ? "" : css;
    String key = digest(source, style);
    synchronized (CACHE) {
      HtmlTemplate cached = CACHE.get(key);
      if (cached != null) return cached;
    }
    HtmlTemplate compiled = new HtmlTemplate(parse(source), style);
    synchronized (CACHE) {
      CACHE.put(key, compiled);
    }
    return compiled;
  }

  static Template parse(String source) throws SyntaxError {
    int tags = 0;
    for (int at = source.indexOf("{{"); at >= 0; at = source.indexOf("{{", at + 2)) {
      if (++tags > MAX_TAGS) {
        int[] where = position(source, at);
        throw SyntaxError.unsupported(where[0], where[1], "a layout may hold at most "
            + String.format("%,d", MAX_TAGS) + " Handlebars tags ({{…}}); tag " + String.format("%,d", tags)
            + " starts here");
      }
    }
    Constructs.Found refused = Constructs.first(source);
    if (refused != null && refused != Constructs.UNPARSED) {
      throw SyntaxError.unsupported(refused.line(), refused.column(), refused.reason());
    }
    Template t;
    try {
      t = HANDLEBARS.compileInline(source);
    } catch (HandlebarsException e) {
      HandlebarsError err = e.getError();
      if (err != null) throw new SyntaxError(err.line, Math.max(1, err.column + 1), firstLine(err.reason));
      throw new SyntaxError(1, 1, firstLine(e.getMessage()));
    } catch (IOException | RuntimeException e) {
      throw new SyntaxError(1, 1, firstLine(e.getMessage()));
    } catch (StackOverflowError e) {
      throw new SyntaxError(1, 1, "the template is nested too deeply");
    }
    if (refused == Constructs.UNPARSED) {
      throw SyntaxError.unsupported(refused.line(), refused.column(), refused.reason());
    }
    for (String name : t.collect(TagType.VAR, TagType.TRIPLE_VAR, TagType.SECTION, TagType.SUB_EXPRESSION)) {
      if (Helpers.DISABLED.contains(name)) {
        int[] at = position(source, Math.max(0, source.indexOf(name)));
        throw new SyntaxError(at[0], at[1], "the helper '" + name + "' is not available");
      }
    }
    return t;
  }

  /**
   * The HTML for one render.
   *
   * @throws RenderException non-retryable, when loops or output pass their limits, a helper cannot draw its
   *     value (a barcode that cannot encode it, an image that cannot be fetched), or the template fails
   */
  public String apply(JsonNode data, Rendering rendering) throws RenderException {
    Context context = Context.newBuilder(PlainData.of(data)).resolver(MapValueResolver.INSTANCE).build();
    CappedWriter out = new CappedWriter(MAX_OUTPUT_CHARS);
    RenderScope.open(rendering, MAX_ITERATIONS, MAX_PRODUCED_CHARS, MAX_OUTPUT_MB, MAX_EXPANSION_CHARS);
    try {
      template.apply(context, out);
      return out.toString();
    } catch (IOException | RuntimeException e) {
      RenderException user = userCause(e);
      if (user != null) throw user;
      throw new RenderException("the HTML template failed: " + reason(e), false, e);
    } catch (StackOverflowError e) {
      throw new RenderException("the HTML template is nested too deeply", false);
    } finally {
      RenderScope.close();
      context.destroy();
    }
  }

  private static RenderException userCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HelperFailure f) return f.renderException();
      if (t instanceof RenderException r) return r;
    }
    return null;
  }

  private static String reason(Throwable e) {
    if (e instanceof HandlebarsException h && h.getError() != null) {
      HandlebarsError err = h.getError();
      return firstLine(err.reason) + " (line " + err.line + ", column " + (err.column + 1) + ")";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) return firstLine(t.getMessage());
    }
    return e.getClass().getSimpleName();
  }

  /**
   * Handlebars' own HTML escaping (EscapingStrategy.HTML_ENTITY: {@code < > " ' ` & =}) without commons-text's
   * translator, which wrote every character of every value through a StringWriter: 5% of a 1,000-row document.
   */
  static CharSequence escape(CharSequence value) {
    if (value == null) return "";
    int n = value.length();
    int i = 0;
    while (i < n && replacement(value.charAt(i)) == null) i++;
    if (i == n) return value.toString();
    StringBuilder out = new StringBuilder(n + 16).append(value, 0, i);
    for (; i < n; i++) {
      char c = value.charAt(i);
      String r = replacement(c);
      if (r == null) out.append(c);
      else out.append(r);
    }
    return out.toString();
  }

  private static String replacement(char c) {
    return switch (c) {
      case '<' -> "&lt;";
      case '>' -> "&gt;";
      case '"' -> "&quot;";
      case '\'' -> "&#x27;";
      case '`' -> "&#x60;";
      case '&' -> "&amp;";
      case '=' -> "&#x3D;";
      default -> null;
    };
  }

  private static Handlebars handlebars() {
    Handlebars hb = new Handlebars(new RefusingLoader()).with(HtmlTemplate::escape);
    // counts every interpolated value, escaped or not, against the render's memory guard
    hb.with((Formatter) (value, next) -> {
      // objects and lists have no text, as in canvas layouts; Java's toString would print {key=value, …} and,
      // inserted unescaped, turn every key and value of the data into markup
      if (value instanceof Map<?, ?> || value instanceof Collection<?>) return "";
      Object v = next.format(value);
      RenderScope.produced(v == null ? 0 : v instanceof CharSequence s ? s.length() : Helpers.text(v).length());
      return v;
    });
    Helpers.register(hb);
    return hb;
  }

  /** No template, partial or helper file is ever read: the layout is the whole template. */
  private static final class RefusingLoader extends AbstractTemplateLoader {
    @Override public TemplateSource sourceAt(String location) throws IOException {
      throw new IOException("partials are not supported");
    }
  }

  static int[] position(String source, int index) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < index && i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new int[] {line, column};
  }

  /** Unknown helpers, among others, arrive as "java.lang.IllegalArgumentException: could not find helper: …". */
  private static final Pattern JAVA_PREFIX = Pattern.compile("^(?:[\\w$]+\\.)+[\\w$]*(?:Exception|Error):\\s*");

  private static String firstLine(String s) {
    if (s == null || s.isBlank()) return "invalid template";
    String line = JAVA_PREFIX.matcher(s.strip().lines().findFirst().orElse("")).replaceFirst("");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  private static String digest(String html, String css) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(html.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(css.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JVM", e);
    }
  }
}
