package io.accessflow.approval;

import io.accessflow.routing.RoutingProperties;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tasklist filters for approvers, created when missing (an edited filter is left as it is). */
@Component
class TasklistFilters {

  static final String MY_APPROVALS = "My approvals";
  static final String ACCESS_ADMIN_QUEUE = "Access admin queue";

  private final FilterService filterService;
  private final TaskService taskService;
  private final RoutingProperties routing;

  TasklistFilters(FilterService filterService, TaskService taskService, RoutingProperties routing) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.routing = routing;
  }

  @EventListener(ApplicationReadyEvent.class)
  void createFilters() {
    create(MY_APPROVALS, "Access requests waiting for my decision", -10,
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    create(ACCESS_ADMIN_QUEUE, "Access requests for the access admins to decide", -5,
        taskService.createTaskQuery().taskCandidateGroup(routing.accessAdminsGroup()).includeAssignedTasks());
  }

  private void create(String name, String description, int priority, TaskQuery query) {
    if (filterService.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Filter filter = filterService.newTaskFilter(name)
        .setQuery(query)
        .setProperties(Map.of("description", description, "priority", priority, "refresh", true));
    filterService.saveFilter(filter);
  }
}
