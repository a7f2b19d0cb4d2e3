package dev.platen.errors;

/**
 * The one exception type that crosses package boundaries on its way to the HTTP layer. It carries the wire
 * contract (status, stable code, human message, optional validation issues), so the single error mapper in
 * {@code api} never has to guess what went wrong.
 */
public class PlatenException extends RuntimeException {
  private final int status;
  private final String code;
  private final Issues issues;

  public PlatenException(int status, String code, String message) {
    this(status, code, message, null);
  }

  public PlatenException(int status, String code, String message, Issues issues) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.issues = issues;
  }

  public int status() { return status; }

  public String code() { return code; }

  /** Validation details, or null when the error is not about specific fields. */
  public Issues issues() { return issues; }

  public static PlatenException invalidRequest(Issues issues) {
    return new PlatenException(400, "invalid_request", "The request body is not valid.", issues);
  }

  public static PlatenException invalidRequest(String message) {
    return new PlatenException(400, "invalid_request", message, Issues.form(message));
  }

  public static PlatenException invalidInputData(Issues issues) {
    return new PlatenException(400, "invalid_input_data", "Variable data did not match the template manifest.", issues);
  }

  public static PlatenException notFound(String code, String message) {
    return new PlatenException(404, code, message);
  }
}
