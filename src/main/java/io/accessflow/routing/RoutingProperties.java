package io.accessflow.routing;

import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who approves.
 *
 * @param accessAdminsGroup the Camunda group that decides when no project lead can, and decides
 *     group and account requests
 * @param users Atlassian accountId → Camunda user id, for people whose email address Atlassian
 *     hides (otherwise a person's Camunda user id is their lowercase email address)
 */
@Validated
@ConfigurationProperties("accessflow.routing")
public record RoutingProperties(
    @NotBlank @DefaultValue("access-admins") String accessAdminsGroup,
    Map<String, String> users) {

  public RoutingProperties {
    users = users == null ? Map.of() : Map.copyOf(users);
  }
}
