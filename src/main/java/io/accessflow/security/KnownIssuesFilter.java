package io.accessflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes two 2026 advisories on Camunda 7.24 CE that are fixed only in paid patches:
 * <ul>
 *   <li>the first-run admin setup ({@code /camunda/api/admin/setup/**}) could create an
 *       administrator; accessflow always has one, so the endpoint is refused;</li>
 *   <li>JUEL expressions inside a task query's {@code orQueries} bypass
 *       {@code enableExpressionsInAdhocQueries=false}; task queries (and filter queries that
 *       extend them) carrying expression syntax are refused on both REST paths.</li>
 * </ul>
 * Stored filters may still hold expressions such as {@code ${currentUser()}}: creating them
 * needs Camunda's filter permission, which only administrators have.
 */
class KnownIssuesFilter extends OncePerRequestFilter {

  static final int MAX_QUERY_BODY = 256 * 1024;
  private static final Pattern ADMIN_SETUP = Pattern.compile("/camunda/api/admin/setup(/.*)?");
  private static final Pattern TASK_QUERY = Pattern.compile(
      "(/engine-rest|/camunda/api/engine/engine/[^/]+)(/task(/count)?|/filter/[^/]+/(list|count|singleResult))/?");
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\s*\\{");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (ADMIN_SETUP.matcher(path).matches()) {
      RestErrors.send(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException",
          "The first-run admin setup is disabled: accessflow creates the administrator from camunda.bpm.admin-user");
      return;
    }
    if (TASK_QUERY.matcher(path).matches()) {
      String query = request.getQueryString() == null ? "" : URLDecoder.decode(request.getQueryString(), StandardCharsets.UTF_8);
      String body = "";
      if ("POST".equals(request.getMethod())) {
        CachedBodyRequest cached = CachedBodyRequest.read(request, MAX_QUERY_BODY);
        if (cached == null) {
          RestErrors.send(response, 413, "InvalidRequestException", "A task query body is limited to " + MAX_QUERY_BODY + " bytes");
          return;
        }
        body = cached.bodyText();
        request = cached;
      }
      if (EXPRESSION.matcher(query).find() || EXPRESSION.matcher(body).find()) {
        RestErrors.send(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestException",
            "Expressions (${...} or #{...}) are not allowed in task queries, including orQueries");
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
