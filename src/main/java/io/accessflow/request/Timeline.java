package io.accessflow.request;

import static io.accessflow.request.RequestVariables.APPROVED;
import static io.accessflow.request.RequestVariables.APPROVER;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;

/**
 * What happened to a request, from Camunda history: the instance's start and end, the activity
 * instances of the model's steps (by their BPMN ids), incidents and the variables they set.
 */
final class Timeline {

  static final String VALIDATE = "validate-request";
  static final String ROUTE = "route-approval";
  static final String APPROVE = "approve-request";
  static final Set<String> PROVISIONING_TASKS = Set.of("add-user-to-group", "remove-user-from-group",
      "add-user-to-project-role", "remove-user-from-project-role", "create-user", "create-group");
  static final Set<String> END_EVENTS = Set.of("request-invalid", "already-in-place", "request-rejected",
      "request-no-longer-valid", "access-provisioned");
  private static final int MAX_DETAIL = 500;

  private Timeline() {}

  static List<TimelineEntry> of(HistoricProcessInstance instance, Map<String, Object> variables,
      List<HistoricActivityInstance> activities, List<HistoricIncident> incidents) {
    List<TimelineEntry> entries = new ArrayList<>();
    entries.add(entry(instance.getStartTime(), "requested", instance.getStartUserId(),
        variables.get(REQUEST_TYPE) + text(": ", variables.get(REASON))));
    boolean passedValidation = activities.stream().anyMatch(a -> a.getActivityId().equals(ROUTE) || a.getActivityId().equals("already-in-place"));
    for (HistoricActivityInstance activity : activities) {
      if (activity.getEndTime() == null || activity.isCanceled()) {
        continue;
      }
      String id = activity.getActivityId();
      if (id.equals(VALIDATE) && passedValidation) {
        entries.add(entry(activity.getEndTime(), "validated", null, text("", variables.get(CURRENT_STATE))));
      } else if (id.equals(ROUTE)) {
        Object approver = variables.get(APPROVER);
        String to = approver != null ? approver.toString() : "the group " + variables.get(APPROVER_GROUP);
        entries.add(entry(activity.getEndTime(), "routed", null, "To " + to + text(": ", variables.get(ROUTING_REASON))));
      } else if (id.equals(APPROVE)) {
        Object decidedBy = variables.getOrDefault(DECIDED_BY, activity.getAssignee());
        String decision = Boolean.TRUE.equals(variables.get(APPROVED)) ? "approved" : "rejected";
        entries.add(entry(activity.getEndTime(), "decided", decidedBy == null ? null : decidedBy.toString(),
            decision + text(": ", variables.get(DECISION_COMMENT))));
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
