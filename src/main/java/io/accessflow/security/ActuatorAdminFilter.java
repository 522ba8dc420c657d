package io.accessflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Health details are for administrators: a request to {@code /actuator} with the HTTP Basic
 * credentials of a {@code camunda-admin} member is marked as in role {@code camunda-admin}, which
 * {@code management.endpoint.health.roles} asks for. Everyone else sees the status alone.
 * Metrics ({@code /actuator/metrics}, {@code /actuator/prometheus}) answer administrators only:
 * they tell how many requests of which kind are made, rejected and failing, which is operators'
 * business, and the app is reachable by every requester through the load balancer.
 */
class ActuatorAdminFilter extends OncePerRequestFilter {

  private final IdentityService identityService;

  ActuatorAdminFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String admin = administrator(request.getHeader("Authorization"));
    if (admin == null) {
      if (isMetrics(request)) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"accessflow\"");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    Principal principal = () -> admin;
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public Principal getUserPrincipal() {
        return principal;
      }

      @Override
      public boolean isUserInRole(String role) {
        return Groups.CAMUNDA_ADMIN.equals(role);
      }
    }, response);
  }

  private static boolean isMetrics(HttpServletRequest request) {
    // the servlet path is decoded and normalised (no ";" parameters, no "//"), as the endpoints are matched
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return path.startsWith("/actuator/prometheus") || path.startsWith("/actuator/metrics");
  }

  private String administrator(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String credentials;
    try {
      credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = credentials.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String user = credentials.substring(0, colon);
    boolean valid = identityService.checkPassword(user, credentials.substring(colon + 1));
    boolean isAdmin = valid && identityService.createUserQuery().userId(user).memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0;
    return isAdmin ? user : null;
  }
}
