package io.accessflow.routing;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** The access admins' Camunda group exists from the first start; members are added in Camunda Admin. */
@Component
class AccessAdminsGroup implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(AccessAdminsGroup.class);

  private final IdentityService identityService;
  private final RoutingProperties properties;

  AccessAdminsGroup(IdentityService identityService, RoutingProperties properties) {
    this.identityService = identityService;
    this.properties = properties;
  }

  @Override
  public void afterSingletonsInstantiated() {
    String id = properties.accessAdminsGroup();
    if (identityService.createGroupQuery().groupId(id).count() > 0) {
      return;
    }
    Group group = identityService.newGroup(id);
    group.setName("Access admins");
    group.setType("WORKFLOW");
    identityService.saveGroup(group);
    log.info("Created the Camunda group '{}': add the people who decide access requests in Camunda Admin", id);
  }
}
