package io.accessflow.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.springframework.stereotype.Component;

/** Creates Camunda authorizations once: each grant is looked up before it is made. */
@Component
public class Authorizations {

  /** Camunda's id for "every user" in a global authorization. */
  public static final String ANY = Authorization.ANY;

  private final AuthorizationService authorizationService;

  Authorizations(AuthorizationService authorizationService) {
    this.authorizationService = authorizationService;
  }

  /** A global authorization: every user gets the permissions on the resource. */
  public void grantEveryone(Resource resource, String resourceId, Permission... permissions) {
    boolean exists = authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GLOBAL)
        .resourceType(resource).resourceId(resourceId).count() > 0;
    if (!exists) {
      save(authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL), ANY, null, resource, resourceId, permissions);
    }
  }

  /** Grants one user the permissions on the resource. */
  public void grantUser(String userId, Resource resource, String resourceId, Permission... permissions) {
    boolean exists = authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .userIdIn(userId).resourceType(resource).resourceId(resourceId).count() > 0;
    if (!exists) {
      save(authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT), userId, null, resource, resourceId, permissions);
    }
  }

  private void save(Authorization authorization, String userId, String groupId, Resource resource, String resourceId,
      Permission... permissions) {
    authorization.setUserId(userId);
    authorization.setGroupId(groupId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizationService.saveAuthorization(authorization);
  }
}
