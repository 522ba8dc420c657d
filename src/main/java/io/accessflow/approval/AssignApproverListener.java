package io.accessflow.approval;

import static io.accessflow.request.RequestVariables.APPROVER;
import static io.accessflow.request.RequestVariables.APPROVER_CANDIDATES;
import static io.accessflow.request.RequestVariables.APPROVER_GROUP;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On an approval task created: to the routed approver, to the routed candidate users (any of them
 * decides), or to the routed candidate group.
 */
@Component("assignApprover")
class AssignApproverListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object approver = task.getVariable(APPROVER);
    Object candidates = task.getVariable(APPROVER_CANDIDATES);
    if (approver != null) {
      task.setAssignee(approver.toString());
    } else if (candidates != null) {
      for (String candidate : candidates.toString().split(",")) {
        task.addCandidateUser(candidate);
      }
    } else {
      task.addCandidateGroup(String.valueOf(task.getVariable(APPROVER_GROUP)));
    }
  }
}
