package io.accessflow.routing;

import io.accessflow.atlassian.AtlassianClient;
import io.accessflow.atlassian.AtlassianUser;
import io.accessflow.atlassian.JiraProject;
import io.accessflow.request.RequestType;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Routes an approval. Project-role requests go to the project's lead, read live from Jira; when the
 * lead cannot decide (no lead, deactivated, no Camunda user, or the requester themself) and for
 * group and account requests, the access admins decide. The reason is always recorded.
 */
@Component
public class ApproverRouter {

  private final AtlassianClient atlassian;
  private final CamundaIdentities identities;
  private final RoutingProperties properties;

  ApproverRouter(AtlassianClient atlassian, CamundaIdentities identities, RoutingProperties properties) {
    this.atlassian = atlassian;
    this.identities = identities;
    this.properties = properties;
  }

  public Routing route(RequestType type, String projectKey, String requester) {
    if (!type.isProjectRole()) {
      return admins("Group and account requests are decided by the access admins");
    }
    JiraProject project = atlassian.project(projectKey);
    AtlassianUser lead = project.lead();
    String projectName = "project " + project.key();
    if (lead == null || lead.accountId() == null) {
      return admins(projectName + " has no lead");
    }
    String who = lead.displayName() + ", the lead of " + projectName;
    if (!lead.isActive()) {
      return admins(who + ", is deactivated in Atlassian");
    }
    Optional<String> userId = identities.expectedUserId(lead);
    if (userId.isEmpty()) {
      return admins(who + ", hides their email address in Atlassian and has no entry in accessflow.routing.users");
    }
    if (!identities.exists(userId.get())) {
      return admins(who + ", has no Camunda user '" + userId.get() + "'");
    }
    if (userId.get().equalsIgnoreCase(requester)) {
      return admins(who + ", is the requester; nobody approves their own request");
    }
    return Routing.toUser(userId.get(), lead.displayName() + " leads " + projectName);
  }

  private Routing admins(String reason) {
    return Routing.toGroup(properties.accessAdminsGroup(), reason);
  }
}
