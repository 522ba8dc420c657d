package io.accessflow.routing;

import java.util.List;

/**
 * Where an approval goes, and why: to one Camunda user, to several (any of them decides), or to a
 * candidate group.
 *
 * @param approver the Camunda user id when one person decides
 * @param candidates the Camunda user ids when any of several decides
 * @param approverGroup the Camunda group id when a group decides
 * @param reason for the approver and the request's history, with every skipped approver and why
 * @param level the link of the approver chain that decides (0 = the first)
 */
public record Routing(String approver, List<String> candidates, String approverGroup, String reason, int level) {

  public Routing {
    candidates = candidates == null ? List.of() : List.copyOf(candidates);
  }
}
