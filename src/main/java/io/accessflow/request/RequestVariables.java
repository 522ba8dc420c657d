package io.accessflow.request;

/**
 * The names of the access-request process variables, in one place. Inputs are what a requester
 * (Tasklist start form or {@code /engine-rest}) gives; the rest are set by the process. Variables
 * are small: ids, names, decisions and short texts.
 */
public final class RequestVariables {

  private RequestVariables() {}

  public static final String PROCESS_KEY = "access-request";

  // inputs
  public static final String REQUEST_TYPE = "requestType";
  public static final String USER_EMAIL = "userEmail";
  public static final String ACCOUNT_ID = "accountId";
  public static final String GROUP_NAME = "groupName";
  public static final String PROJECT_KEY = "projectKey";
  public static final String ROLE_NAME = "roleName";
  public static final String PRODUCTS = "products";
  public static final String REASON = "reason";
  /** The authenticated user who started the request (the start event's initiator). */
  public static final String REQUESTER = "requester";

  // resolved by validation
  public static final String USER_DISPLAY_NAME = "userDisplayName";
  public static final String GROUP_ID = "groupId";
  public static final String PROJECT_NAME = "projectName";
  public static final String ROLE_ID = "roleId";
  public static final String REQUEST_SUMMARY = "requestSummary";
  public static final String CURRENT_STATE = "currentState";
  public static final String ALREADY_IN_PLACE = "alreadyInPlace";

  // routing and decision
  public static final String APPROVER = "approver";
  public static final String APPROVER_GROUP = "approverGroup";
  /** Comma-separated Camunda user ids who may decide (e.g. a project's Administrators). */
  public static final String APPROVER_CANDIDATES = "approverCandidates";
  /** Which link of the approver chain decides now (0 = the first). */
  public static final String APPROVER_LEVEL = "approverLevel";

  // approval policy (processes/approval-routing.dmn)
  public static final String PRIVILEGED = "privileged";
  public static final String SELF_REMOVAL = "selfRemoval";
  public static final String FIRST_APPROVER = "firstApprover";
  public static final String SECOND_APPROVER = "secondApprover";
  public static final String APPROVAL_RULE = "approvalRule";
  /** Who gave the first of two approvals; the second must come from someone else. */
  public static final String FIRST_DECIDED_BY = "firstDecidedBy";
  /** How often the approval was escalated to the next approver. */
  public static final String ESCALATIONS = "escalations";
  public static final String ROUTING_REASON = "routingReason";
  public static final String APPROVED = "approved";
  public static final String DECISION_COMMENT = "decisionComment";
  public static final String DECIDED_BY = "decidedBy";

  // waiting for Atlassian's rate limit: an ISO-8601 duration for the timer
  public static final String RETRY_AFTER = "retryAfter";

  // the request API
  /** A hash of the request as given, to tell a repeated Idempotency-Key with another body. */
  public static final String REQUEST_FINGERPRINT = "requestFingerprint";
  /** Who cancelled a pending request. */
  public static final String CANCELLED_BY = "cancelledBy";

  // result
  public static final String OUTCOME = "outcome";
  public static final String OUTCOME_MESSAGE = "outcomeMessage";

  /** BPMN error codes the model catches. */
  public static final String ERROR_REQUEST_INVALID = "REQUEST_INVALID";
  public static final String ERROR_RATE_LIMITED = "ATLASSIAN_RATE_LIMITED";
}
