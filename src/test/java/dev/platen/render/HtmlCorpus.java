package dev.platen.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real-world HTML layouts written for the engine equivalence tests (src/test/resources/html-corpus): an invoice,
 * a 1,000-row bank statement, a two-page letter and a certificate, each with data shaped like a customer's.
 */
public final class HtmlCorpus {
  private HtmlCorpus() {}

  public static final String[] NAMES = {"invoice", "statement", "letter", "certificate", "invoice-auto", "invoice-modern",
      "statement-auto", "invoice-grid", "statement-grid"};

  /** The layout object, {"html": …, "css": …}, as a template would publish it. */
  public static JsonNode layout(String name) {
    ObjectNode layout = Canvas.JSON.createObjectNode();
    layout.put("html", resource(name + ".html"));
    layout.put("css", resource(name + ".css"));
    return layout;
  }

  /** A layout of this HTML and CSS, as the equivalence tests build their own. */
  public static ObjectNode of(String html, String css) {
    ObjectNode layout = Canvas.JSON.createObjectNode();
    layout.put("html", html);
    layout.put("css", css);
    return layout;
  }

  /** Corpus layout {@code name} with {@code from} in its HTML replaced (it must be there) and more CSS after its own. */
  public static ObjectNode edited(String name, String from, String to, String extraCss) {
    ObjectNode layout = (ObjectNode) layout(name).deepCopy();
    String html = layout.path("html").asString();
    if (!html.contains(from)) throw new IllegalArgumentException(name + " has no '" + from + "' to replace");
    layout.put("html", html.replace(from, to));
    layout.put("css", layout.path("css").asString() + "\n" + extraCss);
    return layout;
  }

  public static String resource(String file) {
    try (InputStream in = HtmlCorpus.class.getResourceAsStream("/html-corpus/" + file)) {
      if (in == null) throw new IllegalArgumentException("no corpus file " + file);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RenderInput input(String name) {
    return Canvas.input(layout(name), data(name));
  }

  /** The corpus document {@code name}'s data with another layout. */
  public static RenderInput input(String name, JsonNode layout) {
    return Canvas.input(layout, data(name));
  }

  public static String data(String name) {
    return switch (name) {
      case "invoice", "invoice-auto", "invoice-modern", "invoice-grid" -> invoice(8);
      case "statement", "statement-auto", "statement-grid" -> statement(1000);
      case "letter" -> letter();
      case "certificate" -> certificate();
      default -> throw new IllegalArgumentException(name);
    };
  }

  public static String invoice(int items) {
    StringBuilder list = new StringBuilder("[");
    double subtotal = 0;
    for (int i = 1; i <= items; i++) {
      if (i > 1) list.append(',');
      int qty = i % 4 + 1;
      double price = 40 + i * 12.5;
      subtotal += qty * price;
      list.append(String.format(Locale.ROOT, "{\"description\":\"%s\",\"qty\":%d,\"price\":%.2f,\"amount\":%.2f}",
          i % 3 == 0 ? "Consulting — architecture review of the billing service, including a written report" 
              : "Development work, sprint " + i, qty, price, qty * price));
    }
    double vat = Math.round(subtotal * 19) / 100.0;
    return String.format(Locale.ROOT, """
        {"company":{"name":"Nordlicht Software GmbH","address":"Hafenstraße 12, 20457 Hamburg",
          "email":"billing@nordlicht.example","iban":"DE89 3704 0044 0532 0130 00"},
         "invoice":{"number":"INV-2026-0142","date":"2026-06-05","due":"2026-07-05"},
         "customer":{"name":"Zoë Ångström AB","street":"Storgatan 7","city":"114 51 Stockholm"},
         "currency":"EUR","vatRate":19,"items":%s],"subtotal":%.2f,"vat":%.2f,"total":%.2f,
         "notes":"Reverse charge may apply for customers outside Germany."}""",
        list, subtotal, vat, subtotal + vat);
  }

  public static String statement(int rows) {
    StringBuilder tx = new StringBuilder("[");
    double balance = 2500;
    for (int i = 1; i <= rows; i++) {
      if (i > 1) tx.append(',');
      double amount = (i % 5 == 0 ? 1 : -1) * (i * 37 % 900 + 0.45);
      balance += amount;
      String description = switch (i % 6) {
        case 0 -> "Salary June";
        case 1 -> "Card payment Supermarkt Nord 4471";
        case 2 -> "Direct debit Stadtwerke electricity and gas, customer 88213";
        case 3 -> "Transfer to savings";
        case 4 -> "Café Übersee";
        default -> "Online shop order 2026-" + (10000 + i) + " incl. shipping and handling fees";
      };
      tx.append(String.format(Locale.ROOT,
          "{\"date\":\"2026-%02d-%02d\",\"ref\":\"TX%08d\",\"description\":\"%s\",\"amount\":%.2f,\"balance\":%.2f}",
          1 + i % 12, 1 + i % 28, 4_000_000 + i * 7, description, amount, balance));
    }
    return String.format(Locale.ROOT, """
        {"bank":{"name":"Hanse Sparkasse","phone":"+49 40 123 456"},
         "account":{"holder":"Jonas Weber","iban":"DE12 2005 0550 1234 5678 90"},
         "period":{"from":"2026-01-01","to":"2026-12-31"},"opening":2500,"closing":%.2f,"transactions":%s]}""",
        balance, tx);
  }

  public static String letter() {
    String p = "Thank you for the constructive meeting last week. As agreed, we have reviewed the proposal in "
        + "detail with our engineering and finance teams, and we are pleased to confirm that the project can "
        + "start on the first of next month under the terms summarised in the enclosure.";
    return """
        {"org":{"name":"Atelier Rheinblick","street":"Uferweg 3","city":"Köln","phone":"+49 221 555 0100"},
         "recipient":{"name":"Dr. Amélie Durand","street":"12 rue des Lilas","city":"69003 Lyon",
           "salutation":"Dr. Durand"},
         "date":"2026-06-05","subject":"Confirmation of the restoration project",
         "paragraphs":["%s","%s","%s"],
         "terms":["The work starts on 1 July 2026 and ends no later than 30 September 2026.",
           "Payment is due in three equal instalments at the start, midway and on completion.",
           "Either party may end the agreement with thirty days' written notice."],
         "signer":{"name":"Katharina Vogel","role":"Managing Director"}}""".formatted(p, p.substring(0, 120) + ".", p);
  }

  public static String certificate() {
    return """
        {"recipient":"Mateo Fernández","course":{"title":"Advanced Document Automation","hours":24},
         "completedOn":"2026-06-05","instructor":"Priya Raman","director":"Olaf Nilsson","serial":"C-2026-00917",
         "logo":"%s"}""".formatted(Canvas.pngDataUri());
  }

  /** bench/Load.java's TEMPLATE_HTML, read from its source so the two cannot drift apart. */
  public static String benchTemplate() throws Exception {
    String source = benchSource();
    int start = source.indexOf("static final String TEMPLATE = \"\"\"");
    String template = source.substring(source.indexOf('\n', start) + 1, source.indexOf("\"\"\";", start));
    template = template.stripIndent();
    int at = source.indexOf("static final String TEMPLATE_HTML");
    java.util.List<String> parts = literals(source, at);
    // TEMPLATE.replace(parts[0], parts[1] + parts[2..n-1] + parts[n])
    String html = String.join("", parts.subList(2, parts.size() - 1));
    String replacement = parts.get(1) + html.replace("\"", "\\\"") + parts.get(parts.size() - 1);
    if (!template.contains(parts.get(0))) throw new IllegalStateException("bench/Load.java changed its templates");
    return template.replace(parts.get(0), replacement);
  }

  /** bench/Load.java's TEMPLATE_OPENHTML: {@link #benchTemplate()} with the replacements its source makes. */
  public static String benchOpenhtmlTemplate() throws Exception {
    String source = benchSource();
    java.util.List<String> parts = literals(source, source.indexOf("static final String TEMPLATE_OPENHTML"));
    if (parts.size() != 4) throw new IllegalStateException("bench/Load.java changed TEMPLATE_OPENHTML");
    String template = benchTemplate();
    if (!template.contains(parts.get(0))) throw new IllegalStateException("bench/Load.java changed its templates");
    return template.replace(parts.get(0), parts.get(1)).replace(parts.get(2), parts.get(3));
  }

  private static String benchSource() throws java.io.IOException {
    return java.nio.file.Files.readString(java.nio.file.Path.of("bench/Load.java"));
  }

  /**
   * The Java string literals, quotes and backslashes unescaped, of the statement starting at {@code at} (up to its
   * semicolon).
   */
  private static java.util.List<String> literals(String source, int at) {
    String block = source.substring(at, source.indexOf(";\n", at));
    java.util.regex.Matcher literal = java.util.regex.Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(block);
    java.util.List<String> parts = new java.util.ArrayList<>();
    while (literal.find()) parts.add(literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
    return parts;
  }
}
