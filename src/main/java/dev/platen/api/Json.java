package dev.platen.api;

import dev.platen.errors.Issues;
import dev.platen.errors.PlatenException;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Request bodies in, JSON out: one mapper, hardened against hostile input, shared by the whole service. */
public final class Json {
  /** Request bodies larger than this are refused with 413 before they are parsed. */
  public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Json() {}

  /**
   * The mapper every instance in this process shares. The start-up warm-up's throwaway instance fills its caches
   * (serializers by class) and its buffer pool, so the first real requests do not take the empty-cache branches: the
   * JIT compiled them out during the warm-up, and with a mapper per instance the first real responses sent
   * {@code ObjectMapper.writeValueAsBytes} and the generator's creation back to the interpreter and C2 compiled them
   * again during the first renders (measured, D77).
   */
  public static JsonMapper shared() {
    return Shared.MAPPER;
  }

  private static final class Shared {
    static final JsonMapper MAPPER = newMapper();
  }

  /** A mapper of its own, configured as {@link #shared()} is. */
  public static JsonMapper newMapper() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(200)
            .maxNumberLength(1000)
            .maxStringLength(MAX_BODY_BYTES)
            .build())
        .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  /**
   * ISO-8601 UTC with milliseconds, the only timestamp format on the wire. Written digit by digit for years 1 to
   * 9999, the same as {@code DateTimeFormatter} (checked against it): a render record holds up to six timestamps,
   * and the formatter's Instant, temporal lookups and builder were the largest cost of building one after the JSON
   * itself (profile of {@code GET /v1/renders/:id}).
   */
  public static String time(long epochMs) {
    long days = Math.floorDiv(epochMs, 86_400_000L);
    int msOfDay = (int) Math.floorMod(epochMs, 86_400_000L);
    // days since 1970-01-01 to a civil date (Hinnant's algorithm, proleptic Gregorian like java.time)
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 1 || year > 9_999) return ISO_MILLIS.format(Instant.ofEpochMilli(epochMs));
    byte[] b = new byte[24];
    digits(b, 0, (int) year, 4);
    b[4] = '-';
    digits(b, 5, month, 2);
    b[7] = '-';
    digits(b, 8, day, 2);
    b[10] = 'T';
    digits(b, 11, msOfDay / 3_600_000, 2);
    b[13] = ':';
    digits(b, 14, msOfDay / 60_000 % 60, 2);
    b[16] = ':';
    digits(b, 17, msOfDay / 1_000 % 60, 2);
    b[19] = '.';
    digits(b, 20, msOfDay % 1_000, 3);
    b[23] = 'Z';
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static void digits(byte[] b, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--, value /= 10) b[i] = (byte) ('0' + value % 10);
  }

  public static String time(Long epochMs) {
    return epochMs == null ? null : time(epochMs.longValue());
  }

  /**
   * Reads the whole body, at most {@link #MAX_BODY_BYTES}, and parses it.
   *
   * @throws PlatenException 413 {@code payload_too_large} or 400 {@code invalid_json}
   */
  static JsonNode readBody(Context ctx, JsonMapper mapper) {
    return parse(readBytes(ctx), mapper);
  }

  /** {@link #readBody}, which must be a JSON object: anything else is 400 {@code invalid_request}. */
  static JsonNode readObject(Context ctx, JsonMapper mapper) {
    return object(readBody(ctx, mapper));
  }

  /** {@code body}, which must be a JSON object: anything else is 400 {@code invalid_request}. */
  static JsonNode object(JsonNode body) {
    if (!body.isObject()) throw PlatenException.invalidRequest(Issues.form("Expected a JSON object."));
    return body;
  }

  /**
   * The whole body as sent, at most {@link #MAX_BODY_BYTES}: for a caller that must see the raw bytes (a signature
   * over them) before it parses them with {@link #parse}.
   *
   * @throws PlatenException 413 {@code payload_too_large} or 400 {@code invalid_json}
   */
  static byte[] readBytes(Context ctx) {
    if (ctx.contentLength() > MAX_BODY_BYTES) throw tooLarge(); // the rest is read and dropped by UnreadBodies
    byte[] body;
    try {
      body = readAtMost(ctx.bodyInputStream(), MAX_BODY_BYTES);
    } catch (IOException e) {
      throw new PlatenException(400, "invalid_json", "The request body could not be read.");
    }
    if (body == null) throw tooLarge();
    return body;
  }

  /** @throws PlatenException 400 {@code invalid_json} */
  static JsonNode parse(byte[] body, JsonMapper mapper) {
    if (body.length == 0) throw new PlatenException(400, "invalid_json", "The request body is empty; send JSON.");
    try {
      return mapper.readTree(body);
    } catch (JacksonException e) {
      throw new PlatenException(400, "invalid_json", "The request body is not valid JSON: " + shortReason(e, mapper, body));
    }
  }

  /**
   * What is wrong and where, in JSON's terms: Jackson's own text names its Java types and features (duplicate keys,
   * trailing content, limits), which mean nothing to a client.
   */
  static String shortReason(JacksonException e, JsonMapper mapper, byte[] body) {
    String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().replaceAll("\\s+", " ");
    String what;
    java.util.regex.Matcher dup = java.util.regex.Pattern.compile(
        "^Duplicate (?:field|property|Object property) [\"'](.{0,80}?)[\"'] for")
        .matcher(m);
    if (dup.find()) {
      what = "the key '" + dup.group(1) + "' appears twice in one object";
    } else if (m.startsWith("Trailing token")) {
      what = "more content follows the JSON value";
    } else if (m.contains("nesting depth")) {
      what = "nested deeper than 200 levels";
    } else if (m.startsWith("Number value length") || m.contains("Number length")) {
      what = "a number longer than 1000 characters";
    } else if (m.startsWith("String value length") || m.contains("String length")) {
      what = "a string longer than the 10 MB request limit";
    } else if (m.startsWith("Unexpected end-of-input")) {
      what = "the JSON ends too early (an unclosed object, array or string)";
    } else if (m.isEmpty()) {
      what = "malformed input";
    } else {
      // The rest are syntax errors in JSON's words; any Java type or feature name in them is cut.
      what = m.replaceAll("`[^`]*`", "").replaceAll("\\s*\\((?:CTRL-CHAR, )?code \\d+\\)", "")
          .replaceAll("\\s*\\(for [^)]*\\)", "").replaceAll(" +", " ").trim();
      if (what.length() > 200) what = what.substring(0, 200) + "…";
    }
    var at = e.getLocation();
    if (at == null || at.getLineNr() <= 0) at = stopsAt(mapper, body);
    if (at != null && at.getLineNr() > 0) what += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    return what;
  }

  /**
   * Where a parse stops, for the errors Jackson reports without a location (its limits): the body is read again
   * token by token, which costs nothing on the success path.
   */
  private static tools.jackson.core.TokenStreamLocation stopsAt(JsonMapper mapper, byte[] body) {
    tools.jackson.core.JsonParser p = mapper.createParser(body);
    try (p) {
      while (p.nextToken() != null) {
        if (p.currentToken().isNumeric()) p.getNumberValue(); // where a number's length is checked
      }
      return null;
    } catch (JacksonException e) {
      return p.currentLocation();
    }
  }

  private static PlatenException tooLarge() {
    return new PlatenException(413, "payload_too_large", "Request bodies are limited to 10 MB.");
  }

  /** @return the bytes, or null when the stream holds more than {@code limit} */
  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] buf = new byte[65536];
    int total = 0;
    for (int n; (n = in.read(buf)) != -1; ) {
      total += n;
      if (total > limit) return null;
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }
}
