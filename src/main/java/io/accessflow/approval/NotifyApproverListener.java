package io.accessflow.approval;

import static io.accessflow.request.RequestVariables.ESCALATIONS;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On an approval task created (after {@code assignApprover}): its approver is told, as an escalation
 * when the task came back after one.
 */
@Component("notifyApprover")
class NotifyApproverListener implements TaskListener {

  private final ApproverNotices notices;

  NotifyApproverListener(ApproverNotices notices) {
    this.notices = notices;
  }

  @Override
  public void notify(DelegateTask task) {
    Object escalations = task.getVariable(ESCALATIONS);
    boolean escalated = escalations instanceof Number n && n.intValue() > 0 && "approve-request".equals(task.getTaskDefinitionKey());
    // the task is being created: tell the approver once it is committed, so a rollback sends nothing
    String taskId = task.getId();
    if (escalated) {
      notices.escalated(taskId);
    } else {
      notices.assigned(taskId);
    }
  }
}
