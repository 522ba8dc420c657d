package io.accessflow.approval;

/** What approvers are told: on assignment, on a reminder, after an escalation. */
interface ApproverNotices {

  void assigned(String taskId);

  void reminder(String taskId);

  void escalated(String taskId);
}
