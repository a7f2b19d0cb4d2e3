package dev.platen.render.handlebars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerRelearningTest {
  private static final String LARGE = "<table>{{#each items}}<tr class='{{#if @first}}first{{else}}next{{/if}}'>"
      + "<td>{{description}}</td><td>{{format-number amount 2}}</td></tr>{{/each}}</table>"
      + "{{!-- a comment --}}{{{raw}}}{{#with customer as |c|}}{{c.name}}{{/with}} € ünïcode \"q\" 'a' & < >";

  @Test
  void eachPassStartsFromAnEmptyLexerAndLearnsTheSourcesAgain() throws Exception {
    HtmlTemplate.compile(LARGE + " distinct", "");
    int afterLarge = LexerRelearning.learntStates();
    List<Integer> afterEachPass = new ArrayList<>();
    LexerRelearning.run(List.of("<p>{{a}}</p>"), 3, () -> afterEachPass.add(LexerRelearning.learntStates()));
    assertThat(afterEachPass).hasSize(3);
    // each pass emptied what the large template had taught, then learnt the small one's few states
    assertThat(afterEachPass).allSatisfy(n -> assertThat(n).isPositive().isLessThan(afterLarge));
    // the cache keeps serving compiles afterwards, and grows again with what it meets
    HtmlTemplate.compile(LARGE + " distinct again", "");
    assertThat(LexerRelearning.learntStates()).isGreaterThan(afterEachPass.get(2));
  }

  @Test
  void aSourceThatDoesNotCompileStopsIt() {
    assertThatThrownBy(() -> LexerRelearning.run(List.of("{{#each items}}"), 1, () -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not compile");
  }
}
