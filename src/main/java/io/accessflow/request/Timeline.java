package io.accessflow.request;

import static io.accessflow.request.RequestVariables.APPROVED;
import static io.accessflow.request.RequestVariables.APPROVER;
import static io.accessflow.request.RequestVariables.APPROVER_CANDIDATES;
import static io.accessflow.request.RequestVariables.APPROVER_GROUP;
import static io.accessflow.request.RequestVariables.CANCELLED_BY;
import static io.accessflow.request.RequestVariables.CURRENT_STATE;
import static io.accessflow.request.RequestVariables.DECIDED_BY;
import static io.accessflow.request.RequestVariables.DECISION_COMMENT;
import static io.accessflow.request.RequestVariables.OUTCOME;
import static io.accessflow.request.RequestVariables.OUTCOME_MESSAGE;
import static io.accessflow.request.RequestVariables.REASON;
import static io.accessflow.request.RequestVariables.REQUEST_TYPE;
import static io.accessflow.request.RequestVariables.ROUTING_REASON;

import io.accessflow.request.AccessRequestView.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;

/**
 * What happened to a request, from Camunda history: the instance's start and end, the activity
 * instances of the model's steps (by their BPMN ids), incidents and the variables they set.
 */
final class Timeline {

  static final String VALIDATE = "validate-request";
  static final String ROUTE = "route-approval";
  static final String ROUTE_SECOND = "route-second-approval";
  static final String ESCALATE = "escalate-approval";
  static final String APPROVE = "approve-request";
  static final String APPROVE_SECOND = "approve-second";
  static final Set<String> REMINDERS = Set.of("remind-approver", "remind-second-approver");
  static final Set<String> PROVISIONING_TASKS = Set.of("add-user-to-group", "remove-user-from-group",
      "add-user-to-project-role", "remove-user-from-project-role", "create-user", "create-group");
  static final Set<String> END_EVENTS = Set.of("request-invalid", "already-in-place", "request-rejected",
      "request-no-longer-valid", "access-provisioned", "request-expired");
  private static final int MAX_DETAIL = 500;

  private Timeline() {}

  /**
   * @param updates every variable update of the instance: a step's routing or decision is read from
   *     the values set in that step, so that escalations and second steps each keep their own
   */
  static List<TimelineEntry> of(HistoricProcessInstance instance, Map<String, Object> variables,
      List<HistoricActivityInstance> activities, List<HistoricIncident> incidents, List<HistoricDetail> updates) {
    Map<String, Map<String, Object>> setIn = new HashMap<>();
    for (HistoricDetail detail : updates) {
      if (detail instanceof HistoricVariableUpdate update && update.getActivityInstanceId() != null) {
        setIn.computeIfAbsent(update.getActivityInstanceId(), k -> new HashMap<>()).put(update.getVariableName(), update.getValue());
      }
    }
    List<TimelineEntry> entries = new ArrayList<>();
    entries.add(entry(instance.getStartTime(), "requested", instance.getStartUserId(),
        variables.get(REQUEST_TYPE) + text(": ", variables.get(REASON))));
    boolean passedValidation = activities.stream().anyMatch(a -> a.getActivityId().equals("decide-approval-steps") || a.getActivityId().equals("already-in-place"));
    for (HistoricActivityInstance activity : activities) {
      if (activity.getEndTime() == null || activity.isCanceled()) {
        continue;
      }
      String id = activity.getActivityId();
      if (id.equals(VALIDATE) && passedValidation) {
        entries.add(entry(activity.getEndTime(), "validated", null, text("", variables.get(CURRENT_STATE))));
      } else if (id.equals(ROUTE) || id.equals(ROUTE_SECOND) || id.equals(ESCALATE)) {
        Map<String, Object> set = at(setIn, activity, variables);
        Object approver = set.get(APPROVER);
        Object candidates = set.get(APPROVER_CANDIDATES);
        String to = approver != null ? approver.toString() : candidates != null ? candidates.toString() : "the group " + set.get(APPROVER_GROUP);
        entries.add(entry(activity.getEndTime(), id.equals(ESCALATE) ? "escalated" : "routed", null,
            "To " + to + text(": ", set.get(ROUTING_REASON))));
      } else if (id.equals(APPROVE) || id.equals(APPROVE_SECOND)) {
        Map<String, Object> set = at(setIn, activity, variables);
        Object decidedBy = set.getOrDefault(DECIDED_BY, activity.getAssignee());
        String decision = Boolean.TRUE.equals(set.get(APPROVED)) ? "approved" : "rejected";
        entries.add(entry(activity.getEndTime(), "decided", decidedBy == null ? null : decidedBy.toString(),
            decision + text(": ", set.get(DECISION_COMMENT))));
      } else if (REMINDERS.contains(id)) {
        entries.add(entry(activity.getEndTime(), "reminded", null, "The approver was reminded"));
      } else if (PROVISIONING_TASKS.contains(id)) {
        entries.add(entry(activity.getEndTime(), "provisioned", null, activity.getActivityName()));
      } else if (END_EVENTS.contains(id)) {
        entries.add(entry(activity.getStartTime(), "ended", null,
            variables.get(OUTCOME) + text(": ", variables.get(OUTCOME_MESSAGE))));
      }
    }
    for (HistoricIncident incident : incidents) {
      entries.add(entry(incident.getCreateTime(), "failed", null, text("", incident.getIncidentMessage())
          + (incident.isResolved() ? " (resolved)" : " (an incident in Cockpit; Retry there resumes the request)")));
    }
    if (isCancelled(instance)) {
      Object by = variables.get(CANCELLED_BY);
      entries.add(entry(instance.getEndTime(), "cancelled", by == null ? null : by.toString(), text("", instance.getDeleteReason())));
    }
    entries.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.naturalOrder())));
    return entries;
  }

  /** The values set in this activity, over the latest ones (an old history may lack the updates). */
  private static Map<String, Object> at(Map<String, Map<String, Object>> setIn, HistoricActivityInstance activity,
      Map<String, Object> latest) {
    Map<String, Object> values = new HashMap<>(latest);
    values.putAll(setIn.getOrDefault(activity.getId(), Map.of()));
    return values;
  }

  static boolean isCancelled(HistoricProcessInstance instance) {
    return HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED.equals(instance.getState())
        || HistoricProcessInstance.STATE_INTERNALLY_TERMINATED.equals(instance.getState());
  }

  private static TimelineEntry entry(Date at, String event, String actor, String detail) {
    return new TimelineEntry(at == null ? null : at.toInstant(), event, actor, detail);
  }

  private static String text(String prefix, Object value) {
    if (value == null || value.toString().isBlank()) {
      return "";
    }
    String text = value.toString();
    return prefix + (text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text);
  }

  static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
