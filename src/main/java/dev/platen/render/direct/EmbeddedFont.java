package dev.platen.render.direct;

import java.awt.geom.GeneralPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.fontbox.ttf.HeaderTable;
import org.apache.fontbox.ttf.HorizontalHeaderTable;
import org.apache.fontbox.ttf.OS2WindowsMetricsTable;
import org.apache.fontbox.ttf.PostScriptTable;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;

/**
 * One bundled face embedded in one document as a Type 0 font over a CIDFontType2 subset, written the way PDFBox's
 * {@code PDType0Font.load(doc, ttf, true)} + {@code subset()} writes it (Identity-H, CID = the original glyph id,
 * a CIDToGIDMap into the subset, widths and a ToUnicode map), minus the work that path does for a font it will
 * only subset: it builds the widths of all ~6,000 glyphs and reads them back into a map on load, copies the whole
 * font file into the document, and at save deflates the subset, inflates and parses it again. That was about a
 * quarter of a one-page direct invoice (issue 12). Here widths, the Unicode map and the subset are made once, from
 * the glyphs the pages used. Belongs to one document and the thread that draws it, like the parsed font it reads.
 */
final class EmbeddedFont {
  /** What a PDF font program needs; the same tables PDFBox keeps. */
  private static final List<String> TABLES =
      List.of("head", "hhea", "loca", "maxp", "cvt ", "prep", "glyf", "hmtx", "fpgm", "gasp");
  private static final String BASE25 = "BCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final int ENTRIES_PER_OPERATOR = 100;

  private final Face face;
  private final COSDictionary type0 = new COSDictionary();
  private final BitSet used = new BitSet();

  EmbeddedFont(Face face) {
    this.face = face;
    type0.setItem(COSName.TYPE, COSName.FONT);
    type0.setItem(COSName.SUBTYPE, COSName.TYPE0);
    type0.setItem(COSName.ENCODING, COSName.IDENTITY_H);
  }

  /** The font dictionary pages refer to; complete once {@link #finish} ran. */
  COSDictionary dictionary() {
    return type0;
  }

  /** Keeps the glyph of a code point in the subset. */
  void use(int codePoint) {
    used.set(codePoint);
  }

  /**
   * What a set of code points makes, kept as the bytes written into the document (already deflated), so a document
   * using the same characters gets byte for byte what making it again would give.
   */
  record Subset(String name, TreeMap<Integer, Integer> cidToGid, int length1, byte[] fontFile, byte[] cidToGidMap,
      byte[] cidSet, byte[] toUnicode) {}

  /** Writes the subset, its widths and Unicode map into the document. Call once, after the last page. */
  void finish(PDDocument doc) throws IOException {
    Subset subset = face.subsets.get(used);
    if (subset == null) {
      subset = make(doc);
      face.subsets.put((BitSet) used.clone(), subset);
    }
    TrueTypeFont ttf = face.ttf;
    PDStream fontFile = deflated(doc, subset.fontFile());
    fontFile.getCOSObject().setInt(COSName.LENGTH1, subset.length1());
    PDFontDescriptor descriptor = descriptor(ttf);
    descriptor.setFontName(subset.name());
    descriptor.setFontFile2(fontFile);
    descriptor.setCIDSet(deflated(doc, subset.cidSet()));

    COSDictionary cidFont = new COSDictionary();
    cidFont.setItem(COSName.TYPE, COSName.FONT);
    cidFont.setItem(COSName.SUBTYPE, COSName.CID_FONT_TYPE2);
    cidFont.setName(COSName.BASE_FONT, subset.name());
    COSDictionary info = new COSDictionary();
    info.setString(COSName.REGISTRY, "Adobe");
    info.setString(COSName.ORDERING, "Identity");
    info.setInt(COSName.SUPPLEMENT, 0);
    cidFont.setItem(COSName.CIDSYSTEMINFO, info);
    cidFont.setItem(COSName.FONT_DESC, descriptor.getCOSObject());
    cidFont.setItem(COSName.W, widths(ttf, subset.cidToGid()));
    cidFont.setItem(COSName.CID_TO_GID_MAP, deflated(doc, subset.cidToGidMap()));

    COSArray descendants = new COSArray();
    descendants.add(cidFont);
    type0.setName(COSName.BASE_FONT, subset.name());
    type0.setItem(COSName.DESCENDANT_FONTS, descendants);
    type0.setItem(COSName.TO_UNICODE, deflated(doc, subset.toUnicode()));
  }

  /** Subsets the font to the code points used and deflates its streams as PDFBox would write them. */
  private Subset make(PDDocument doc) throws IOException {
    TrueTypeFont ttf = face.ttf;
    TTFSubsetter subsetter = new TTFSubsetter(ttf, TABLES);
    Set<Integer> codePoints = new HashSet<>();
    used.stream().forEach(codePoints::add);
    subsetter.addAll(codePoints);
    Map<Integer, Integer> newToOld = subsetter.getGIDMap();
    String tag = tag(newToOld);
    subsetter.setPrefix(tag);
    ByteArrayOutputStream program = new ByteArrayOutputStream(32 * 1024);
    subsetter.writeToStream(program);
    byte[] subset = program.toByteArray();

    // CID = original glyph id (what the content streams hold), mapped to the glyph's id in the subset
    TreeMap<Integer, Integer> cidToGid = new TreeMap<>();
    for (Map.Entry<Integer, Integer> e : newToOld.entrySet()) cidToGid.put(e.getValue(), e.getKey());
    return new Subset(tag + ttf.getName(), cidToGid, subset.length,
        raw(new PDStream(doc, new ByteArrayInputStream(subset), COSName.FLATE_DECODE)),
        raw(cidToGidMap(doc, cidToGid)), raw(cidSet(doc, cidToGid)), raw(toUnicode(doc, cidToGid)));
  }

  /** A stream's bytes as stored, filter applied. */
  private static byte[] raw(PDStream stream) throws IOException {
    try (InputStream in = stream.getCOSObject().createRawInputStream()) {
      return in.readAllBytes();
    }
  }

  /** A stream holding bytes already deflated. */
  private static PDStream deflated(PDDocument doc, byte[] raw) throws IOException {
    COSStream stream = doc.getDocument().createCOSStream();
    stream.setItem(COSName.FILTER, COSName.FLATE_DECODE); // first, as PDStream's own constructor orders the keys
    try (OutputStream out = stream.createRawOutputStream()) {
      out.write(raw);
    }
    return new PDStream(stream);
  }

  private static COSArray widths(TrueTypeFont ttf, TreeMap<Integer, Integer> cidToGid) throws IOException {
    float scaling = 1000f / ttf.getHeader().getUnitsPerEm();
    COSArray widths = new COSArray();
    COSArray run = null;
    int previous = Integer.MIN_VALUE;
    for (int cid : cidToGid.keySet()) {
      // the CID is the glyph's id in the whole font, which is the font read here
      long width = Math.round(ttf.getHorizontalMetrics().getAdvanceWidth(cid) * scaling);
      if (width == 1000) continue; // the default width
      if (run == null || previous != cid - 1) {
        run = new COSArray();
        widths.add(COSInteger.get(cid));
        widths.add(run);
      }
      run.add(COSInteger.get(width));
      previous = cid;
    }
    return widths;
  }

  private static PDStream cidToGidMap(PDDocument doc, TreeMap<Integer, Integer> cidToGid) throws IOException {
    byte[] map = new byte[(cidToGid.lastKey() + 1) * 2];
    for (Map.Entry<Integer, Integer> e : cidToGid.entrySet()) {
      int gid = e.getValue();
      map[e.getKey() * 2] = (byte) (gid >> 8);
      map[e.getKey() * 2 + 1] = (byte) gid;
    }
    return new PDStream(doc, new ByteArrayInputStream(map), COSName.FLATE_DECODE);
  }

  /** The CIDs the font holds (PDF/A-1 asks for it; PDFBox writes it always). */
  private static PDStream cidSet(PDDocument doc, TreeMap<Integer, Integer> cidToGid) throws IOException {
    byte[] bits = new byte[cidToGid.lastKey() / 8 + 1];
    for (int cid : cidToGid.keySet()) bits[cid / 8] |= (byte) (1 << 7 - cid % 8);
    return new PDStream(doc, new ByteArrayInputStream(bits), COSName.FLATE_DECODE);
  }

  /** CID → text for extraction and search: the first code point the font's cmap gives the glyph, as PDFBox does. */
  private PDStream toUnicode(PDDocument doc, TreeMap<Integer, Integer> cidToGid) throws IOException {
    StringBuilder entries = new StringBuilder(cidToGid.size() * 16);
    int count = 0;
    StringBuilder cmap = new StringBuilder(cidToGid.size() * 16 + 512);
    cmap.append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n")
        .append("<< /Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n")
        .append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
        .append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (int cid : cidToGid.keySet()) {
      List<Integer> codes = face.charCodes(cid);
      if (codes == null || codes.isEmpty()) continue; // a composite glyph's component has no code point
      entries.append('<').append(hex4(cid)).append("> <");
      String text = new String(new int[] {codes.get(0)}, 0, 1);
      for (int i = 0; i < text.length(); i++) entries.append(hex4(text.charAt(i)));
      entries.append(">\n");
      if (++count == ENTRIES_PER_OPERATOR) {
        cmap.append(count).append(" beginbfchar\n").append(entries).append("endbfchar\n");
        entries.setLength(0);
        count = 0;
      }
    }
    if (count > 0) cmap.append(count).append(" beginbfchar\n").append(entries).append("endbfchar\n");
    cmap.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    byte[] bytes = cmap.toString().getBytes(StandardCharsets.US_ASCII);
    return new PDStream(doc, new ByteArrayInputStream(bytes), COSName.FLATE_DECODE);
  }

  private static String hex4(int v) {
    String h = Integer.toHexString(v).toUpperCase();
    return "0000".substring(h.length()) + h;
  }

  /** The descriptor PDFBox writes for an embedded TrueType font (TrueTypeEmbedder.createFontDescriptor). */
  private static PDFontDescriptor descriptor(TrueTypeFont ttf) throws IOException {
    COSDictionary dict = new COSDictionary();
    dict.setItem(COSName.TYPE, COSName.FONT_DESC);
    PDFontDescriptor fd = new PDFontDescriptor(dict);
    OS2WindowsMetricsTable os2 = ttf.getOS2Windows();
    PostScriptTable post = ttf.getPostScript();
    fd.setFixedPitch(post.getIsFixedPitch() > 0 || ttf.getHorizontalHeader().getNumberOfHMetrics() == 1);
    fd.setItalic((os2.getFsSelection() & (1 | 512)) != 0);
    switch (os2.getFamilyClass()) {
      case OS2WindowsMetricsTable.FAMILY_CLASS_CLAREDON_SERIFS, OS2WindowsMetricsTable.FAMILY_CLASS_FREEFORM_SERIFS,
          OS2WindowsMetricsTable.FAMILY_CLASS_MODERN_SERIFS, OS2WindowsMetricsTable.FAMILY_CLASS_OLDSTYLE_SERIFS,
          OS2WindowsMetricsTable.FAMILY_CLASS_SLAB_SERIFS -> fd.setSerif(true);
      case OS2WindowsMetricsTable.FAMILY_CLASS_SCRIPTS -> fd.setScript(true);
      default -> { }
    }
    fd.setFontWeight(os2.getWeightClass());
    fd.setSymbolic(true);
    fd.setNonSymbolic(false);
    fd.setItalicAngle(post.getItalicAngle());
    HeaderTable header = ttf.getHeader();
    float scaling = 1000f / header.getUnitsPerEm();
    PDRectangle box = new PDRectangle();
    box.setLowerLeftX(header.getXMin() * scaling);
    box.setLowerLeftY(header.getYMin() * scaling);
    box.setUpperRightX(header.getXMax() * scaling);
    box.setUpperRightY(header.getYMax() * scaling);
    fd.setFontBoundingBox(box);
    HorizontalHeaderTable hhea = ttf.getHorizontalHeader();
    fd.setAscent(hhea.getAscender() * scaling);
    fd.setDescent(hhea.getDescender() * scaling);
    if (os2.getVersion() >= 1.2) {
      fd.setCapHeight(os2.getCapHeight() * scaling);
      fd.setXHeight(os2.getHeight() * scaling);
    } else {
      // DejaVu's OS/2 table (version 1) has no cap or x height: PDFBox then takes the tops of "H" and "x" (measured
      // in openhtmltopdf's PDFs: 729 and 546.9). Text extraction sizes glyphs by the cap height, so with the typo
      // estimate (519.5) a cell aligned between two lines went into the other line in extracted text.
      GeneralPath h = ttf.getPath("H");
      fd.setCapHeight(h != null ? Math.round(h.getBounds2D().getMaxY()) * scaling
          : (os2.getTypoAscender() + os2.getTypoDescender()) * scaling);
      GeneralPath x = ttf.getPath("x");
      fd.setXHeight(x != null ? Math.round(x.getBounds2D().getMaxY()) * scaling
          : os2.getTypoAscender() / 2.0f * scaling);
    }
    fd.setStemV(box.getWidth() * .13f);
    return fd;
  }

  /** PDFBox's deterministic subset tag: six letters from the glyph map's hash, then '+'. */
  private static String tag(Map<Integer, Integer> gidMap) {
    long num = Integer.toUnsignedLong(gidMap.hashCode());
    StringBuilder sb = new StringBuilder();
    do {
      long div = num / 25;
      int mod = (int) (num % 25);
      sb.append(BASE25.charAt(mod));
      num = div;
    } while (num != 0 && sb.length() < 6);
    while (sb.length() < 6) sb.insert(0, 'A');
    return sb.append('+').toString();
  }
}
