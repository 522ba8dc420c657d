package io.accessflow.request;

/**
 * One thing wrong with a request.
 *
 * @param field the request field at fault (a process variable name), or null for the request as a whole
 * @param problem what is wrong and how to fix it, to follow the field's name
 */
public record RequestError(String field, String problem) {

  /** The error as a sentence, e.g. "groupName is required for this request type". */
  public String message() {
    return field == null ? problem : field + " " + problem;
  }
}
