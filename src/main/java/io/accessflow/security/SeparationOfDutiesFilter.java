package io.accessflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 403 and the reason, a decision on an access request by its requester or by the
 * person it is for, before the engine is asked; the task stays open. The engine's task listener
 * refuses the same as a second line (for any other path to the task).
 */
class SeparationOfDutiesFilter extends OncePerRequestFilter {

  private static final Pattern TASK_DECISION = Pattern.compile(
      "(/engine-rest|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/(complete|submit-form|resolve)/?");

  private final IdentityService identityService;
  private final TaskService taskService;
  private final SeparationOfDuties separationOfDuties;

  SeparationOfDutiesFilter(IdentityService identityService, TaskService taskService, SeparationOfDuties separationOfDuties) {
    this.identityService = identityService;
    this.taskService = taskService;
    this.separationOfDuties = separationOfDuties;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher decision = TASK_DECISION.matcher(request.getRequestURI().substring(request.getContextPath().length()));
    if ("POST".equals(request.getMethod()) && decision.matches()) {
      Optional<String> refusal = refusal(decision.group(2));
      if (refusal.isPresent()) {
        RestErrors.send(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException", "Separation of duties: " + refusal.get());
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private Optional<String> refusal(String taskId) {
    var caller = identityService.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null) {
      return Optional.empty();
    }
    // the caller may see the task but not the process's variables: read them as the app
    identityService.clearAuthentication();
    try {
      Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
      if (task == null || task.getProcessInstanceId() == null) {
        return Optional.empty();
      }
      return separationOfDuties.refusal(caller.getUserId(), taskService.getVariables(taskId, SeparationOfDuties.VARIABLES));
    } finally {
      identityService.setAuthentication(caller);
    }
  }
}
