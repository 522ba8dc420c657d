package io.accessflow.request;

import java.util.List;
import org.camunda.bpm.engine.authorization.Groups;

/** The authenticated user of an API call and their Camunda groups. */
record Caller(String userId, List<String> groupIds) {

  Caller {
    groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
  }

  /** Access admins and Camunda administrators see and cancel every request. */
  boolean isAdmin(String accessAdminsGroup) {
    return groupIds.contains(accessAdminsGroup) || groupIds.contains(Groups.CAMUNDA_ADMIN);
  }
}
