package io.accessflow.approval;

import static io.accessflow.request.RequestVariables.APPROVED;
import static io.accessflow.request.RequestVariables.DECIDED_BY;
import static io.accessflow.request.RequestVariables.FIRST_DECIDED_BY;

import io.accessflow.security.SeparationOfDuties;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On "Approve access request" completed: a decision needs {@code approved} as true or false, and
 * who decided is recorded (the authenticated user, else the assignee), who may not be the
 * requester or the person the request is for.
 */
@Component("recordDecision")
class RecordDecisionListener implements TaskListener {

  static final String FIRST_STEP = "approve-request";

  private final IdentityService identityService;
  private final SeparationOfDuties separationOfDuties;

  RecordDecisionListener(IdentityService identityService, SeparationOfDuties separationOfDuties) {
    this.identityService = identityService;
    this.separationOfDuties = separationOfDuties;
  }

  @Override
  public void notify(DelegateTask task) {
    // refused before anything changes: the task stays open
    if (!(task.getVariable(APPROVED) instanceof Boolean)) {
      throw new BadUserRequestException("To decide the request set the Boolean variable 'approved' to true or false");
    }
    var current = identityService.getCurrentAuthentication();
    String decider = current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
    separationOfDuties.refusal(decider, task.getVariables()).ifPresent(reason -> {
      throw new BadUserRequestException("Separation of duties: " + reason);
    });
    task.setVariable(DECIDED_BY, decider);
    if (FIRST_STEP.equals(task.getTaskDefinitionKey())) {
      task.setVariable(FIRST_DECIDED_BY, decider);
    }
  }
}
