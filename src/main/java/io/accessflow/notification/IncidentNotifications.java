package io.accessflow.notification;

import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the requester when their request got stuck in an incident (retries exhausted), once per
 * incident: the engine reports each new incident exactly once as a history event, which
 * camunda-bpm-spring-boot-starter publishes as a Spring event ({@code camunda.bpm.eventing.history},
 * on by default). The engine's public API has no incident callback, so this reads the event's
 * {@code impl} types; it is the only place in main code that does.
 */
@Component
class IncidentNotifications {

  private final Notifications notifications;

  IncidentNotifications(Notifications notifications) {
    this.notifications = notifications;
  }

  @EventListener
  void onIncident(HistoricIncidentEventEntity event) {
    if (event.isEventOfType(HistoryEventTypes.INCIDENT_CREATE) && event.getProcessInstanceId() != null) {
      notifications.requestFailed(event.getProcessInstanceId(), event.getActivityId());
    }
  }
}
