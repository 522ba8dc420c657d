package io.accessflow.sandbox;

import org.springframework.http.HttpStatus;

/** An answer other than success, turned into Jira's ErrorCollection by {@link SandboxErrors}. */
class SandboxException extends RuntimeException {

  private final HttpStatus status;

  SandboxException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }

  static SandboxException badRequest(String message) {
    return new SandboxException(HttpStatus.BAD_REQUEST, message);
  }

  static SandboxException notFound(String message) {
    return new SandboxException(HttpStatus.NOT_FOUND, message);
  }

  static SandboxException forbidden(String message) {
    return new SandboxException(HttpStatus.FORBIDDEN, message);
  }
}
