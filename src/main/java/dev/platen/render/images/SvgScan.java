package dev.platen.render.images;

import dev.platen.render.RenderException;
import dev.platen.render.Units;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an SVG once with a streaming parser that processes no DTD and resolves nothing, before Batik sees it, and
 * refuses what would make Batik expensive or unsafe: entity declarations (billion laughs, external entities),
 * too many elements, elements nested too deeply, and references that multiply the drawing. A {@code <use>} draws
 * a copy of what it points at, so ten nested groups of ten {@code <use>} each draw 10^10 elements from a file of
 * a hundred; the same holds for patterns, masks, clip paths, markers and filters, which Batik builds again for
 * every element that refers to them. The count here is of elements drawn, every copy included, computed on the
 * reference graph without expanding it; a marker counts once per vertex it is drawn at. Also refused: style
 * sheets that import or link others (Batik would try to load them), which would otherwise surface as an internal
 * error.
 */
final class SvgScan {
  private SvgScan() {}

  /** Below the JDK parsers' own limit of 100 (which Batik's parser also meets), so this message comes first. */
  static final int MAX_DEPTH = 64;

  private static final String XLINK = "http://www.w3.org/1999/xlink";
  /** Elements Batik builds again for each element that refers to them with url(#id). */
  private static final Set<String> REBUILT_PER_REFERENCE = Set.of("pattern", "mask", "clipPath", "marker", "filter");
  /** Elements whose href makes them draw (a copy of) the target's content: use, and inheriting patterns/filters. */
  private static final Set<String> COPIES_BY_HREF = Set.of("use", "feImage", "pattern", "filter");
  private static final Pattern URL_REF = Pattern.compile("url\\(\\s*['\"]?#([^)'\"\\s]+)");
  /** "@import", and any at-keyword written with a CSS escape ("@\69mport"), which only serves to hide one. */
  private static final Pattern IMPORT = Pattern.compile("@(import|[a-z-]*\\\\)", Pattern.CASE_INSENSITIVE);

  private static final XMLInputFactory FACTORY = factory();

  private static XMLInputFactory factory() {
    // the JDK's own implementation: whatever else is on the classpath, these properties mean what they say
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setXMLResolver((publicId, systemId, base, namespace) -> {
      throw new XMLStreamException("external resources are not read");
    });
    return f;
  }

  static void check(String shown, byte[] svg, int maxElements) throws RenderException {
    refuseEntities(shown, svg);
    Graph graph = new Graph();
    XMLStreamReader r = null;
    try {
      synchronized (FACTORY) {
        r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(svg));
      }
      int depth = 0;
      int styleDepth = -1;
      StringBuilder style = new StringBuilder();
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.DTD -> {
            if (r.getText().indexOf('[') >= 0) throw declaresEntities(shown);
          }
          case XMLStreamConstants.ENTITY_REFERENCE ->
              throw ImageGuard.refused(shown, "is an SVG that uses entity references (&" + r.getLocalName()
                  + ";), which are not allowed");
          case XMLStreamConstants.PROCESSING_INSTRUCTION -> {
            if ("xml-stylesheet".equalsIgnoreCase(r.getPITarget())) {
              throw ImageGuard.refused(shown, "is an SVG that links a style sheet (<?xml-stylesheet?>), "
                  + "which is not allowed");
            }
          }
          case XMLStreamConstants.START_ELEMENT -> {
            if (graph.size() == maxElements) {
              throw ImageGuard.refused(shown, "is an SVG of more than " + Units.count(maxElements)
                  + " elements; the limit is " + Units.count(maxElements) + " (PLATEN_MAX_SVG_ELEMENTS)");
            }
            if (++depth > MAX_DEPTH) {
              throw ImageGuard.refused(shown, "is an SVG nested more than " + MAX_DEPTH + " levels deep");
            }
            graph.add(r);
            if (styleDepth < 0 && r.getLocalName().equals("style")) {
              styleDepth = depth;
              style.setLength(0);
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            if (styleDepth >= 0) style.append(r.getText());
          }
          case XMLStreamConstants.END_ELEMENT -> {
            if (depth == styleDepth) {
              styleDepth = -1;
              if (IMPORT.matcher(style).find()) {
                throw ImageGuard.refused(shown, "is an SVG whose style sheet imports another (@import), "
                    + "which is not allowed");
              }
              graph.styleSheet(style);
            }
            depth--;
            graph.close();
          }
          default -> { }
        }
      }
    } catch (XMLStreamException e) {
      Location at = e.getLocation();
      String where = at == null || at.getLineNumber() < 0 ? ""
          : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
      throw ImageGuard.refused(shown, "is an SVG that is not well-formed XML" + where);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing was opened that closing could release
        }
      }
    }
    long drawn = graph.drawn(shown);
    if (drawn > maxElements) {
      throw ImageGuard.refused(shown, "is an SVG whose references (<use> and the like) draw "
          + (drawn == Long.MAX_VALUE ? "more than " + Units.count(maxElements) : Units.count(drawn))
          + " elements; the limit is " + Units.count(maxElements) + " (PLATEN_MAX_SVG_ELEMENTS)");
    }
  }

  /**
   * A quick look at the raw text first, so a billion-laughs file is refused before any parser starts. A plain
   * DOCTYPE, common in editor exports, passes; an internal subset (where entities are declared) does not.
   */
  static void refuseEntities(String shown, byte[] svg) throws RenderException {
    String text = new String(svg, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
    int doctype = text.indexOf("<!DOCTYPE");
    int end = doctype < 0 ? -1 : text.indexOf('>', doctype);
    int subset = doctype < 0 ? -1 : text.indexOf('[', doctype);
    if (text.contains("<!ENTITY") || (doctype >= 0 && (end < 0 || (subset >= 0 && subset < end)))) {
      throw declaresEntities(shown);
    }
  }

  private static RenderException declaresEntities(String shown) {
    return ImageGuard.refused(shown, "is an SVG that declares entities, which is not allowed");
  }

  /**
   * The elements as a graph: each has its children and the elements it refers to, and draws itself, its children
   * and a copy of everything it refers to. Counted bottom-up with memoisation, so a file that would draw 10^18
   * elements costs as much to count as one that draws a hundred.
   *
   * <p>A marker is drawn at every vertex of the shapes it applies to, so a reference to one from an element counts
   * the marker once per vertex of everything that element draws (markers are inherited, also into copies). A reference made in a style sheet is
   * not tied to elements here (that would take selector matching): it counts as applying to every element in the
   * file, or for a marker to every vertex, which overestimates but never misses a multiplication.
   */
  private static final class Graph {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");

    private final List<String> names = new ArrayList<>();
    private final List<List<Integer>> kids = new ArrayList<>();
    private final List<List<String>> hrefs = new ArrayList<>();
    private final List<List<String>> urlRefs = new ArrayList<>();
    private final List<Long> vertices = new ArrayList<>();
    private final List<String> styleSheetRefs = new ArrayList<>();
    private final Map<String, List<Integer>> ids = new HashMap<>();
    private final List<Integer> open = new ArrayList<>();

    int size() { return names.size(); }

    void add(XMLStreamReader r) {
      int index = names.size();
      String name = r.getLocalName();
      names.add(name);
      kids.add(null);
      if (!open.isEmpty()) {
        int parent = open.get(open.size() - 1);
        if (kids.get(parent) == null) kids.set(parent, new ArrayList<>(4));
        kids.get(parent).add(index);
      }
      open.add(index);
      List<String> href = null;
      List<String> urls = null;
      long ownVertices = name.equals("line") ? 2 : 0;
      for (int a = 0; a < r.getAttributeCount(); a++) {
        String ns = r.getAttributeNamespace(a);
        String local = r.getAttributeLocalName(a);
        String value = r.getAttributeValue(a);
        boolean noNamespace = ns == null || ns.isEmpty();
        if ((noNamespace && local.equals("id")) || (XMLConstants.XML_NS_URI.equals(ns) && local.equals("id"))) {
          ids.computeIfAbsent(value.trim(), k -> new ArrayList<>(1)).add(index);
        } else if (local.equals("href") && (noNamespace || XLINK.equals(ns))) {
          String v = value.trim();
          if (v.startsWith("#") && COPIES_BY_HREF.contains(name)) {
            if (href == null) href = new ArrayList<>(2);
            href.add(v.substring(1));
          }
        } else if (noNamespace && ((local.equals("d") && name.equals("path"))
            || (local.equals("points") && (name.equals("polyline") || name.equals("polygon"))))) {
          ownVertices = (numbers(value) + 1) / 2;
        } else if (value.contains("url(")) {
          urls = urlRefs(value, urls);
        }
      }
      hrefs.add(href);
      urlRefs.add(urls);
      vertices.add(ownVertices);
    }

    void close() {
      open.remove(open.size() - 1);
    }

    void styleSheet(CharSequence css) {
      List<String> refs = urlRefs(css, null);
      if (refs != null) styleSheetRefs.addAll(refs);
    }

    private static List<String> urlRefs(CharSequence value, List<String> into) {
      Matcher m = URL_REF.matcher(value);
      while (m.find()) {
        if (into == null) into = new ArrayList<>(2);
        into.add(m.group(1));
      }
      return into;
    }

    private static long numbers(String s) {
      long n = 0;
      Matcher m = NUMBER.matcher(s);
      while (m.find()) n++;
      return n;
    }

    /** Elements drawn by the root, copies included; Long.MAX_VALUE when past counting. */
    long drawn(String shown) throws RenderException {
      int n = names.size();
      if (n == 0) return 0;
      long[] total = new long[n];
      long[] drawnVertices = new long[n]; // vertices of the shapes an element draws, copies included
      byte[] state = new byte[n];         // 0 not seen, 1 being counted (on the path), 2 counted
      int[] stack = new int[Math.max(16, n)];
      int top = 0;
      stack[top++] = 0;
      while (top > 0) {
        int node = stack[--top];
        if (node < 0) {
          int i = ~node;
          List<int[]> deps = dependencies(i);
          long v = vertices.get(i);
          for (int[] d : deps) {
            if (d[1] == COPY) v = add(v, drawnVertices[d[0]]);
          }
          drawnVertices[i] = v;
          long sum = 1;
          for (int[] d : deps) sum = add(sum, multiply(total[d[0]], d[1] == MARKER ? Math.max(1, v) : 1));
          total[i] = sum;
          state[i] = 2;
          continue;
        }
        if (state[node] == 2) continue;
        if (state[node] == 1) throw loop(shown);
        state[node] = 1;
        List<int[]> deps = dependencies(node);
        if (top + 1 + deps.size() > stack.length) {
          stack = Arrays.copyOf(stack, Math.max(stack.length * 2, top + 1 + deps.size()));
        }
        stack[top++] = ~node;
        for (int[] d : deps) {
          if (state[d[0]] == 1) throw loop(shown);
          if (state[d[0]] == 0) stack[top++] = d[0];
        }
      }
      long drawn = total[0];
      for (String id : styleSheetRefs) {
        for (int target : ids.getOrDefault(id, List.of())) {
          if (!REBUILT_PER_REFERENCE.contains(names.get(target))) continue;
          long times = names.get(target).equals("marker") ? Math.max(1, drawnVertices[0]) : total[0];
          drawn = add(drawn, multiply(total[target], times));
        }
      }
      return drawn;
    }

    private static RenderException loop(String shown) {
      return ImageGuard.refused(shown, "is an SVG whose references form a loop (an element that uses itself)");
    }

    private static final int COPY = 0;
    private static final int REBUILT = 1;
    private static final int MARKER = 2;

    /**
     * What one element draws besides itself, as (element, how): its children and the targets of its copying
     * hrefs (COPY), the pattern-like targets of its url(#id) references (REBUILT), markers (MARKER: once per
     * vertex of what the element draws).
     */
    private List<int[]> dependencies(int i) {
      List<int[]> deps = new ArrayList<>();
      if (kids.get(i) != null) {
        for (int k : kids.get(i)) deps.add(new int[] {k, COPY});
      }
      if (hrefs.get(i) != null) {
        for (String id : hrefs.get(i)) {
          for (int target : ids.getOrDefault(id, List.of())) deps.add(new int[] {target, COPY});
        }
      }
      if (urlRefs.get(i) != null) {
        for (String id : urlRefs.get(i)) {
          for (int target : ids.getOrDefault(id, List.of())) {
            String kind = names.get(target);
            if (REBUILT_PER_REFERENCE.contains(kind)) {
              deps.add(new int[] {target, kind.equals("marker") ? MARKER : REBUILT});
            }
          }
        }
      }
      return deps;
    }

    private static long add(long a, long b) {
      long s = a + b;
      return s < 0 ? Long.MAX_VALUE : s;
    }

    private static long multiply(long a, long b) {
      return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }
  }
}
