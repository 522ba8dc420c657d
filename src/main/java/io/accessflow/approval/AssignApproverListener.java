package io.accessflow.approval;

import static io.accessflow.request.RequestVariables.APPROVER;
import static io.accessflow.request.RequestVariables.APPROVER_GROUP;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On "Approve access request" created: to the routed approver, or to the routed candidate group. */
@Component("assignApprover")
class AssignApproverListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object approver = task.getVariable(APPROVER);
    if (approver != null) {
      task.setAssignee(approver.toString());
    } else {
      task.addCandidateGroup(String.valueOf(task.getVariable(APPROVER_GROUP)));
    }
  }
}
