package io.accessflow.routing;

import static io.accessflow.request.RequestVariables.ACCOUNT_ID;
import static io.accessflow.request.RequestVariables.APPROVER;
import static io.accessflow.request.RequestVariables.APPROVER_CANDIDATES;
import static io.accessflow.request.RequestVariables.APPROVER_GROUP;
import static io.accessflow.request.RequestVariables.APPROVER_LEVEL;
import static io.accessflow.request.RequestVariables.FIRST_APPROVER;
import static io.accessflow.request.RequestVariables.FIRST_DECIDED_BY;
import static io.accessflow.request.RequestVariables.GROUP_NAME;
import static io.accessflow.request.RequestVariables.PROJECT_KEY;
import static io.accessflow.request.RequestVariables.REQUESTER;
import static io.accessflow.request.RequestVariables.ROUTING_REASON;
import static io.accessflow.request.RequestVariables.SECOND_APPROVER;
import static io.accessflow.request.RequestVariables.USER_EMAIL;

import io.accessflow.request.AtlassianStep;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Service tasks "Route approval" and "Route second approval": who decides this step, along the
 * step's approver chain (the kind comes from the routing table).
 */
@Component("routeApproval")
class RouteApprovalDelegate extends AtlassianStep {

  static final String SECOND_STEP = "route-second-approval";

  private final ApproverRouter router;

  RouteApprovalDelegate(ApproverRouter router) {
    this.router = router;
  }

  @Override
  protected void run(DelegateExecution execution) {
    String kind = (String) execution.getVariable(SECOND_STEP.equals(execution.getCurrentActivityId()) ? SECOND_APPROVER : FIRST_APPROVER);
    apply(execution, router.route(ApproverKind.valueOf(kind), request(execution), 0));
  }

  static ApproverRouter.Request request(DelegateExecution execution) {
    return new ApproverRouter.Request(text(execution, PROJECT_KEY), text(execution, GROUP_NAME), text(execution, REQUESTER),
        text(execution, USER_EMAIL), text(execution, ACCOUNT_ID), text(execution, FIRST_DECIDED_BY));
  }

  static void apply(DelegateExecution execution, Routing routing) {
    execution.setVariable(APPROVER, routing.approver());
    execution.setVariable(APPROVER_CANDIDATES, routing.candidates().isEmpty() ? null : String.join(",", routing.candidates()));
    execution.setVariable(APPROVER_GROUP, routing.approverGroup());
    execution.setVariable(APPROVER_LEVEL, routing.level());
    execution.setVariable(ROUTING_REASON, routing.reason());
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : value.toString();
  }
}
