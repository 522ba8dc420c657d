package io.accessflow;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/**
 * Finding a process instance's jobs in tests that drive them: besides its async continuation an
 * instance waiting for approval has timers (reminder, escalation, expiry), so "the" job is ambiguous.
 */
public final class ProcessJobs {

  /** The approval's own timers, which wait for days and are not the next step. */
  public static final List<String> APPROVAL_TIMERS = List.of("reminder-timer", "escalation-timer", "expiry-timer", "second-reminder-timer");

  private ProcessJobs() {}

  /** The instance's async continuation, or null. */
  public static Job asyncJob(ManagementService managementService, String processInstanceId) {
    return managementService.createJobQuery().processInstanceId(processInstanceId).messages().singleResult();
  }

  /** The instance's timer job at this activity, or null. */
  public static Job timer(ManagementService managementService, String processInstanceId, String activityId) {
    return timers(managementService, processInstanceId).stream()
        .filter(job -> activityId.equals(activityOf(managementService, job))).findFirst().orElse(null);
  }

  public static List<Job> timers(ManagementService managementService, String processInstanceId) {
    return managementService.createJobQuery().processInstanceId(processInstanceId).timers().list();
  }

  public static String activityOf(ManagementService managementService, Job job) {
    return managementService.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId();
  }
}
