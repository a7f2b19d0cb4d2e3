package dev.platen.render.html;

import static dev.platen.render.Canvas.block;
import static dev.platen.render.Canvas.blocks;
import static org.assertj.core.api.Assertions.assertThat;

import dev.platen.render.Canvas;
import dev.platen.render.EngineSettings;
import dev.platen.render.PageSetup;
import dev.platen.render.RenderInput;
import dev.platen.testing.Pdfs;
import java.io.ByteArrayInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.xml.DomXmpParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code pageConfig.pdfa}: the parts of PDF/A-2b that can be checked without a validator. */
class PdfATest {
  private static final HtmlPdfEngine engine = new HtmlPdfEngine(EngineSettings.defaults());
  private static final PageSetup PDFA = new PageSetup("A4", false, "20mm", "20mm", "20mm", "20mm", true, true);

  @BeforeAll
  static void warmUp() {
    engine.warmUp();
  }

  static RenderInput input(PageSetup page, boolean watermark) {
    return new RenderInput(blocks(block("heading", "{\"content\":\"Archived 漢字\"}"),
        block("text", "{\"content\":\"Kept for ten years. שלום\"}")), Canvas.json("{}"), page, "Archive copy",
        Canvas.DATE, watermark);
  }

  @Test
  void declaresPdfA2bWithAnSrgbOutputIntentAndMetadataDatedByTheDocument() throws Exception {
    byte[] pdf = engine.render(input(PDFA, false));
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getVersion()).isGreaterThanOrEqualTo(1.4f);
      var intents = doc.getDocumentCatalog().getOutputIntents();
      assertThat(intents).hasSize(1);
      PDOutputIntent intent = intents.get(0);
      assertThat(intent.getDestOutputIntent()).isNotNull();
      assertThat(intent.getCOSObject().getNameAsString("S")).isEqualTo("GTS_PDFA1");

      XMPMetadata xmp = new DomXmpParser().parse(new ByteArrayInputStream(
          doc.getDocumentCatalog().getMetadata().toByteArray()));
      assertThat(xmp.getPDFAIdentificationSchema().getPart()).isEqualTo(2);
      assertThat(xmp.getPDFAIdentificationSchema().getConformance()).isEqualTo("B");
      assertThat(xmp.getDublinCoreSchema().getTitle()).isEqualTo("Archive copy");
      assertThat(xmp.getXMPBasicSchema().getCreateDate().toInstant()).isEqualTo(Canvas.DATE);
      assertThat(xmp.getXMPBasicSchema().getModifyDate().toInstant()).isEqualTo(Canvas.DATE);
      assertThat(xmp.getAdobePDFSchema().getProducer()).isEqualTo(doc.getDocumentInformation().getProducer());
      assertThat(doc.getDocumentInformation().getCreationDate().toInstant()).isEqualTo(Canvas.DATE);
      for (var page : doc.getPages()) {
        for (var name : page.getResources().getFontNames()) {
          PDFont font = page.getResources().getFont(name);
          assertThat(font.isEmbedded()).as(font.getName()).isTrue();
        }
      }
    }
    assertThat(Pdfs.text(pdf)).contains("Archived 漢字").contains("שלום");
  }

  @Test
  void staysByteIdenticalAndDiffersFromTheOrdinaryFile() throws Exception {
    byte[] a = engine.render(input(PDFA, true));
    byte[] b = engine.render(input(PDFA, true));
    assertThat(a).isEqualTo(b);
    byte[] plain = engine.render(input(PageSetup.DEFAULT, true));
    try (PDDocument doc = Loader.loadPDF(plain)) {
      assertThat(doc.getDocumentCatalog().getOutputIntents()).isEmpty();
      assertThat(doc.getDocumentCatalog().getMetadata()).isNull();
    }
  }
}
