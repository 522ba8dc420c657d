package io.accessflow.routing;

import static io.accessflow.request.RequestVariables.APPROVAL_RULE;
import static io.accessflow.request.RequestVariables.APPROVED;
import static io.accessflow.request.RequestVariables.DECIDED_BY;
import static io.accessflow.request.RequestVariables.FIRST_APPROVER;
import static io.accessflow.request.RequestVariables.GROUP_NAME;
import static io.accessflow.request.RequestVariables.PRIVILEGED;
import static io.accessflow.request.RequestVariables.PROJECT_KEY;
import static io.accessflow.request.RequestVariables.REQUESTER;
import static io.accessflow.request.RequestVariables.REQUEST_TYPE;
import static io.accessflow.request.RequestVariables.ROLE_NAME;
import static io.accessflow.request.RequestVariables.SECOND_APPROVER;
import static io.accessflow.request.RequestVariables.SELF_REMOVAL;
import static io.accessflow.request.RequestVariables.USER_EMAIL;

import io.accessflow.request.RequestType;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Business rule task "Decide approval steps": evaluates processes/approval-routing.dmn (the
 * latest deployed version, so an edited table routes after a restart, without Java changes) with
 * the request's type, group, project, role, whether the target is privileged and whether the
 * requester removes their own access.
 */
@Component("decideApprovalSteps")
class DecideApprovalStepsDelegate implements JavaDelegate {

  static final String DECISION_KEY = "approval-routing";

  private final DecisionService decisionService;
  private final ApprovalPolicy policy;

  DecideApprovalStepsDelegate(DecisionService decisionService, ApprovalPolicy policy) {
    this.decisionService = decisionService;
    this.policy = policy;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RequestType type = RequestType.valueOf((String) execution.getVariable(REQUEST_TYPE));
    String group = (String) execution.getVariable(GROUP_NAME);
    String role = (String) execution.getVariable(ROLE_NAME);
    boolean privileged = (type.isGroupMembership() && policy.isPrivilegedGroup(group)) || (type.isProjectRole() && policy.isPrivilegedRole(role));
    Object subject = execution.getVariable(USER_EMAIL);
    boolean selfRemoval = type.isRemoval() && subject != null && subject.toString().equalsIgnoreCase((String) execution.getVariable(REQUESTER));
    Map<String, Object> inputs = new HashMap<>();
    inputs.put(REQUEST_TYPE, type.name());
    inputs.put(SELF_REMOVAL, selfRemoval);
    inputs.put(PRIVILEGED, privileged);
    inputs.put(GROUP_NAME, group);
    inputs.put(PROJECT_KEY, execution.getVariable(PROJECT_KEY));
    inputs.put(ROLE_NAME, role);
    DmnDecisionResultEntries result = decisionService.evaluateDecisionByKey(DECISION_KEY).variables(inputs).evaluate().getSingleResult();
    if (result == null) {
      throw new IllegalStateException("The routing table " + DECISION_KEY + " has no rule for " + inputs
          + "; add one in processes/approval-routing.dmn");
    }
    execution.setVariable(PRIVILEGED, privileged);
    execution.setVariable(SELF_REMOVAL, selfRemoval);
    execution.setVariable(FIRST_APPROVER, result.getEntry("firstApprover"));
    execution.setVariable(SECOND_APPROVER, result.getEntry("secondApprover"));
    execution.setVariable(APPROVAL_RULE, result.getEntry("approvalRule"));
    if (ApproverKind.NONE.name().equals(result.getEntry("firstApprover"))) {
      // the table's rule is the decision, and the history says so
      execution.setVariable(APPROVED, true);
      execution.setVariable(DECIDED_BY, "the approval rule: " + result.getEntry("approvalRule"));
    }
  }
}
