package io.accessflow.approval;

import static io.accessflow.request.RequestVariables.APPROVED;
import static io.accessflow.request.RequestVariables.DECIDED_BY;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On "Approve access request" completed: a decision needs {@code approved} as true or false, and
 * who decided is recorded (the authenticated user, else the assignee).
 */
@Component("recordDecision")
class RecordDecisionListener implements TaskListener {

  private final IdentityService identityService;

  RecordDecisionListener(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateTask task) {
    if (!(task.getVariable(APPROVED) instanceof Boolean)) {
      // refused before anything changes: the task stays open
      throw new BadUserRequestException("To decide the request set the Boolean variable 'approved' to true or false");
    }
    var current = identityService.getCurrentAuthentication();
    task.setVariable(DECIDED_BY, current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee());
  }
}
