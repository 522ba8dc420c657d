package io.accessflow.sandbox;

import io.accessflow.atlassian.SiteMode;
import io.accessflow.sandbox.SandboxJson.ErrorCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every sandbox error is Jira's ErrorCollection, including Spring's own (bad JSON, wrong types).
 * Ordered first: the request API's global advice would otherwise take these controllers' errors.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = {SandboxAccountsController.class, SandboxProjectsController.class})
@Conditional(SiteMode.OnSandbox.class)
class SandboxErrors {

  private static final Logger log = LoggerFactory.getLogger(SandboxErrors.class);

  @ExceptionHandler(SandboxException.class)
  ResponseEntity<ErrorCollection> sandbox(SandboxException e) {
    return answer(e.status(), e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ErrorCollection> unreadable(HttpMessageNotReadableException e) {
    return answer(HttpStatus.BAD_REQUEST, "The request body is not valid JSON.");
  }

  @ExceptionHandler(TypeMismatchException.class)
  ResponseEntity<ErrorCollection> typeMismatch(TypeMismatchException e) {
    return answer(HttpStatus.BAD_REQUEST, "The value '" + e.getValue() + "' of " + e.getPropertyName() + " is not valid.");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ErrorCollection> other(Exception e) {
    if (e instanceof ErrorResponse response) {
      return answer(response.getStatusCode(), response.getBody().getDetail());
    }
    log.error("Sandbox failed to answer", e);
    return answer(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error: " + e.getMessage());
  }

  static ResponseEntity<ErrorCollection> answer(HttpStatusCode status, String message) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
        .body(ErrorCollection.of(message == null ? status.toString() : message));
  }
}
