package io.accessflow.atlassian.contract;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Records every exchange with the embedded Atlassian sandbox, so that tests can check it against
 * Atlassian's OpenAPI document. Registered for every test application context by
 * {@link ContractRecorderAutoConfiguration}, as the outermost filter, so it sees the response
 * as it leaves the app, including faults that other filters inject.
 */
public class ContractRecorder extends OncePerRequestFilter {

  static final String PREFIX = "/sandbox/atlassian";

  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

  /** The exchanges recorded since the last {@link #clear()}, oldest first. */
  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  public void clear() {
    exchanges.clear();
  }

  /** Violations of all recorded exchanges; empty when the document is not configured. */
  public List<String> violations() {
    return violations(false);
  }

  /**
   * With {@code invalidRequestsExpected}, exchanges whose request breaks the contract on purpose
   * (a sandbox test of Jira's answer to a bad request) are left out: the document describes no
   * answer to them. Every other exchange is checked in full.
   */
  List<String> violations(boolean invalidRequestsExpected) {
    return AtlassianOpenApi.get()
        .map(api -> exchanges().stream()
            .filter(e -> !invalidRequestsExpected || api.requestViolations(e).isEmpty())
            .flatMap(e -> api.violations(e).stream()).toList())
        .orElse(List.of());
  }

  /** Fails listing every violation of the recorded exchanges; clears the record either way. */
  public void assertValid() {
    assertValid(false);
  }

  void assertValid(boolean invalidRequestsExpected) {
    List<String> violations;
    try {
      violations = violations(invalidRequestsExpected);
    } finally {
      clear();
    }
    if (!violations.isEmpty()) {
      throw new AssertionError(violations.size() + " exchange(s) with the Atlassian sandbox"
          + " violate Atlassian's OpenAPI document:\n  " + String.join("\n  ", violations));
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !pathWithinApplication(request).startsWith(PREFIX + "/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    ContentCachingRequestWrapper cachingRequest = new ContentCachingRequestWrapper(request);
    ContentCachingResponseWrapper cachingResponse = new ContentCachingResponseWrapper(response);
    boolean failed = true;
    try {
      chain.doFilter(cachingRequest, cachingResponse);
      failed = false;
    } finally {
      exchanges.add(record(cachingRequest, cachingResponse, failed));
      cachingResponse.copyBodyToResponse();
    }
  }

  private static Exchange record(ContentCachingRequestWrapper request,
      ContentCachingResponseWrapper response, boolean failed) {
    drainUnreadBody(request);
    String rawPath = pathWithinApplication(request).substring(PREFIX.length());
    return new Exchange(
        request.getMethod(),
        rawPath,
        query(request.getQueryString()),
        request.getContentType(),
        request.getHeader(HttpHeaders.ACCEPT),
        new String(request.getContentAsByteArray(), StandardCharsets.UTF_8),
        // an exception escaping the chain becomes a 500 from the container
        failed ? 500 : response.getStatus(),
        response.getContentType(),
        new String(response.getContentAsByteArray(), StandardCharsets.UTF_8));
  }

  /**
   * The wrapper caches only what the handler read. A fault injected before the handler, or a
   * handler that rejects a request without reading it, would otherwise look like a request
   * without body.
   */
  private static void drainUnreadBody(ContentCachingRequestWrapper request) {
    try {
      InputStream in = request.getInputStream();
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException | IllegalStateException ignored) {
      // nothing more to read; what was cached is what was sent
    }
  }

  private static String pathWithinApplication(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  private static Map<String, List<String>> query(String queryString) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (queryString == null || queryString.isEmpty()) {
      return query;
    }
    MultiValueMap<String, String> raw =
        UriComponentsBuilder.newInstance().query(queryString).build().getQueryParams();
    raw.forEach((name, values) -> {
      List<String> decoded = new ArrayList<>();
      for (String value : values) {
        decoded.add(value == null ? "" : URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
      // decoded like the servlet container does it, '+' included
      query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), decoded);
    });
    return query;
  }
}
