package io.accessflow.approval;

import static io.accessflow.request.RequestVariables.ESCALATIONS;

import io.accessflow.notification.Notifications;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On an approval task created (after {@code assignApprover}): its approver is told, as an escalation
 * when the task came back after one.
 */
@Component("notifyApprover")
class NotifyApproverListener implements TaskListener {

  private final Notifications notifications;

  NotifyApproverListener(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void notify(DelegateTask task) {
    Object escalations = task.getVariable(ESCALATIONS);
    boolean escalated = escalations instanceof Number n && n.intValue() > 0 && "approve-request".equals(task.getTaskDefinitionKey());
    // messages go out when the transaction commits (NotificationSender)
    if (escalated) {
      notifications.approvalEscalated(task);
    } else {
      notifications.approvalAssigned(task);
    }
  }
}
