package io.accessflow.routing;

/**
 * Where an approval goes: to one Camunda user, or to a candidate group, and why.
 *
 * @param approver the Camunda user id, or null when a group decides
 * @param approverGroup the Camunda group id, or null when one user decides
 * @param reason for the approver and the request's history, e.g. "Alice Lead leads project ALPHA"
 */
public record Routing(String approver, String approverGroup, String reason) {

  static Routing toUser(String userId, String reason) {
    return new Routing(userId, null, reason);
  }

  static Routing toGroup(String groupId, String reason) {
    return new Routing(null, groupId, reason);
  }
}
