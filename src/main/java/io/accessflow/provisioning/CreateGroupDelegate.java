package io.accessflow.provisioning;

import static io.accessflow.request.RequestVariables.GROUP_ID;
import static io.accessflow.request.RequestVariables.GROUP_NAME;

import io.accessflow.atlassian.AtlassianClient;
import io.accessflow.atlassian.AtlassianGroup;
import io.accessflow.atlassian.AtlassianOperations;
import io.accessflow.atlassian.Change;
import io.accessflow.atlassian.Ensured;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Create group". */
@Component("createGroup")
class CreateGroupDelegate extends ProvisioningDelegate {

  CreateGroupDelegate(AtlassianOperations operations, AtlassianClient atlassian) {
    super(operations, atlassian);
  }

  @Override
  Change provision(DelegateExecution execution) {
    Ensured<AtlassianGroup> group = operations.ensureGroup(string(execution, GROUP_NAME));
    execution.setVariable(GROUP_ID, group.value().groupId());
    return group.change();
  }

  @Override
  boolean inPlace(DelegateExecution execution) {
    return atlassian.findGroupByName(string(execution, GROUP_NAME)).isPresent();
  }

  @Override
  String state(DelegateExecution execution) {
    return "the group " + string(execution, GROUP_NAME) + " exists";
  }
}
