package io.accessflow.routing;

import static io.accessflow.request.RequestVariables.APPROVER;
import static io.accessflow.request.RequestVariables.APPROVER_GROUP;
import static io.accessflow.request.RequestVariables.PROJECT_KEY;
import static io.accessflow.request.RequestVariables.REQUESTER;
import static io.accessflow.request.RequestVariables.REQUEST_TYPE;
import static io.accessflow.request.RequestVariables.ROUTING_REASON;

import io.accessflow.request.AtlassianStep;
import io.accessflow.request.RequestType;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Route approval": who decides, and why. */
@Component("routeApproval")
class RouteApprovalDelegate extends AtlassianStep {

  private final ApproverRouter router;

  RouteApprovalDelegate(ApproverRouter router) {
    this.router = router;
  }

  @Override
  protected void run(DelegateExecution execution) {
    RequestType type = RequestType.valueOf((String) execution.getVariable(REQUEST_TYPE));
    Routing routing = router.route(type, (String) execution.getVariable(PROJECT_KEY), (String) execution.getVariable(REQUESTER));
    execution.setVariable(APPROVER, routing.approver());
    execution.setVariable(APPROVER_GROUP, routing.approverGroup());
    execution.setVariable(ROUTING_REASON, routing.reason());
  }
}
