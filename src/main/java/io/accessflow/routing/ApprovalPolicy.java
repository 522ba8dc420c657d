package io.accessflow.routing;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The settings of the approval policy; the rules themselves are in processes/approval-routing.dmn.
 *
 * @param reminder how long an approval waits before its approver is reminded, and again after each reminder
 * @param escalation how long an approval waits before it moves to the next approver in the chain
 * @param expiry how long a request may wait for its decisions before it ends as EXPIRED
 * @param privilegedGroups groups whose membership needs two approvals
 * @param privilegedRoles project roles (by name) whose membership needs two approvals
 * @param groupOwners group name → the Camunda user ids who own the group and decide its memberships
 */
@Validated
@ConfigurationProperties("accessflow.approval")
public record ApprovalPolicy(
    @NotNull @DefaultValue("P1D") Duration reminder,
    @NotNull @DefaultValue("P3D") Duration escalation,
    @NotNull @DefaultValue("P7D") Duration expiry,
    @DefaultValue({"site-admins", "org-admins", "jira-administrators"}) List<String> privilegedGroups,
    @DefaultValue("Administrators") List<String> privilegedRoles,
    Map<String, List<String>> groupOwners) {

  public ApprovalPolicy {
    privilegedGroups = List.copyOf(privilegedGroups);
    privilegedRoles = List.copyOf(privilegedRoles);
    groupOwners = groupOwners == null ? Map.of() : Map.copyOf(groupOwners);
  }

  public boolean isPrivilegedGroup(String group) {
    return group != null && privilegedGroups.stream().anyMatch(group::equalsIgnoreCase);
  }

  public boolean isPrivilegedRole(String role) {
    return role != null && privilegedRoles.stream().anyMatch(role::equalsIgnoreCase);
  }

  public List<String> ownersOf(String group) {
    return groupOwners.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(group))
        .map(Map.Entry::getValue).findFirst().orElse(List.of());
  }
}
