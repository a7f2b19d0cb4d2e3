package dev.platen.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Hides {@code X-HTTP-Method-Override} from Javalin, which honours it with no switch to turn it off: a GET (a
 * link, an image tag, a cache or proxy that treats GET as safe) could otherwise delete a template. The method on
 * the request line is the only one we act on.
 */
final class NoMethodOverride extends HttpFilter {
  static final String HEADER = "X-HTTP-Method-Override";

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    chain.doFilter(request.getHeader(HEADER) == null ? request : new Hidden(request), response);
  }

  private static final class Hidden extends HttpServletRequestWrapper {
    Hidden(HttpServletRequest request) {
      super(request);
    }

    private static boolean hidden(String name) {
      return HEADER.equalsIgnoreCase(name);
    }

    @Override public String getHeader(String name) {
      return hidden(name) ? null : super.getHeader(name);
    }

    @Override public Enumeration<String> getHeaders(String name) {
      return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override public Enumeration<String> getHeaderNames() {
      List<String> names = Collections.list(super.getHeaderNames());
      names.removeIf(NoMethodOverride.Hidden::hidden);
      return Collections.enumeration(names);
    }
  }
}
