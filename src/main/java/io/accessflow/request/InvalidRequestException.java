package io.accessflow.request;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request that cannot be carried out as asked; each error names the field and what to fix. The
 * message lists them all, so the process's {@code outcomeMessage} says everything at once.
 */
public class InvalidRequestException extends RuntimeException {

  private final List<RequestError> errors;

  public InvalidRequestException(String field, String problem) {
    this(List.of(new RequestError(field, problem)));
  }

  public InvalidRequestException(List<RequestError> errors) {
    super(errors.stream().map(RequestError::message).collect(Collectors.joining("; ")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid request has at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  /** The request field of the first error, or null when the request as a whole is at fault. */
  public String field() {
    return errors.get(0).field();
  }

  public List<RequestError> errors() {
    return errors;
  }
}
