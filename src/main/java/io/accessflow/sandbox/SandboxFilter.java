package io.accessflow.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessflow.sandbox.SandboxJson.ErrorCollection;
import io.accessflow.sandbox.SandboxStore.User;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of every sandbox call, in the order a real site's edge would act: latency, injected
 * 429/5xx (before the controller, so a faulted call changes nothing), then basic authentication.
 * Every call lands in the {@link SandboxCallLog} with its final status.
 */
class SandboxFilter extends OncePerRequestFilter {

  /** Request attribute holding the authenticated {@link User}; absent for anonymous calls. */
  static final String CALLER = "io.accessflow.sandbox.caller";

  static final String PASSWORD_DEPRECATED = "Basic authentication with passwords is deprecated. For more "
      + "information, see: https://developer.atlassian.com/cloud/confluence/deprecation-notice-basic-auth/";

  private final SandboxStore store;
  private final SandboxFaults faults;
  private final SandboxCallLog callLog;
  private final SandboxProperties properties;
  private final ObjectMapper json;

  SandboxFilter(SandboxStore store, SandboxFaults faults, SandboxCallLog callLog, SandboxProperties properties,
      ObjectMapper json) {
    this.store = store;
    this.faults = faults;
    this.callLog = callLog;
    this.properties = properties;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Instant at = Instant.now();
    String path = request.getRequestURI().substring(request.getContextPath().length() + SandboxSite.PATH.length());
    int status = 500;
    try {
      handle(path, request, response, chain);
      status = response.getStatus();
    } finally {
      callLog.record(new SandboxCall(at, request.getMethod(), path, request.getQueryString(), status));
    }
  }

  private void handle(String path, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    sleep(faults.latency());
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (random.nextDouble() < faults.rateLimitRate()) {
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(faults.retryAfterSeconds()));
      response.setHeader("RateLimit-Reason", "jira-burst-based");
      writeJson(response, 429, ErrorCollection.of("Rate limit exceeded (injected by the sandbox)."));
      return;
    }
    if (random.nextDouble() < faults.failureRate()) {
      if (random.nextDouble() >= faults.unavailableShare()) {
        writeJson(response, 500, ErrorCollection.of("Internal server error (injected by the sandbox)."));
      } else {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(faults.retryAfterSeconds()));
        writeJson(response, 503, ErrorCollection.of("Service unavailable (injected by the sandbox)."));
      }
      return;
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    User caller = authenticate(header);
    if (caller != null) {
      request.setAttribute(CALLER, caller);
    } else if (!anonymousCapable(path)) {
      if (header == null || header.isBlank()) {
        writeJson(response, 401, Map.of("message", "Client must be authenticated to access this resource.",
            "status-code", 401));
      } else {
        response.setStatus(401);
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(PASSWORD_DEPRECATED);
      }
      return;
    }
    chain.doFilter(request, response);
  }

  /** An active user with the sandbox token, or null. */
  private User authenticate(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0 || !decoded.substring(colon + 1).equals(properties.apiToken())) {
      return null;
    }
    return store.userByEmail(decoded.substring(0, colon)).filter(User::active).orElse(null);
  }

  // Jira treats bad or missing credentials on these as anonymous (JRACLOUD-94680, findUsers).
  private static boolean anonymousCapable(String path) {
    return path.startsWith(SandboxJson.API + "/project/") || path.equals(SandboxJson.API + "/user/search");
  }

  private void writeJson(HttpServletResponse response, int status, Object body) throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    // Not writeValue(stream): closing the stream completes the response before the call is logged.
    response.getOutputStream().write(json.writeValueAsBytes(body));
  }

  private static void sleep(Duration latency) throws ServletException {
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServletException("Interrupted while simulating latency", e);
    }
  }
}
