package io.accessflow.notification;

/** What a notification tells, and so to whom it goes: approvers, the requester, or the person the access is for. */
public enum NotificationKind {
  /** To an approver: a request waits for their decision. */
  APPROVAL_ASSIGNED,
  /** To an approver: a request still waits for their decision. */
  APPROVAL_REMINDER,
  /** To an approver: a request waited too long and is now theirs to decide. */
  APPROVAL_ESCALATED,
  /** To the requester: approved or rejected. */
  REQUEST_DECIDED,
  /** To the requester: the request ended, with its outcome. */
  REQUEST_COMPLETED,
  /** To the requester: a step failed all its retries (an incident). */
  REQUEST_FAILED,
  /** To the requester: nobody decided in time. */
  REQUEST_EXPIRED,
  /** To the person the access is for: it was granted. */
  ACCESS_GRANTED,
  /** To the person the access is for: it was removed. */
  ACCESS_REMOVED
}
