package io.accessflow.routing;

import static io.accessflow.request.RequestVariables.APPROVER_LEVEL;
import static io.accessflow.request.RequestVariables.ESCALATIONS;
import static io.accessflow.request.RequestVariables.FIRST_APPROVER;
import static io.accessflow.request.RequestVariables.ROUTING_REASON;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Escalate approval": nobody decided within the escalation time, so the next link of
 * the approver chain decides (the access admins stay the last one). Recorded in the routing reason,
 * which the approver's form and the request's timeline show.
 */
@Component("escalateApproval")
class EscalateApprovalDelegate implements JavaDelegate {

  private final ApproverRouter router;
  private final ApprovalPolicy policy;

  EscalateApprovalDelegate(ApproverRouter router, ApprovalPolicy policy) {
    this.router = router;
    this.policy = policy;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int level = execution.getVariable(APPROVER_LEVEL) instanceof Number n ? n.intValue() : 0;
    Routing next = router.route(ApproverKind.valueOf((String) execution.getVariable(FIRST_APPROVER)),
        RouteApprovalDelegate.request(execution), level + 1);
    RouteApprovalDelegate.apply(execution, next);
    int escalations = execution.getVariable(ESCALATIONS) instanceof Number n ? n.intValue() + 1 : 1;
    execution.setVariable(ESCALATIONS, escalations);
    execution.setVariable(ROUTING_REASON, "Escalated after " + ApprovalTimes.iso(policy.escalation()) + " without a decision: " + next.reason());
  }
}
