package io.accessflow.routing;

import io.accessflow.atlassian.AtlassianClient;
import io.accessflow.atlassian.AtlassianException;
import io.accessflow.atlassian.AtlassianUser;
import io.accessflow.atlassian.JiraProject;
import io.accessflow.atlassian.ProjectRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Routes one approval step along its chain of approvers: a project's lead, then the users in the
 * project's Administrators role, then the access admins (a group's owners, then the access admins).
 * A link is skipped when it cannot decide — deactivated in Atlassian, no Camunda user, the
 * requester, the person the request is for, or the giver of the first approval — and every skip is
 * recorded with its reason.
 */
@Component
public class ApproverRouter {

  static final String ADMINISTRATORS_ROLE = "Administrators";

  private final AtlassianClient atlassian;
  private final CamundaIdentities identities;
  private final RoutingProperties properties;
  private final ApprovalPolicy policy;

  ApproverRouter(AtlassianClient atlassian, CamundaIdentities identities, RoutingProperties properties, ApprovalPolicy policy) {
    this.atlassian = atlassian;
    this.identities = identities;
    this.properties = properties;
    this.policy = policy;
  }

  /** Who may not decide this request, and the request's targets. */
  public record Request(String projectKey, String groupName, String requester, String subjectEmail, String subjectAccountId,
      String firstDecider) {}

  /** The first link of the chain, from {@code fromLevel} on, that can decide. */
  public Routing route(ApproverKind kind, Request request, int fromLevel) {
    List<String> skips = new ArrayList<>();
    int levels = switch (kind) {
      case PROJECT_LEAD -> 3;
      case GROUP_OWNERS -> 2;
      case ACCESS_ADMINS, NONE -> 1;
    };
    for (int level = Math.min(fromLevel, levels - 1); level < levels - 1; level++) {
      Optional<Routing> routing = kind == ApproverKind.PROJECT_LEAD
          ? (level == 0 ? lead(request, skips) : administrators(request, skips))
          : owners(request, skips);
      if (routing.isPresent()) {
        return routing.get();
      }
    }
    String reason = kind == ApproverKind.ACCESS_ADMINS ? "The access admins decide" : "the access admins decide";
    return new Routing(null, null, properties.accessAdminsGroup(), withSkips(skips, reason), levels - 1);
  }

  private Optional<Routing> lead(Request request, List<String> skips) {
    JiraProject project = atlassian.project(request.projectKey());
    AtlassianUser lead = project.lead();
    if (lead == null || lead.accountId() == null) {
      skips.add("project " + project.key() + " has no lead");
      return Optional.empty();
    }
    String who = lead.displayName() + ", the lead of project " + project.key();
    Decider decider = decider(lead, request);
    if (decider.refusal() != null) {
      skips.add(who + ", " + decider.refusal());
      return Optional.empty();
    }
    return Optional.of(new Routing(decider.userId(), null, null, withSkips(skips, lead.displayName() + " leads project " + project.key()), 0));
  }

  private Optional<Routing> administrators(Request request, List<String> skips) {
    String project = request.projectKey();
    ProjectRole role;
    try {
      role = atlassian.projectRole(project, atlassian.roleId(project, ADMINISTRATORS_ROLE));
    } catch (AtlassianException.NotFound e) {
      skips.add("project " + project + " has no " + ADMINISTRATORS_ROLE + " role");
      return Optional.empty();
    }
    List<String> candidates = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (ProjectRole.Actor actor : role.actors()) {
      if (actor.actorUser() == null) {
        continue;
      }
      AtlassianUser user;
      try {
        user = atlassian.user(actor.actorUser().accountId());
      } catch (AtlassianException.NotFound gone) {
        continue;
      }
      Decider decider = decider(user, request);
      if (decider.refusal() != null) {
        refused.add(user.displayName() + " " + decider.refusal());
      } else {
        candidates.add(decider.userId());
        names.add(user.displayName());
      }
    }
    if (candidates.isEmpty()) {
      skips.add(refused.isEmpty() ? "nobody is in the " + ADMINISTRATORS_ROLE + " role of project " + project
          : "nobody in the " + ADMINISTRATORS_ROLE + " role of project " + project + " can decide (" + String.join("; ", refused) + ")");
      return Optional.empty();
    }
    String reason = "the " + ADMINISTRATORS_ROLE + " of project " + project + " decide: " + String.join(", ", names);
    return Optional.of(candidates.size() == 1
        ? new Routing(candidates.get(0), null, null, withSkips(skips, reason), 1)
        : new Routing(null, candidates, null, withSkips(skips, reason), 1));
  }

  private Optional<Routing> owners(Request request, List<String> skips) {
    String group = request.groupName();
    List<String> owners = policy.ownersOf(group);
    if (owners.isEmpty()) {
      skips.add(group + " has no owners in accessflow.approval.group-owners");
      return Optional.empty();
    }
    List<String> candidates = new ArrayList<>();
    for (String owner : owners) {
      Optional<String> refusal = refusal(owner, request);
      if (refusal.isPresent()) {
        skips.add("owner " + owner + " " + refusal.get());
      } else {
        candidates.add(owner);
      }
    }
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    String reason = "the owners of " + group + " decide: " + String.join(", ", candidates);
    return Optional.of(candidates.size() == 1
        ? new Routing(candidates.get(0), null, null, withSkips(skips, reason), 0)
        : new Routing(null, candidates, null, withSkips(skips, reason), 0));
  }

  /** An Atlassian account's Camunda user id, or why the account cannot decide. */
  private record Decider(String userId, String refusal) {}

  private Decider decider(AtlassianUser account, Request request) {
    if (!account.isActive()) {
      return new Decider(null, "is deactivated in Atlassian");
    }
    Optional<String> userId = identities.expectedUserId(account);
    if (userId.isEmpty()) {
      return new Decider(null, "hides their email address in Atlassian and has no entry in accessflow.routing.users");
    }
    if (account.accountId().equals(request.subjectAccountId())) {
      return new Decider(null, "is the person the request is for");
    }
    return new Decider(userId.get(), refusal(userId.get(), request).orElse(null));
  }

  /** Why this Camunda user cannot decide, if they cannot. */
  private Optional<String> refusal(String userId, Request request) {
    if (!identities.exists(userId)) {
      return Optional.of("has no Camunda user '" + userId + "'");
    }
    if (userId.equalsIgnoreCase(request.requester())) {
      return Optional.of("is the requester; nobody approves their own request");
    }
    if (userId.equalsIgnoreCase(request.subjectEmail())) {
      return Optional.of("is the person the request is for");
    }
    if (userId.equalsIgnoreCase(request.firstDecider())) {
      return Optional.of("gave the first approval; the second comes from someone else");
    }
    return Optional.empty();
  }

  private static String withSkips(List<String> skips, String decision) {
    if (skips.isEmpty()) {
      return decision;
    }
    return String.join("; ", skips) + "; " + decision;
  }
}
