package io.accessflow.approval;

import io.accessflow.routing.RoutingProperties;
import io.accessflow.security.Authorizations;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
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
  private final Authorizations authorizations;

  TasklistFilters(FilterService filterService, TaskService taskService, RoutingProperties routing, Authorizations authorizations) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.routing = routing;
    this.authorizations = authorizations;
  }

  @EventListener(ApplicationReadyEvent.class)
  void createFilters() {
    create(MY_APPROVALS, "Access requests waiting for my decision", -10,
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    create(ACCESS_ADMIN_QUEUE, "Access requests for the access admins to decide", -5,
        taskService.createTaskQuery().taskCandidateGroup(routing.accessAdminsGroup()).includeAssignedTasks());
  }

  private void create(String name, String description, int priority, TaskQuery query) {
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filterService.saveFilter(filterService.newTaskFilter(name)
          .setQuery(query)
          .setProperties(Map.of("description", description, "priority", priority, "refresh", true)));
    }
    // everyone may use the filter; it shows each user only the tasks they may see
    authorizations.grantEveryone(Resources.FILTER, filter.getId(), Permissions.READ);
  }
}
