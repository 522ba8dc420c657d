package io.accessflow.sandbox;

import io.accessflow.atlassian.SiteMode;
import io.accessflow.routing.RoutingProperties;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Camunda users for the sandbox's people, so the walk-through works on a fresh start: the user id
 * is the email address, the password {@value #PASSWORD}; Frank is an access admin.
 */
@Component
@Conditional(SiteMode.OnSandbox.class)
class SandboxIdentities {

  static final String PASSWORD = "demo";
  static final String ACCESS_ADMIN = "frank@example.com";

  private final IdentityService identityService;
  private final SandboxStore store;
  private final RoutingProperties routing;

  SandboxIdentities(IdentityService identityService, SandboxStore store, RoutingProperties routing) {
    this.identityService = identityService;
    this.store = store;
    this.routing = routing;
  }

  @EventListener(ApplicationReadyEvent.class)
  void createDemoUsers() {
    List<SandboxStore.User> people = store.users().stream().filter(u -> !u.email().equals(SandboxProperties.ADMIN_EMAIL)).toList();
    for (SandboxStore.User person : people) {
      if (identityService.createUserQuery().userId(person.email()).count() > 0) {
        continue;
      }
      User user = identityService.newUser(person.email());
      String[] names = person.displayName().split(" ", 2);
      user.setFirstName(names[0]);
      user.setLastName(names.length > 1 ? names[1] : "");
      user.setEmail(person.email());
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
    }
    String admins = routing.accessAdminsGroup();
    if (identityService.createUserQuery().userId(ACCESS_ADMIN).memberOfGroup(admins).count() == 0) {
      identityService.createMembership(ACCESS_ADMIN, admins);
    }
  }
}
