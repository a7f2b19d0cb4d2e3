package dev.platen.render.handlebars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platen.render.RenderException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Handlebars layer alone: helpers, escaping, what templates cannot reach, and the limits. */
class HtmlTemplateTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** Stands in for the engine's services; the real ones are exercised by HtmlLayoutEngineTest. */
  static final Rendering FAKE = new Rendering() {
    @Override public String currency(Object amount, String code) {
      return "CUR(" + Helpers.text(amount) + "," + code + ")";
    }

    @Override public String qrDataUri(String value) {
      return "data:image/png;base64,QR";
    }

    @Override public String barcodeDataUri(String value, String format) throws RenderException {
      if ("bad".equals(format)) throw new RenderException("unknown barcode format 'bad'", false);
      return "data:image/png;base64,BAR";
    }
  };

  static final String DATA = """
      {"name":"Zoë <b>Ångström</b> & Co","total":1234.5,"count":3,"due":"2026-06-05",
       "at":"2026-06-05T23:30:00+02:00","items":[{"sku":"A","qty":2},{"sku":"B","qty":5}],
       "customer":{"name":"ACME","vip":true},"empty":"","zero":0}
      """;

  static String render(String html) throws Exception {
    return render(html, DATA);
  }

  static String render(String html, String data) throws Exception {
    return HtmlTemplate.compile(html, null).apply(JSON.readTree(data), FAKE);
  }

  @Test
  void escapesByDefaultAndTripleStashDoesNot() throws Exception {
    assertThat(render("<p>{{name}}</p>")).isEqualTo("<p>Zoë &lt;b&gt;Ångström&lt;/b&gt; &amp; Co</p>");
    assertThat(render("{{{name}}}")).isEqualTo("Zoë <b>Ångström</b> & Co");
  }

  @Test
  void loopsAndConditionals() throws Exception {
    assertThat(render("{{#each items}}[{{@index}}:{{sku}}x{{qty}}]{{/each}}")).isEqualTo("[0:Ax2][1:Bx5]");
    assertThat(render("{{#each items as |it i|}}{{i}}{{it.sku}}{{/each}}")).isEqualTo("0A1B");
    assertThat(render("{{#each missing}}x{{else}}none{{/each}}")).isEqualTo("none");
    assertThat(render("{{#items}}{{sku}}{{/items}}")).isEqualTo("AB");
    assertThat(render("{{#with customer}}{{name}}{{/with}}")).isEqualTo("ACME");
    assertThat(render("{{#if customer.vip}}VIP{{else}}regular{{/if}}")).isEqualTo("VIP");
    assertThat(render("{{lookup customer \"name\"}}")).isEqualTo("ACME");
    assertThat(render("{{#each customer}}{{@key}}={{this}};{{/each}}")).isEqualTo("name=ACME;vip=true;");
  }

  @Test
  void comparisonsAsBlocksSubexpressionsAndInline() throws Exception {
    assertThat(render("{{#if (gt total 100)}}big{{else}}small{{/if}}")).isEqualTo("big");
    assertThat(render("{{#if (lt total 100)}}small{{else}}big{{/if}}")).isEqualTo("big");
    assertThat(render("{{#gt count 2}}more{{else}}less{{/gt}}")).isEqualTo("more");
    assertThat(render("{{#lt count \"10\"}}fewer{{/lt}}")).isEqualTo("fewer");
    assertThat(render("{{#eq customer.name \"ACME\"}}yes{{else}}no{{/eq}}")).isEqualTo("yes");
    assertThat(render("{{#if (eq count 3.0)}}three{{/if}}")).isEqualTo("three");
    assertThat(render("{{eq count 4}}")).isEqualTo("false");
    assertThat(render("{{#each items}}{{#if (gt qty 3)}}{{sku}}{{/if}}{{/each}}")).isEqualTo("B");
    assertThat(render("{{#if (gt due \"2026-01-01\")}}later{{/if}}")).isEqualTo("later");
  }

  @Test
  void formattingHelpers() throws Exception {
    assertThat(render("{{format-date due}}")).isEqualTo("5 June 2026");
    assertThat(render("{{format-date due \"DD/MM/YYYY\"}}")).isEqualTo("05/06/2026");
    assertThat(render("{{format-date due \"YYYY-MM-DD\"}}")).isEqualTo("2026-06-05");
    assertThat(render("{{format-date at}}")).isEqualTo("5 June 2026");
    assertThat(render("{{format-date at \"D MMM YYYY HH:mm\"}}")).isEqualTo("5 Jun 2026 21:30");
    assertThat(render("{{format-date \"not a date\"}}")).isEqualTo("not a date");
    assertThat(render("{{format-date missing}}")).isEmpty();
    assertThat(render("{{format-number total}}")).isEqualTo("1,234.5");
    assertThat(render("{{format-number total 2}}")).isEqualTo("1,234.50");
    assertThat(render("{{format-number 2.345 2}}")).isEqualTo("2.35");
    assertThat(render("{{format-number \"abc\" 2}}")).isEqualTo("abc");
    // the formatters are kept per places count and thread: counts taking turns in one document keep their own
    assertThat(render("{{format-number total 2}}|{{format-number total}}|{{format-number total 0}}|{{format-number -0.001 2}}"))
        .isEqualTo("1,234.50|1,234.5|1,235|-0.00");
    // issue 8, finding 3: DecimalFormat ran out of memory on these; beyond ±10^15 a value prints as written
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(2), () -> {
      assertThat(render("{{format-number \"9e999999999\"}}")).isEqualTo("9e999999999");
      assertThat(render("{{format-number \"1e99999999\" 2}}")).isEqualTo("1e99999999");
      assertThat(render("{{format-number \"-1e16\"}}")).isEqualTo("-1e16");
      assertThat(render("{{format-number \"1e-99999999\" 2}}")).isEqualTo("0.00");
      assertThat(render("{{format-number 2.345 \"9e999999999\"}}")).isEqualTo("2.3450000000");
      assertThat(render("{{format-number 2.345 \"1e-99999999\"}}")).isEqualTo("2");
      assertThat(render("{{format-number 2.345 \"-9e999999999\"}}")).isEqualTo("2");
      assertThat(render("{{format-number \"1e15\"}}")).isEqualTo("1,000,000,000,000,000");
    });
    assertThat(render("{{format-currency total \"EUR\"}}")).isEqualTo("CUR(1234.5,EUR)");
    assertThat(render("{{upper customer.name}} {{lower \"MiXeD\"}}")).isEqualTo("ACME mixed");
    assertThat(render("{{upper name}}")).isEqualTo("ZOË &lt;B&gt;ÅNGSTRÖM&lt;/B&gt; &amp; CO");
    assertThat(render("{{default empty \"n/a\"}}|{{default missing \"n/a\"}}|{{default count \"n/a\"}}"))
        .isEqualTo("n/a|n/a|3");
    assertThat(render("{{default missing \"<b>\"}}")).isEqualTo("&lt;b&gt;");
  }

  @Test
  void codesAreImages() throws Exception {
    assertThat(render("{{qr customer.name}}"))
        .isEqualTo("<img src=\"data:image/png;base64,QR\" alt=\"QR code\" style=\"width:30mm;height:30mm;\"/>");
    assertThat(render("{{qr customer.name size=\"20mm\"}}")).contains("width:20mm;height:20mm");
    assertThat(render("{{qr customer.name size=\"1mm;background:url(x)\"}}")).contains("width:30mm");
    assertThat(render("{{barcode customer.name}}")).startsWith("<img src=\"data:image/png;base64,BAR\"");
    assertThat(render("{{barcode customer.name \"ean13\"}}")).contains("BAR");
    assertThat(render("{{qr missing}}")).isEmpty();
    assertThatThrownBy(() -> render("{{barcode customer.name \"bad\"}}"))
        .isInstanceOf(RenderException.class).hasMessage("unknown barcode format 'bad'");
  }

  @Test
  void javaIsUnreachable() throws Exception {
    String probes = "[{{name.class}}][{{name.bytes}}][{{name.length}}][{{name.empty}}][{{items.class.classLoader}}]"
        + "[{{this.getClass}}][{{this.class}}][{{getClass}}][{{class.name}}][{{items.size}}][{{items.length}}]"
        + "[{{total.class}}][{{customer.class.name}}][{{customer.empty}}][{{customer.size}}][{{zero.class}}]"
        + "[{{lookup name \"class\"}}][{{lookup this \"class\"}}][{{lookup items \"size\"}}]"
        + "[{{#with name}}{{class}}{{bytes}}{{/with}}][{{#with items}}{{class}}{{size}}{{/with}}]"
        + "[{{#each items}}{{class}}{{getClass}}{{/each}}][{{@root.class}}][{{../class}}]"
        + "[{{#each name}}x{{/each}}][{{#name}}{{class}}{{bytes}}{{/name}}]";
    assertThat(render(probes)).isEqualTo("[]".repeat(26));
  }

  /** Found by TemplateFuzzTest: {{{this}}} printed the whole data as Java's Map.toString, unescaped. */
  @Test
  void objectsAndListsPrintNothing() throws Exception {
    assertThat(render("[{{this}}][{{{this}}}][{{customer}}][{{{customer}}}][{{&items}}][{{items.[0]}}]"
        + "[{{lookup items 0}}][{{#each items}}{{this}}{{/each}}][{{#with customer}}{{.}}{{/with}}]"))
        .isEqualTo("[][][][][][][][][]");
    assertThat(render("[{{items.[0].sku}}][{{customer.vip}}][{{count}}]")).isEqualTo("[A][true][3]");
  }

  @Test
  void partialsAndFileHelpersAreRefusedAtCompileTime(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.hbs"), "TOP SECRET");
    String abs = secret.toString().replace(".hbs", "");
    for (String html : new String[] {"a {{> " + abs + "}}", "{{~> x}}", "{{#> layout}}x{{/layout}}",
        "{{> (lookup . 'p')}}", "\n  {{>x}}"}) {
      assertThatThrownBy(() -> HtmlTemplate.compile(html, null)).as(html)
          .isInstanceOf(HtmlTemplate.SyntaxError.class).hasMessageContaining("partials");
    }
    HtmlTemplate.SyntaxError e = catchSyntax("line one\n  {{>x}}");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(3);
    for (String html : new String[] {"{{embedded \"" + abs + "\"}}", "{{precompile \"" + abs + "\"}}",
        "{{i18n \"hello\"}}", "{{log \"x\"}}", "{{#partial \"p\"}}x{{/partial}}", "{{#block \"p\"}}{{/block}}"}) {
      assertThatThrownBy(() -> HtmlTemplate.compile(html, null)).as(html)
          .isInstanceOf(HtmlTemplate.SyntaxError.class).hasMessageContaining("is not available");
    }
  }

  /** Issue 8, finding 4: a delimiter change hid an inline partial and its call from the text search. */
  @Test
  void partialsDecoratorsAndDelimiterChangesAreFoundInTheParsedTemplate() throws Exception {
    assertThat(catchSyntax("{{=<% %>=}}<%#*inline \"p\"%>RAN<%/inline%><%> p%>").describe())
        .isEqualTo("Handlebars template error at line 1, column 1: changing the delimiters ({{=<% %>=}}) is not "
            + "supported: write every tag with {{ and }}");
    assertThat(catchSyntax("<p>\n  {{=[[ ]]=}}[[x]]").describe()).startsWith("Handlebars template error at line 2, "
        + "column 3: changing the delimiters");
    assertThat(catchSyntax("{{={{ }}=}}plain").getMessage()).startsWith("changing the delimiters");
    assertThat(catchSyntax("a\nb\n{{#*inline \"p\"}}x{{/inline}}").describe())
        .isEqualTo("Handlebars template error at line 3, column 1: inline partials ({{#*inline \"name\"}}) are not "
            + "supported: write the markup where it is used");
    for (String html : new String[] {"{{~#*inline \"p\"~}}x{{/inline}}", "{{#each a}}{{#*inline \"p\"}}{{/inline}}"
        + "{{/each}}", "{{#if a}}{{else}}{{#*inline 'q'}}y{{/inline}}{{/if}}"}) {
      assertThat(catchSyntax(html).getMessage()).as(html).startsWith("inline partials");
    }
    assertThat(catchSyntax("{{#if a}}x{{else}}{{> p}}{{/if}}").getMessage()).startsWith("partials ({{> name}})");
    assertThat(catchSyntax("{{#each a}}{{~> p ~}}{{/each}}").getMessage()).startsWith("partials");
    assertThat(catchSyntax("x {{#> layout}}body{{/layout}}").column()).isEqualTo(3);
    assertThat(catchSyntax("{{*inline \"p\"}}").getMessage()).isEqualTo("decorators ({{*name}}) are not supported");
    assertThat(catchSyntax("{{#*deco}}x{{/deco}}").getMessage()).isEqualTo("decorators ({{#*deco}}) are not "
        + "supported");
    // the first in document order is the one reported
    HtmlTemplate.SyntaxError first = catchSyntax("ok\n{{> a}}\n{{=<% %>=}}");
    assertThat(first.line()).isEqualTo(2);
    assertThat(first.getMessage()).startsWith("partials");
    // after a delimiter change the rest is text to Handlebars.java, though it does not parse with {{ and }}
    // (found by TemplateFuzzTest: it had been refused as a template that could not be checked)
    assertThat(catchSyntax("a {{=<% %>=}}<%> p%>{{#if x}}\\{{/if}}").getMessage())
        .startsWith("changing the delimiters");
    assertThat(catchSyntax("{{#if x}}{{=<% %>=}}<%/if%>").getMessage()).startsWith("changing the delimiters");
    // a template that fails to parse still gets Handlebars' own syntax error
    assertThat(catchSyntax("{{> p").describe()).startsWith("Handlebars syntax error at line 1");
    // look-alikes that are not these constructs still compile
    assertThat(render("<p>a > b, 1 = 1, *x*</p>{{!-- {{> p}} {{=<% %>=}} --}}\\{{> escaped}}")).isEqualTo(
        "<p>a > b, 1 = 1, *x*</p>{{> escaped}}");
    // Handlebars.java prints a raw block's body as text, yet still obeys a delimiter change in it: refused too
    assertThat(catchSyntax("{{{{raw}}}}{{=<% %>=}}{{{{/raw}}}}<%> p%>").getMessage()).startsWith("changing");
    assertThat(catchSyntax("{{{{raw}}}}{{> p}}{{{{/raw}}}}").getMessage()).startsWith("partials");
  }

  @Test
  void tagsAreCountedBeforeAnythingIsParsed() throws Exception {
    String most = "<p>{{x}}</p>\n".repeat(HtmlTemplate.MAX_TAGS);
    assertThat(HtmlTemplate.compile(most, null)).isNotNull();
    HtmlTemplate.SyntaxError e = catchSyntax(most + "<p>\n  {{x}}</p>");
    assertThat(e.describe()).isEqualTo("Handlebars template error at line 10002, column 3: a layout may hold at most "
        + "10,000 Handlebars tags ({{…}}); tag 10,001 starts here");
  }

  @Test
  void syntaxErrorsCarryLineAndColumn() {
    HtmlTemplate.SyntaxError e = catchSyntax("<p>ok</p>\n<p>{{#each items}}{{sku}}</p>");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.describe()).startsWith("Handlebars syntax error at line 2, column ");
    HtmlTemplate.SyntaxError unclosed = catchSyntax("{{name");
    assertThat(unclosed.describe()).startsWith("Handlebars syntax error at line 1, column ");
    assertThat(catchSyntax("{{#if a}}x{{/each}}").describe()).contains("line 1");
  }

  @Test
  void unknownHelpersAreRefusedAtCompileTime() throws Exception {
    HtmlTemplate.SyntaxError e = catchSyntax("<p>\n  {{format-money total \"EUR\"}}</p>");
    assertThat(e.describe()).startsWith("Handlebars syntax error at line 2, column 5: ").endsWith("'format-money'");
    assertThat(catchSyntax("{{#if (bigger a 1)}}x{{/if}}").getMessage()).endsWith("'bigger'");
    assertThat(catchSyntax("{{#repeat items}}x{{/repeat}}").getMessage())
        .isEqualTo("could not find helper: 'repeat'");
    // variables, sections, else-chains, block params, whitespace control and comments are not helper calls
    assertThat(render("{{#if customer.vip}}a{{else if count}}b{{/if}}{{~ name ~}}{{! a b }}{{!-- x y --}}"
        + "{{#customer}}{{name}}{{/customer}}{{#each items as |it|}}{{it.sku}}{{/each}}"))
        .isEqualTo("aZoë &lt;b&gt;Ångström&lt;/b&gt; &amp; CoACMEAB");
  }

  @Test
  void compiledTemplatesAreCachedByContent() throws Exception {
    HtmlTemplate a = HtmlTemplate.compile("<p>{{x}}</p>", "p{color:red}");
    assertThat(HtmlTemplate.compile("<p>{{x}}</p>", "p{color:red}")).isSameAs(a);
    assertThat(HtmlTemplate.compile("<p>{{x}}</p>", "p{color:blue}")).isNotSameAs(a);
    assertThat(a.css()).isEqualTo("p{color:red}");
  }

  @Test
  void nestedLoopsStopAtTheIterationLimit() throws Exception {
    StringBuilder items = new StringBuilder("[");
    for (int i = 0; i < 1000; i++) items.append(i == 0 ? "" : ",").append(i);
    String data = "{\"a\":" + items + "]}";
    // 1,000 × 1,000 iterations writing nothing: only the iteration count can stop it
    assertThatThrownBy(() -> render("{{#each a}}{{#each ../a}}{{/each}}{{/each}}", data))
        .isInstanceOf(RenderException.class).hasMessage("template loops exceed 100,000 iterations")
        .matches(e -> !((RenderException) e).retryable());
    // the Mustache spelling of a loop is the same each helper and counts the same
    assertThatThrownBy(() -> render("{{#a}}{{#@root.a}}{{/@root.a}}{{/a}}", data))
        .isInstanceOf(RenderException.class).hasMessage("template loops exceed 100,000 iterations");
    assertThat(render("{{#each a}}{{#if (lt this 3)}}{{this}}{{/if}}{{/each}}", data)).isEqualTo("012");
  }

  /** Issue 8, finding 4: loops whose bodies evaluate much and write nothing were bounded only by iterations. */
  @Test
  void loopBodiesCountTowardsTheExpansionLimit() throws Exception {
    StringBuilder items = new StringBuilder("[");
    for (int i = 0; i < 1000; i++) items.append(i == 0 ? "" : ",").append(i);
    String data = "{\"a\":" + items + "]}";
    String message = "the template expands to more than 10,000,000 characters of Handlebars (each loop body counts "
        + "once per iteration)";
    // 1,000 iterations of 3,000 lookups of nothing: 1,000 iterations pass, 18 MB of template text does not
    String wide = "{{#each a}}" + "{{@x}}".repeat(3_000) + "{{/each}}";
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () ->
        assertThatThrownBy(() -> render(wide, data)).isInstanceOf(RenderException.class).hasMessage(message)
            .matches(e -> !((RenderException) e).retryable()));
    // a nested loop's text counts in each iteration of the outer one as well, and so does plain text
    String filler = "<td></td>".repeat(2_500);
    assertThatThrownBy(() -> render("{{#each a}}{{#each (lookup ../a 0)}}{{/each}}" + filler + "{{/each}}", data))
        .hasMessage(message);
    // the Mustache spelling of a loop counts the same
    assertThatThrownBy(() -> render("{{#a}}" + filler + "{{/a}}", data)).hasMessage(message);
  }

  /** The limits leave room for what a manifest may declare: a loop of MAX_LOOP_ITEMS with a generous row. */
  @Test
  void aDeclaredLoopAtItsLargestRendersWithinTheLimits() throws Exception {
    int rows = dev.platen.render.RenderInput.MAX_LOOP_ITEMS;
    StringBuilder items = new StringBuilder("[");
    for (int i = 0; i < rows; i++) {
      items.append(i == 0 ? "" : ",").append("{\"d\":\"row ").append(i).append("\",\"q\":").append(i)
          .append(",\"on\":\"2026-06-05\"}");
    }
    String row = "<tr class=\"row\"><td style=\"padding: 2pt 4pt; border-bottom: 0.5pt solid #cccccc;\">{{d}}</td>"
        + "<td class=\"num\">{{format-number q 2}}</td><td>{{format-date on \"DD/MM/YYYY\"}}</td>"
        + "<td>{{#if (gt q 100)}}large{{else}}small{{/if}}</td><td>{{upper d}}</td><td>{{default x \"—\"}}</td></tr>";
    String body = row + " ".repeat(1_000 - row.length() - 4); // 1,000 characters of body per iteration in all
    String html = "<table>{{#each items}}" + body + "{{/each}}</table>";
    String out = render(html, "{\"items\":" + items + "]}");
    assertThat(out).contains("<td>ROW 9999</td>").contains("9,999.00");
    assertThat((long) rows * 1_000).isLessThanOrEqualTo(HtmlTemplate.MAX_EXPANSION_CHARS);
    assertThat((long) rows).isLessThanOrEqualTo(HtmlTemplate.MAX_ITERATIONS);
  }

  @Test
  void outputIsBounded() throws Exception {
    String big = "x".repeat(1_000_000);
    StringBuilder items = new StringBuilder("[");
    for (int i = 0; i < 30; i++) items.append(i == 0 ? "" : ",").append('"').append(big).append('"');
    String data = "{\"a\":" + items + "]}";
    assertThatThrownBy(() -> render("{{#each a}}{{this}}{{/each}}", data))
        .isInstanceOf(RenderException.class).hasMessage("document HTML exceeds 20 MB");
    // inside a block, which Handlebars buffers in memory before the writer sees it
    assertThatThrownBy(() -> render("{{#if a}}" + "{{a.[0]}}".repeat(100) + "{{/if}}", data))
        .isInstanceOf(RenderException.class).hasMessage("document HTML exceeds 20 MB");
  }

  private static HtmlTemplate.SyntaxError catchSyntax(String html) {
    try {
      HtmlTemplate.compile(html, null);
    } catch (HtmlTemplate.SyntaxError e) {
      return e;
    }
    throw new AssertionError("compiled: " + html);
  }

  static JsonNode json(String s) {
    return JSON.readTree(s);
  }
}
