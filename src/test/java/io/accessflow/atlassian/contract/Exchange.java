package io.accessflow.atlassian.contract;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One HTTP exchange with the sandbox, as Atlassian would have seen it. Deliberately without the
 * Authorization header: credentials must never end up in a test report.
 *
 * @param method HTTP method, upper case
 * @param path path as sent on the wire, relative to the sandbox prefix (e.g. {@code /rest/api/3/group/user})
 * @param query decoded query parameters in request order
 * @param contentType request Content-Type, or null
 * @param accept request Accept, or null
 * @param requestBody request body, or null when there was none
 * @param status response status
 * @param responseContentType response Content-Type, or null
 * @param responseBody response body, or null when there was none
 */
public record Exchange(
    String method,
    String path,
    Map<String, List<String>> query,
    String contentType,
    String accept,
    String requestBody,
    int status,
    String responseContentType,
    String responseBody) {

  public Exchange {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    query.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    query = Collections.unmodifiableMap(copy);
    requestBody = emptyToNull(requestBody);
    responseBody = emptyToNull(responseBody);
  }

  Request toRequest() {
    SimpleRequest.Builder builder = new SimpleRequest.Builder(method, path);
    query.forEach(builder::withQueryParam);
    if (contentType != null) {
      builder.withContentType(contentType);
    }
    if (accept != null) {
      builder.withAccept(accept);
    }
    if (requestBody != null) {
      builder.withBody(requestBody);
    }
    return builder.build();
  }

  SimpleResponse toResponse() {
    SimpleResponse.Builder builder = SimpleResponse.Builder.status(status);
    if (responseContentType != null) {
      builder.withContentType(responseContentType);
    }
    if (responseBody != null) {
      builder.withBody(responseBody);
    }
    return builder.build();
  }

  /** Short form for reports: method, path with query, status. */
  public String describe() {
    String queryString = query.entrySet().stream()
        .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + "=" + v))
        .collect(Collectors.joining("&"));
    return method + " " + path + (queryString.isEmpty() ? "" : "?" + queryString) + " -> " + status;
  }

  private static String emptyToNull(String body) {
    return body == null || body.isEmpty() ? null : body;
  }
}
