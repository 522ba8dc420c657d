package io.accessflow.provisioning;

import static io.accessflow.request.RequestVariables.ACCOUNT_ID;
import static io.accessflow.request.RequestVariables.GROUP_ID;
import static io.accessflow.request.RequestVariables.GROUP_NAME;
import static io.accessflow.request.RequestVariables.USER_DISPLAY_NAME;

import io.accessflow.atlassian.AtlassianClient;
import io.accessflow.atlassian.AtlassianOperations;
import io.accessflow.atlassian.Change;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Add user to group". */
@Component("addUserToGroup")
class AddUserToGroupDelegate extends ProvisioningDelegate {

  AddUserToGroupDelegate(AtlassianOperations operations, AtlassianClient atlassian) {
    super(operations, atlassian);
  }

  @Override
  Change provision(DelegateExecution execution) {
    return operations.ensureMember(string(execution, GROUP_ID), string(execution, ACCOUNT_ID));
  }

  @Override
  boolean inPlace(DelegateExecution execution) {
    return atlassian.isMember(string(execution, GROUP_ID), string(execution, ACCOUNT_ID));
  }

  @Override
  String state(DelegateExecution execution) {
    return string(execution, USER_DISPLAY_NAME) + " is in " + string(execution, GROUP_NAME);
  }
}
