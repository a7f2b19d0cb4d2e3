package dev.platen.render.direct;

import static org.assertj.core.api.Assertions.assertThat;

import com.openhtmltopdf.layout.UrlAwareLineBreakIterator;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ported iterator gives the places openhtmltopdf's own gives, on URLs, references and random text. */
class LineBreaksTest {
  private static List<Integer> openhtmltopdf(String text) {
    UrlAwareLineBreakIterator it = new UrlAwareLineBreakIterator(BreakIterator.getLineInstance(Locale.US));
    it.setText(text);
    List<Integer> out = new ArrayList<>();
    for (int b = it.next(); b != BreakIterator.DONE; b = it.next()) out.add(b);
    return out;
  }

  private static List<Integer> ported(String text) {
    List<Integer> out = new ArrayList<>();
    for (int b : LineBreaks.of(text)) out.add(b);
    return out;
  }

  @Test
  void urlsAndReferencesBreakWhereOpenhtmltopdfBreaksThem() {
    for (String s : new String[] {"https://pay.example.com/inv/2026/0142", "Visit http://www.example.com today",
        "ftp://a//b///c", "SEPA-Lastschrift 2026/11/04-778", "a/b/c/d", "john.doe@example.com", "(on-site)",
        "x://", "://", "a:/b", "path/to/-file.pdf?x=1&y=2", "Löhne/Gehälter 11/2026", "/leading and trailing/", ""}) {
      assertThat(ported(s)).as(s).isEqualTo(openhtmltopdf(s));
    }
  }

  @Test
  void randomTextBreaksWhereOpenhtmltopdfBreaksIt() {
    Random random = new Random(20261204);
    String alphabet = "abcXYZ019-/.:;,?!@ ()&ü";
    for (int k = 0; k < 5000; k++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(24);
      for (int i = 0; i < length; i++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      if (random.nextInt(4) == 0) b.insert(random.nextInt(b.length() + 1), "://");
      String s = b.toString();
      assertThat(ported(s)).as(s).isEqualTo(openhtmltopdf(s));
    }
  }
}
