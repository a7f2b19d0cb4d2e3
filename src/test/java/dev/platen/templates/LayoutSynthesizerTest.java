package dev.platen.templates;

import static dev.platen.templates.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LayoutSynthesizerTest {

  @Test
  void buildsTheDocumentFromTheManifest() {
    Manifest manifest = Manifest.parse(json("""
        {'variables': [
           {'key': 'invoice.number', 'label': 'Invoice number', 'dataType': 'text', 'required': true},
           {'key': 'logo', 'label': 'Logo', 'dataType': 'image'},
           {'key': 'total', 'dataType': 'currency', 'format': 'currency:EUR'},
           {'key': 'signature', 'dataType': 'image'}],
         'loops': [{'key': 'items', 'label': 'Items', 'itemFields': [
           {'key': 'name', 'label': 'Product', 'dataType': 'text'},
           {'key': 'qty', 'dataType': 'number'},
           {'key': 'price', 'label': 'Price', 'dataType': 'currency', 'format': 'money:EUR'}]}]}"""), "manifest");
    assertThat(LayoutSynthesizer.synthesize(manifest, "Invoice")).isEqualTo(json("""
        {'version': 1, 'meta': {'title': 'Invoice'},
         'sections': [{'id': 's1', 'type': 'section', 'padding': '0', 'backgroundColor': null,
           'rows': [{'id': 'r1', 'type': 'row', 'gutter': 8,
             'columns': [{'id': 'c1', 'type': 'column', 'width': 100, 'align': 'left', 'blocks': [
               {'id': 'b1', 'type': 'heading', 'props': {'content': 'Invoice', 'as': 'h1', 'align': 'left'}},
               {'id': 'b2', 'type': 'keyValue', 'props': {'items': [
                 {'label': 'Invoice number', 'path': 'invoice.number', 'dataType': 'text'},
                 {'label': 'total', 'path': 'total', 'dataType': 'currency', 'format': 'currency:EUR'}]}},
               {'id': 'b3', 'type': 'text', 'props': {'content': 'Logo', 'align': 'left', 'fontWeight': 'bold'}},
               {'id': 'b4', 'type': 'image', 'props': {'src': '{{logo}}', 'alt': 'Logo', 'align': 'left'}},
               {'id': 'b5', 'type': 'text', 'props': {'content': 'signature', 'align': 'left', 'fontWeight': 'bold'}},
               {'id': 'b6', 'type': 'image', 'props': {'src': '{{signature}}', 'alt': 'signature', 'align': 'left'}},
               {'id': 'b7', 'type': 'heading', 'props': {'content': 'Items', 'as': 'h2', 'align': 'left'}},
               {'id': 'b8', 'type': 'table', 'props': {'loop': 'items', 'columns': [
                 {'header': 'Product', 'field': 'name', 'dataType': 'text', 'align': 'left'},
                 {'header': 'qty', 'field': 'qty', 'dataType': 'number', 'align': 'right'},
                 {'header': 'Price', 'field': 'price', 'dataType': 'currency', 'format': 'money:EUR',
                  'align': 'right'}]}}]}]}]}]}"""));
  }

  @Test
  void anEmptyManifestIsJustTheTitle() {
    JsonNode blocks = LayoutSynthesizer.synthesize(new Manifest(List.of(), List.of()), "Blank")
        .at("/sections/0/rows/0/columns/0/blocks");
    assertThat(blocks).isEqualTo(json("""
        [{'id': 'b1', 'type': 'heading', 'props': {'content': 'Blank', 'as': 'h1', 'align': 'left'}}]"""));
  }

  @Test
  void isDeterministic() {
    Manifest manifest = Manifest.parse(json("""
        {'variables': [{'key': 'a', 'dataType': 'text'}, {'key': 'b', 'dataType': 'image'}],
         'loops': [{'key': 'l', 'label': 'L', 'itemFields': [{'key': 'x', 'dataType': 'url'}]}]}"""), "manifest");
    assertThat(LayoutSynthesizer.synthesize(manifest, "T").toString())
        .isEqualTo(LayoutSynthesizer.synthesize(manifest, "T").toString());
  }
}
