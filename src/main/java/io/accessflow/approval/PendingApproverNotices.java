package io.accessflow.approval;

import org.springframework.stereotype.Component;

/** Temporary until the notifications are merged. */
@Component
class PendingApproverNotices implements ApproverNotices {
  @Override
  public void assigned(String taskId) {}

  @Override
  public void reminder(String taskId) {}

  @Override
  public void escalated(String taskId) {}
}
