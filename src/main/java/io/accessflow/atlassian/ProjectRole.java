package io.accessflow.atlassian;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A project role with its actors (users and groups). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProjectRole(Long id, String name, List<Actor> actors) {

  public static final String USER_ACTOR = "atlassian-user-role-actor";

  public ProjectRole {
    actors = actors == null ? List.of() : List.copyOf(actors);
  }

  /** True when the account is a direct user actor (membership through a group actor does not count). */
  public boolean hasUser(String accountId) {
    return actors.stream().anyMatch(a -> a.actorUser() != null && accountId.equals(a.actorUser().accountId()));
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Actor(Long id, String displayName, String type, ActorUser actorUser, ActorGroup actorGroup) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ActorUser(String accountId) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ActorGroup(String groupId, String name, String displayName) {}
}
