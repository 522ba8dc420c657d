package io.accessflow.request;

import org.springframework.http.HttpStatus;

/** An answer other than success, with a detail that tells the caller what to do. */
class ApiException extends RuntimeException {

  private final HttpStatus status;

  ApiException(HttpStatus status, String detail) {
    super(detail);
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }

  static ApiException notFound(String id) {
    return new ApiException(HttpStatus.NOT_FOUND, "There is no access request '" + shorten(id) + "' that you may see.");
  }

  static String shorten(String value) {
    return value.length() > 80 ? value.substring(0, 80) + "…" : value;
  }
}
