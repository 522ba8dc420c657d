package io.accessflow.request;

/** A request that cannot be carried out as asked; the message names the field and what to fix. */
public class InvalidRequestException extends RuntimeException {

  private final String field;

  public InvalidRequestException(String field, String problem) {
    super(field == null ? problem : field + " " + problem);
    this.field = field;
  }

  /** The request field at fault, or null when the request as a whole is. */
  public String field() {
    return field;
  }
}
