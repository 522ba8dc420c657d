package io.accessflow.security;

import io.accessflow.request.RequestVariables;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * What every user may do: open Tasklist and start access requests. A requester may then read
 * their own request: the model calls this listener (as {@code ${requesterAuthorizations}}) when
 * validation starts, in the job executor, so the grant needs no permission of the requester's.
 * Approvers get their tasks through Camunda's own task permissions (assignee, candidate groups);
 * everything else stays with the {@code camunda-admin} group.
 */
@Component("requesterAuthorizations")
class RequesterAuthorizations implements SmartInitializingSingleton, ExecutionListener {

  private final Authorizations authorizations;

  RequesterAuthorizations(Authorizations authorizations) {
    this.authorizations = authorizations;
  }

  @Override
  public void afterSingletonsInstantiated() {
    authorizations.grantEveryone(Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    authorizations.grantEveryone(Resources.PROCESS_DEFINITION, RequestVariables.PROCESS_KEY,
        Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
    authorizations.grantEveryone(Resources.PROCESS_INSTANCE, Authorizations.ANY, Permissions.CREATE);
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object requester = execution.getVariable(RequestVariables.REQUESTER);
    if (requester != null) {
      authorizations.grantUser(requester.toString(), Resources.PROCESS_INSTANCE, execution.getProcessInstanceId(), Permissions.READ);
    }
  }
}
