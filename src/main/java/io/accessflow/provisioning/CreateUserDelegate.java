package io.accessflow.provisioning;

import static io.accessflow.request.RequestVariables.ACCOUNT_ID;
import static io.accessflow.request.RequestVariables.USER_EMAIL;

import io.accessflow.atlassian.AtlassianClient;
import io.accessflow.atlassian.AtlassianOperations;
import io.accessflow.atlassian.AtlassianUser;
import io.accessflow.atlassian.Change;
import io.accessflow.atlassian.Ensured;
import io.accessflow.request.AccessRequest;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Create user": invites the account with exactly the requested products. */
@Component("createUser")
class CreateUserDelegate extends ProvisioningDelegate {

  CreateUserDelegate(AtlassianOperations operations, AtlassianClient atlassian) {
    super(operations, atlassian);
  }

  @Override
  Change provision(DelegateExecution execution) {
    Ensured<AtlassianUser> user = operations.ensureUser(string(execution, USER_EMAIL), AccessRequest.from(execution).products());
    execution.setVariable(ACCOUNT_ID, user.value().accountId());
    return user.change();
  }

  @Override
  boolean inPlace(DelegateExecution execution) {
    return atlassian.findUserByEmail(string(execution, USER_EMAIL)).isPresent();
  }

  @Override
  String state(DelegateExecution execution) {
    return "an account for " + string(execution, USER_EMAIL) + " exists (accountId " + string(execution, ACCOUNT_ID) + ")";
  }
}
