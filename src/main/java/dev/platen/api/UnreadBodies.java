package dev.platen.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Reads and throws away what is left of a request body once the answer is decided (a 413 for a body over the limit,
 * a 401 or 404 before the body was wanted). Jetty otherwise closes the connection on the unread rest while the client
 * is still sending, the client's kernel turns that into a reset, and the client sees a dead connection instead of the
 * answer. Bounded: past {@link #LIMIT} bytes, or when the client waits for a 100 Continue before it sends, the
 * connection is closed as before.
 */
final class UnreadBodies extends HttpFilter {
  static final long LIMIT = 4L * Json.MAX_BODY_BYTES;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    chain.doFilter(request, response);
    long length = request.getContentLengthLong();
    // a request with neither a length nor a chunked body has none (GET /v1/renders/:id, most requests)
    if (length == 0 || length < 0 && request.getHeader("Transfer-Encoding") == null) return;
    if (request.isAsyncStarted() || length > LIMIT || "100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      return;
    }
    try {
      ServletInputStream in = request.getInputStream();
      // a body the handler read to its end (most requests that have one)
      if (in.isFinished()) return;
      byte[] buf = new byte[16384];
      long total = 0;
      for (int n; total <= LIMIT && (n = in.read(buf)) != -1; ) total += n;
    } catch (IOException | IllegalStateException e) {
      // The client went away, or the body was taken as a reader: Jetty closes the connection as it would have.
    }
  }
}
