package io.accessflow.routing;

/** Who decides one approval step; the values of the routing table's outputs. */
public enum ApproverKind {
  /** The project's lead, then the users in the project's Administrators role, then the access admins. */
  PROJECT_LEAD,
  /** The group's owners (settings), then the access admins. */
  GROUP_OWNERS,
  ACCESS_ADMINS,
  /** No approval. */
  NONE
}
