package dev.platen.errors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation details in the shape of Zod's {@code flatten()}: messages about the whole body, and messages per
 * dotted field path. Mutable while being collected, then handed to a {@link PlatenException}.
 */
public final class Issues {
  private final List<String> formErrors = new ArrayList<>();
  private final Map<String, List<String>> fieldErrors = new LinkedHashMap<>();

  public static Issues form(String message) {
    Issues i = new Issues();
    i.addForm(message);
    return i;
  }

  public Issues addForm(String message) {
    formErrors.add(message);
    return this;
  }

  public Issues add(String path, String message) {
    fieldErrors.computeIfAbsent(path, k -> new ArrayList<>()).add(message);
    return this;
  }

  public boolean isEmpty() { return formErrors.isEmpty() && fieldErrors.isEmpty(); }

  public boolean has(String path) { return fieldErrors.containsKey(path); }

  public List<String> formErrors() { return Collections.unmodifiableList(formErrors); }

  public Map<String, List<String>> fieldErrors() { return Collections.unmodifiableMap(fieldErrors); }

  /** Throws {@code invalid_request} when anything was collected. */
  public void throwIfAnyAsInvalidRequest() {
    if (!isEmpty()) throw PlatenException.invalidRequest(this);
  }
}
