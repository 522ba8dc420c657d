package io.accessflow.approval;

import io.accessflow.notification.Notifications;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Remind approver", on the approval task's repeating reminder timer: the task stays
 * where it is; its approver is notified again and the reminder is counted.
 */
@Component("remindApprover")
class RemindApproverDelegate implements JavaDelegate {

  static final String REMINDERS = "reminders";

  private final TaskService taskService;
  private final Notifications notifications;

  RemindApproverDelegate(TaskService taskService, Notifications notifications) {
    this.taskService = taskService;
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int reminders = execution.getVariable(REMINDERS) instanceof Number n ? n.intValue() + 1 : 1;
    execution.setVariable(REMINDERS, reminders);
    taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()
        .forEach(task -> notifications.approvalReminder(task.getId()));
  }
}
