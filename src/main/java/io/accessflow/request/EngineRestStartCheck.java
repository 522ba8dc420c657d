package io.accessflow.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessflow.atlassian.AtlassianException;
import io.accessflow.security.CachedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Judges an access request started over {@code /engine-rest} as {@code POST /api/access-requests}
 * does, before the engine starts anything: an invalid one gets 400 with every bad field and no
 * process instance. When Atlassian cannot answer, the start goes ahead and the process's own
 * validation (with retries) decides.
 */
class EngineRestStartCheck extends OncePerRequestFilter {

  private static final Pattern START = Pattern.compile(
      "/engine-rest/process-definition/(key/" + RequestVariables.PROCESS_KEY + "(/tenant-id/[^/]+)?|"
          + RequestVariables.PROCESS_KEY + "(:|%3A)[^/]+)/(start|submit-form)/?");
  private static final int MAX_BODY = 64 * 1024;

  private final RequestValidator validator;
  private final IdentityService identityService;
  private final ObjectMapper json = new ObjectMapper();

  EngineRestStartCheck(RequestValidator validator, IdentityService identityService) {
    this.validator = validator;
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!"POST".equals(request.getMethod()) || !START.matcher(path).matches()) {
      chain.doFilter(request, response);
      return;
    }
    CachedBodyRequest cached = CachedBodyRequest.read(request, MAX_BODY);
    if (cached == null) {
      refuse(response, 413, List.of(new RequestError(null, "The request body is larger than " + MAX_BODY + " bytes")));
      return;
    }
    List<RequestError> errors = errors(cached.body());
    if (!errors.isEmpty()) {
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, errors);
      return;
    }
    chain.doFilter(cached, response);
  }

  private List<RequestError> errors(byte[] body) {
    Map<String, Object> variables = new HashMap<>();
    try {
      JsonNode given = body.length == 0 ? json.createObjectNode() : json.readTree(body);
      given.path("variables").fields().forEachRemaining(v -> variables.put(v.getKey(), value(v.getValue())));
    } catch (IOException notJson) {
      return List.of(); // the engine answers malformed JSON itself, with 400
    }
    var caller = identityService.getCurrentAuthentication();
    variables.put(RequestVariables.REQUESTER, caller == null ? null : caller.getUserId());
    try {
      validator.resolve(AccessRequest.from(variables::get));
      return List.of();
    } catch (InvalidRequestException e) {
      return e.errors();
    } catch (AtlassianException e) {
      if (e.isTransient()) {
        return List.of();
      }
      throw e;
    }
  }

  /** A REST variable's value; a Json variable's text becomes its JSON value (a list for an array). */
  private Object value(JsonNode variable) {
    JsonNode value = variable.get("value");
    if (value == null || value.isNull()) {
      return null;
    }
    if ("Json".equalsIgnoreCase(variable.path("type").asText()) && value.isTextual()) {
      try {
        return json.readValue(value.asText(), Object.class);
      } catch (IOException e) {
        return value.asText();
      }
    }
    return json.convertValue(value, Object.class);
  }

  private void refuse(HttpServletResponse response, int status, List<RequestError> errors) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    String message = String.join("; ", errors.stream().map(RequestError::message).toList());
    json.writeValue(response.getWriter(), Map.of("type", "InvalidRequestException", "message", message, "errors", errors));
  }
}
