package dev.platen.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The receiver snippets of docs/webhooks.md, taken from the page itself at test time, so a test that verifies
 * deliveries with them proves the documentation, not a copy of it.
 */
final class DocSnippets {
  static final Path DOC = Path.of("docs/webhooks.md");

  private DocSnippets() {}

  /** The body of the first fenced block of {@code language} after the heading {@code ### heading}. */
  static String block(String heading, String language) {
    String doc;
    try {
      doc = Files.readString(DOC);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int h = doc.indexOf("\n### " + heading + "\n");
    assertThat(h).as("docs/webhooks.md has a '### %s' section", heading).isNotNegative();
    int start = doc.indexOf("```" + language + "\n", h);
    assertThat(start).as("a ```%s block under %s", language, heading).isNotNegative();
    start += language.length() + 4;
    int end = doc.indexOf("\n```", start);
    return doc.substring(start, end + 1);
  }

  /** The Java snippet, compiled and loaded: {@code verify(secret, rawBody, signature, timestamp)}. */
  static Verifier java(Path workDir) {
    try {
      Path src = workDir.resolve("WebhookVerifier.java");
      Files.writeString(src, block("Java", "java"));
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      assertThat(javac).as("tests run on a JDK").isNotNull();
      int rc = javac.run(null, null, null, "-d", workDir.toString(), src.toString());
      assertThat(rc).as("the Java snippet of docs/webhooks.md compiles").isZero();
      URLClassLoader loader = new URLClassLoader(new java.net.URL[] {workDir.toUri().toURL()},
          DocSnippets.class.getClassLoader());
      Method verify = loader.loadClass("WebhookVerifier").getMethod("verify", String.class, byte[].class,
          String.class, String.class);
      return (secret, body, signature, timestamp) -> {
        try {
          return (Boolean) verify.invoke(null, secret, body, signature, timestamp);
        } catch (InvocationTargetException e) {
          throw new AssertionError("the snippet threw", e.getCause());
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      };
    } catch (IOException | ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @FunctionalInterface
  interface Verifier {
    boolean verify(String secret, byte[] rawBody, String signature, String timestamp);
  }
}
