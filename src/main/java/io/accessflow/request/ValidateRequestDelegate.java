package io.accessflow.request;

import static io.accessflow.request.RequestVariables.ACCOUNT_ID;
import static io.accessflow.request.RequestVariables.ALREADY_IN_PLACE;
import static io.accessflow.request.RequestVariables.CURRENT_STATE;
import static io.accessflow.request.RequestVariables.GROUP_ID;
import static io.accessflow.request.RequestVariables.GROUP_NAME;
import static io.accessflow.request.RequestVariables.PROJECT_NAME;
import static io.accessflow.request.RequestVariables.REQUEST_SUMMARY;
import static io.accessflow.request.RequestVariables.ROLE_ID;
import static io.accessflow.request.RequestVariables.ROLE_NAME;
import static io.accessflow.request.RequestVariables.USER_DISPLAY_NAME;
import static io.accessflow.request.RequestVariables.USER_EMAIL;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Validate request": checks the request and resolves its targets in Atlassian. */
@Component("validateRequest")
class ValidateRequestDelegate extends AtlassianStep {

  private final RequestValidator validator;

  ValidateRequestDelegate(RequestValidator validator) {
    this.validator = validator;
  }

  @Override
  protected void run(DelegateExecution execution) {
    ResolvedRequest request;
    try {
      request = validator.resolve(AccessRequest.from(execution));
    } catch (InvalidRequestException e) {
      throw invalid(e.getMessage());
    }
    setIfKnown(execution, ACCOUNT_ID, request.accountId());
    setIfKnown(execution, USER_EMAIL, request.userEmail());
    setIfKnown(execution, USER_DISPLAY_NAME, request.userDisplayName());
    setIfKnown(execution, GROUP_ID, request.groupId());
    setIfKnown(execution, GROUP_NAME, request.groupName());
    setIfKnown(execution, PROJECT_NAME, request.projectName());
    setIfKnown(execution, ROLE_ID, request.roleId());
    setIfKnown(execution, ROLE_NAME, request.roleName());
    execution.setVariable(REQUEST_SUMMARY, request.summary());
    execution.setVariable(CURRENT_STATE, request.currentState());
    execution.setVariable(ALREADY_IN_PLACE, request.alreadyInPlace());
  }

  private static void setIfKnown(DelegateExecution execution, String name, Object value) {
    if (value != null) {
      execution.setVariable(name, value);
    }
  }
}
