package io.accessflow.security;

import static io.accessflow.request.RequestVariables.ACCOUNT_ID;
import static io.accessflow.request.RequestVariables.FIRST_DECIDED_BY;
import static io.accessflow.request.RequestVariables.REQUESTER;
import static io.accessflow.request.RequestVariables.USER_EMAIL;

import io.accessflow.routing.RoutingProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Nobody decides a request they asked for, or one that is for them, or gives both of two approvals. */
@Component
public class SeparationOfDuties {

  /** The request variables a refusal depends on; read only these where reading costs. */
  public static final List<String> VARIABLES = List.of(REQUESTER, ACCOUNT_ID, USER_EMAIL, FIRST_DECIDED_BY);

  private final RoutingProperties routing;

  SeparationOfDuties(RoutingProperties routing) {
    this.routing = routing;
  }

  /** Why this user may not decide the request with these variables; empty when they may. */
  public Optional<String> refusal(String userId, Map<String, Object> variables) {
    if (userId == null) {
      return Optional.empty();
    }
    if (userId.equalsIgnoreCase(text(variables.get(REQUESTER)))) {
      return Optional.of(userId + " asked for this request; someone else must decide it");
    }
    Object accountId = variables.get(ACCOUNT_ID);
    if (userId.equalsIgnoreCase(text(variables.get(USER_EMAIL)))
        || (accountId != null && userId.equals(routing.users().get(accountId.toString())))) {
      return Optional.of("this request is for " + userId + "; someone else must decide it");
    }
    if (userId.equalsIgnoreCase(text(variables.get(FIRST_DECIDED_BY)))) {
      return Optional.of(userId + " gave the first approval; the second must come from someone else");
    }
    return Optional.empty();
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
