package io.accessflow.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * An access request as the request API shows it. {@code approver} is null (and present) until
 * routing has chosen one; {@code timeline} is only in the single-request view.
 */
@Schema(name = "AccessRequest")
record AccessRequestView(
    @Schema(description = "the request id (the process instance id)") String id,
    RequestStatus status,
    @Schema(description = "one of the six request types") String type,
    @Schema(description = "the Camunda user who asked") String requester,
    String userEmail, String accountId, String groupName, String projectKey, String roleName,
    List<String> products, String reason,
    @Schema(description = "who asks what for whom, in words; known once validated") String summary,
    @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true, description = "null until routing has chosen the approver")
    Approver approver,
    @Schema(description = "PROVISIONED, ALREADY_IN_PLACE, REJECTED or INVALID once ended") String outcome,
    String outcomeMessage,
    Instant requestedAt,
    Instant endedAt,
    List<TimelineEntry> timeline) {

  /** Who decides: a person ({@code user}) or a Camunda group ({@code group}), and why. */
  record Approver(String user, String group, String reason) {}

  /**
   * One thing that happened to the request.
   *
   * @param event requested, validated, routed, decided, provisioned, failed, ended or cancelled
   * @param actor the Camunda user who did it, or null when the process did
   */
  record TimelineEntry(Instant at, String event, String actor, String detail) {}

  AccessRequestView withoutTimeline() {
    return new AccessRequestView(id, status, type, requester, userEmail, accountId, groupName, projectKey, roleName, products,
        reason, summary, approver, outcome, outcomeMessage, requestedAt, endedAt, null);
  }
}
