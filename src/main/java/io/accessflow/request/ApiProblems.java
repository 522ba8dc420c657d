package io.accessflow.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import io.accessflow.atlassian.AtlassianException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error under {@code /api/} as RFC 7807 {@code application/problem+json} whose detail says
 * what to fix, including Spring's own (unreadable JSON, wrong parameter types, wrong method or
 * media type, unknown paths) and never with a stack trace. It is global so that errors raised
 * before a controller is chosen (405, 415, 404) are covered too; other paths' errors are passed
 * on unchanged (the sandbox's advice goes first and answers in Jira's shape).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblems {

  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
  private static final String API = "/api/";

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidRequestException e, HttpServletRequest request) throws Exception {
    onlyApi(e, request);
    List<FieldError> errors = e.errors().stream().map(ApiProblems::error).toList();
    String detail = e.errors().size() == 1 && e.field() == null ? e.getMessage()
        : "The request has " + (errors.size() == 1 ? "a problem" : errors.size() + " problems") + "; fix "
            + (errors.size() == 1 ? "it" : "them") + " and send it again: "
            + String.join("; ", errors.stream().map(FieldError::message).toList());
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, detail);
    problem.setProperty("errors", errors);
    return answer(problem);
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) throws Exception {
    onlyApi(e, request);
    return answer(problem(e.status(), e.getMessage()));
  }

  @ExceptionHandler(AtlassianException.class)
  ResponseEntity<ProblemDetail> atlassian(AtlassianException e, HttpServletRequest request) throws Exception {
    onlyApi(e, request);
    log.warn("Atlassian failed while checking a request: {}", e.getMessage());
    ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE,
        "Atlassian could not be asked whether the request's targets exist; nothing was started. Try again later.");
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (e instanceof AtlassianException.RateLimited limited) {
      builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, limited.retryAfter().toSeconds())));
    }
    return builder.body(problem);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) throws Exception {
    onlyApi(e, request);
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BodySizeLimit.TooLarge) {
        return answer(problem(HttpStatus.PAYLOAD_TOO_LARGE, "The body is larger than " + BodySizeLimit.MAX_BYTES / 1024
            + " KB; an access request needs far less (a reason has at most 2000 characters)."));
      }
      if (cause instanceof JsonProcessingException json) {
        JsonLocation at = json.getLocation();
        return answer(problem(HttpStatus.BAD_REQUEST, "The body is not valid JSON"
            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
            + ApiException.shorten(String.valueOf(json.getOriginalMessage())) + ". Send a JSON object."));
      }
    }
    return answer(problem(HttpStatus.BAD_REQUEST, "The body is missing or cannot be read: send a JSON object"
        + " such as {\"type\": \"ADD_USER_TO_GROUP\", \"groupName\": \"alpha-developers\"}."));
  }

  @ExceptionHandler(TypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(TypeMismatchException e, HttpServletRequest request) throws Exception {
    onlyApi(e, request);
    String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
    Class<?> type = e.getRequiredType();
    String expected = type == null ? "of another kind"
        : type.isEnum() ? "one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList())
        : type == int.class || type == Integer.class ? "a whole number"
        : type == boolean.class || type == Boolean.class ? "true or false" : "a " + type.getSimpleName();
    String message = name + " must be " + expected + ", not '" + ApiException.shorten(String.valueOf(e.getValue())) + "'";
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, message + ".");
    problem.setProperty("errors", List.of(new FieldError(name, message)));
    return answer(problem);
  }

  /** Spring's own 4xx (and anything unexpected, as a 500 without details). */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> other(Exception e, HttpServletRequest request) throws Exception {
    onlyApi(e, request);
    if (e instanceof ErrorResponse response) {
      HttpStatusCode status = response.getStatusCode();
      ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
      response.getHeaders().forEach((name, values) -> builder.header(name, values.toArray(String[]::new)));
      return builder.body(problem(status, hint(e, response)));
    }
    log.error("The request API failed on {} {}", request.getMethod(), request.getRequestURI(), e);
    return answer(problem(HttpStatus.INTERNAL_SERVER_ERROR,
        "Something went wrong on our side; it has been logged. Try again, or ask an operator to look at the log."));
  }

  private static String hint(Exception e, ErrorResponse response) {
    if (e instanceof HttpRequestMethodNotSupportedException method) {
      return "The method " + method.getMethod() + " is not supported here; use "
          + String.join(" or ", method.getSupportedHttpMethods().stream().map(Object::toString).toList()) + ".";
    }
    if (e instanceof HttpMediaTypeNotSupportedException) {
      return "Send the body as JSON with the header Content-Type: application/json.";
    }
    if (e instanceof HttpMediaTypeNotAcceptableException) {
      return "The answer is JSON: accept application/json (errors are application/problem+json).";
    }
    if (e instanceof NoResourceFoundException) {
      return "There is nothing at this path; the request API is described at /v3/api-docs.";
    }
    String detail = response.getBody().getDetail();
    return detail == null ? response.getStatusCode().toString() : detail;
  }

  /** Errors outside the request API keep their own handling. */
  private static void onlyApi(Exception e, HttpServletRequest request) throws Exception {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith(API)) {
      throw e;
    }
  }

  /** An entry of a problem's {@code errors}: the field (in the API's names) and the whole sentence. */
  record FieldError(String field, String message) {}

  private static FieldError error(RequestError error) {
    String field = error.field() == null ? null : NewAccessRequest.apiField(error.field());
    return new FieldError(field, field == null ? error.problem() : field + " " + error.problem());
  }

  private static ProblemDetail problem(HttpStatusCode status, String detail) {
    return ProblemDetail.forStatusAndDetail(status, detail);
  }

  private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
