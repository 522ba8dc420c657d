package io.accessflow.request;

/** Where an access request stands, as the request API reports it. */
public enum RequestStatus {
  /** Being validated, being routed, or waiting for the approver's decision. */
  PENDING_APPROVAL,
  /** Approved; the change is being made in Atlassian. */
  PROVISIONING,
  /** Ended with the change made ({@code PROVISIONED}) or already in place. */
  COMPLETED,
  REJECTED,
  INVALID,
  /** Stuck: a step failed all its retries and shows an incident in Cockpit. */
  FAILED,
  CANCELLED,
  /** Nobody decided in time. */
  EXPIRED
}
