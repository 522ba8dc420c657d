package io.accessflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** Error answers of the REST guards, in Camunda's REST error shape {@code {"type","message"}}. */
final class RestErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RestErrors() {}

  static void send(HttpServletResponse response, int status, String type, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSON.writeValueAsString(Map.of("type", type, "message", message)));
  }
}
