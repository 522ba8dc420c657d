package io.accessflow.provisioning;

import static io.accessflow.request.RequestVariables.ACCOUNT_ID;
import static io.accessflow.request.RequestVariables.PROJECT_KEY;
import static io.accessflow.request.RequestVariables.ROLE_ID;
import static io.accessflow.request.RequestVariables.ROLE_NAME;
import static io.accessflow.request.RequestVariables.USER_DISPLAY_NAME;

import io.accessflow.atlassian.AtlassianClient;
import io.accessflow.atlassian.AtlassianOperations;
import io.accessflow.atlassian.Change;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Remove user from project role". */
@Component("removeUserFromProjectRole")
class RemoveUserFromProjectRoleDelegate extends ProvisioningDelegate {

  RemoveUserFromProjectRoleDelegate(AtlassianOperations operations, AtlassianClient atlassian) {
    super(operations, atlassian);
  }

  @Override
  Change provision(DelegateExecution execution) {
    return operations.ensureNotRoleActor(string(execution, PROJECT_KEY), number(execution, ROLE_ID), string(execution, ACCOUNT_ID));
  }

  @Override
  boolean inPlace(DelegateExecution execution) {
    return !atlassian.projectRole(string(execution, PROJECT_KEY), number(execution, ROLE_ID)).hasUser(string(execution, ACCOUNT_ID));
  }

  @Override
  String state(DelegateExecution execution) {
    return string(execution, USER_DISPLAY_NAME) + " is not in role " + string(execution, ROLE_NAME) + " of " + string(execution, PROJECT_KEY);
  }
}
