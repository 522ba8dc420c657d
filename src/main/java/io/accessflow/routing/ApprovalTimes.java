package io.accessflow.routing;

import java.time.Duration;
import org.springframework.stereotype.Component;

/** The policy's times as the model's timers read them, e.g. {@code ${approvalTimes.reminderCycle()}}. */
@Component("approvalTimes")
public class ApprovalTimes {

  private final ApprovalPolicy policy;

  ApprovalTimes(ApprovalPolicy policy) {
    this.policy = policy;
  }

  /** Repeats: the approver is reminded again after each interval, the task stays where it is. */
  public String reminderCycle() {
    return "R/" + iso(policy.reminder());
  }

  public String escalation() {
    return iso(policy.escalation());
  }

  public String expiry() {
    return iso(policy.expiry());
  }

  /** ISO-8601 as people write it: whole days as {@code P3D}, not {@code PT72H}. */
  static String iso(Duration duration) {
    return !duration.isZero() && duration.toSeconds() % 86_400 == 0 ? "P" + duration.toDays() + "D" : duration.toString();
  }
}
