package io.accessflow.monitoring;

import static io.accessflow.request.RequestVariables.OUTCOME;
import static io.accessflow.request.RequestVariables.PROCESS_KEY;
import static io.accessflow.request.RequestVariables.REQUEST_TYPE;

import io.accessflow.request.Outcome;
import io.accessflow.request.RequestType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Request metrics from the engine's own events, which the Camunda starter publishes as Spring
 * events ({@code camunda.bpm.eventing}): the model stays free of monitoring listeners. The
 * listeners run inside the engine's transaction, so they only count and never throw.
 */
@Component
class RequestMetrics {

  static final String REQUESTS = "accessflow.requests";
  static final String APPROVAL_WAIT = "accessflow.approval.wait";
  static final String PROVISIONING = "accessflow.provisioning.duration";
  static final Set<String> APPROVAL_TASKS = Set.of("approve-request", "approve-second");

  /** Tag values are bounded: anything unexpected (an invalid request's type) is one value. */
  private static final Set<String> TYPES = Arrays.stream(RequestType.values()).map(Enum::name).collect(Collectors.toSet());
  private static final Set<String> OUTCOMES = Arrays.stream(Outcome.values()).map(Enum::name).collect(Collectors.toSet());

  private final MeterRegistry meters;
  private final HistoryService historyService;

  RequestMetrics(MeterRegistry meters, HistoryService historyService) {
    this.meters = meters;
    this.historyService = historyService;
    for (String task : APPROVAL_TASKS) {
      approvalWait(task);
    }
    provisioning();
  }

  /** The end of an access-request instance: the process scope's own end, not one of its activities'. */
  @EventListener
  void onExecution(DelegateExecution execution) {
    if (!"end".equals(execution.getEventName()) || execution.getProcessDefinitionId() == null
        || !execution.getProcessDefinitionId().startsWith(PROCESS_KEY + ":")
        || !execution.getProcessInstanceId().equals(execution.getActivityInstanceId())) {
      return;
    }
    String outcome = bounded(execution.getVariable(OUTCOME), OUTCOMES, execution.isCanceled() ? "CANCELLED" : "NONE");
    String type = bounded(execution.getVariable(REQUEST_TYPE), TYPES, "UNKNOWN");
    Counter.builder(REQUESTS).description("Access requests ended, by request type and outcome")
        .tag("type", type).tag("outcome", outcome).register(meters).increment();
    if (Outcome.PROVISIONED.name().equals(outcome)) {
      lastApproval(execution.getProcessInstanceId())
          .ifPresent(approved -> provisioning().record(since(approved)));
    }
  }

  /** An approval decided: the time the task waited for its approver. */
  @EventListener
  void onTask(DelegateTask task) {
    if ("complete".equals(task.getEventName()) && APPROVAL_TASKS.contains(task.getTaskDefinitionKey())
        && task.getCreateTime() != null) {
      approvalWait(task.getTaskDefinitionKey()).record(since(task.getCreateTime()));
    }
  }

  /**
   * The last decided approval of the instance, from history: provisioning usually runs on a later
   * job, possibly on another node, after the approval's transaction committed.
   */
  private Optional<Date> lastApproval(String processInstanceId) {
    List<HistoricTaskInstance> decided = historyService.createHistoricTaskInstanceQuery()
        .processInstanceId(processInstanceId)
        .taskDefinitionKeyIn(APPROVAL_TASKS.toArray(String[]::new))
        .finished()
        .orderByHistoricTaskInstanceEndTime().desc()
        .listPage(0, 1);
    return decided.stream().map(HistoricTaskInstance::getEndTime).filter(Objects::nonNull).findFirst();
  }

  private Timer approvalWait(String task) {
    return Timer.builder(APPROVAL_WAIT).description("Time an approval task waited for its decision")
        .tag("task", task).register(meters);
  }

  private Timer provisioning() {
    return Timer.builder(PROVISIONING).description("Time from the last approval to the access provisioned")
        .register(meters);
  }

  private static Duration since(Date start) {
    Duration elapsed = Duration.between(start.toInstant(), Instant.now());
    return elapsed.isNegative() ? Duration.ZERO : elapsed;
  }

  private static String bounded(Object value, Set<String> known, String otherwise) {
    return value != null && known.contains(value.toString()) ? value.toString() : otherwise;
  }
}
