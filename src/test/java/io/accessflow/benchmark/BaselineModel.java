package io.accessflow.benchmark;

import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.CAMUNDA_NS;

import io.accessflow.routing.ApprovalTimes;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimeCycle;
import org.camunda.bpm.model.bpmn.instance.TimeDuration;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The bare engine's process: accessflow's own model ({@code processes/access-request.bpmn}) with its
 * work taken out. It keeps every scope, gateway, wait state (the approval's reminder, escalation and
 * expiry timers, at the times the app is configured with) and async boundary, so both runs take the
 * same path through the same shape; the service tasks do nothing, no listener runs, and the
 * approval goes to a fixed candidate group.
 */
final class BaselineModel {

  static final String KEY = "benchmark-baseline";

  /** Variables that send a baseline instance down an approved CREATE_GROUP request's path. */
  static final Map<String, Object> START_VARIABLES = Map.of(
      "requestType", "CREATE_GROUP", "alreadyInPlace", false, "firstApprover", "ACCESS_ADMINS", "secondApprover", "NONE");

  private BaselineModel() {}

  static BpmnModelInstance from(ApprovalTimes times) throws IOException {
    BpmnModelInstance model;
    try (InputStream in = BaselineModel.class.getResourceAsStream("/processes/access-request.bpmn")) {
      if (in == null) {
        throw new IllegalStateException("processes/access-request.bpmn is not on the classpath");
      }
      model = Bpmn.readModelFromStream(in);
    }
    Process process = model.getModelElementsByType(Process.class).iterator().next();
    process.setId(KEY);
    process.setName("Benchmark baseline");
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      task.removeAttributeNs(CAMUNDA_NS, "delegateExpression");
      task.setCamundaExpression("${true}");
    }
    for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
      task.removeAttributeNs(CAMUNDA_NS, "delegateExpression");
      task.setCamundaExpression("${true}");
    }
    remove(model.getModelElementsByType(CamundaExecutionListener.class));
    remove(model.getModelElementsByType(CamundaTaskListener.class));
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      task.removeAttributeNs(CAMUNDA_NS, "formRef");
      task.removeAttributeNs(CAMUNDA_NS, "formRefBinding");
      task.setCamundaCandidateGroups("access-admins");
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      start.removeAttributeNs(CAMUNDA_NS, "formRef");
      start.removeAttributeNs(CAMUNDA_NS, "formRefBinding");
    }
    Map<String, String> timers = Map.of(
        "${approvalTimes.reminderCycle()}", times.reminderCycle(),
        "${approvalTimes.escalation()}", times.escalation(),
        "${approvalTimes.expiry()}", times.expiry());
    for (TimeCycle cycle : model.getModelElementsByType(TimeCycle.class)) {
      cycle.setTextContent(timers.getOrDefault(cycle.getTextContent().trim(), cycle.getTextContent()));
    }
    for (TimeDuration duration : model.getModelElementsByType(TimeDuration.class)) {
      duration.setTextContent(timers.getOrDefault(duration.getTextContent().trim(), duration.getTextContent()));
    }
    String xml = Bpmn.convertToString(model);
    Matcher left = Pattern.compile(".{0,120}(approvalTimes\\.|delegateExpression=).{0,60}").matcher(xml);
    if (left.find()) {
      throw new IllegalStateException("the baseline still refers to accessflow's beans (the model has changed shape): " + left.group());
    }
    Bpmn.validateModel(model);
    return model;
  }

  private static void remove(Collection<? extends ModelElementInstance> elements) {
    for (ModelElementInstance element : List.copyOf(elements)) {
      element.getParentElement().removeChildElement(element);
    }
  }
}
