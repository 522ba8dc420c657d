package io.accessflow.routing;

import io.accessflow.atlassian.AtlassianClient;
import io.accessflow.atlassian.AtlassianException;
import io.accessflow.atlassian.AtlassianUser;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/** Maps Atlassian accounts to Camunda users: the settings' override, else the lowercase email address. */
@Component
public class CamundaIdentities {

  private final RoutingProperties properties;
  private final IdentityService identityService;
  private final AtlassianClient atlassian;

  CamundaIdentities(RoutingProperties properties, IdentityService identityService, AtlassianClient atlassian) {
    this.properties = properties;
    this.identityService = identityService;
    this.atlassian = atlassian;
  }

  /** The Camunda user id this account should have; empty when Atlassian hides the email and no override exists. */
  public Optional<String> expectedUserId(AtlassianUser account) {
    String override = properties.users().get(account.accountId());
    if (override != null) {
      return Optional.of(override);
    }
    String email = account.emailAddress();
    if (email == null) {
      try {
        // the project's lead object may omit the email; the user resource may still show it
        email = atlassian.user(account.accountId()).emailAddress();
      } catch (AtlassianException.NotFound e) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(email).map(e -> e.toLowerCase(Locale.ROOT));
  }

  public boolean exists(String userId) {
    return identityService.createUserQuery().userId(userId).count() > 0;
  }
}
