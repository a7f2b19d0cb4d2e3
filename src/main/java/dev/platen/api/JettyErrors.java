package dev.platen.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches our handlers (a malformed URI, oversized headers, a broken
 * connection) use the same JSON envelope as everything else, never Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    String errorCode = switch (code) {
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 500 -> "internal";
      case 503 -> "queue_unavailable";
      default -> code >= 500 ? "internal" : "invalid_request";
    };
    String text = code == 413 ? "Request bodies are limited to 10 MB."
        : code >= 500 ? "Unexpected server error." : "The request could not be processed (HTTP " + code + ").";
    String body = "{\"error\":{\"code\":\"" + errorCode + "\",\"message\":\"" + text + "\"}}";
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }
}
