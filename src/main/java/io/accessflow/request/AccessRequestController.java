package io.accessflow.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Access requests over REST, for systems and people: ask, follow, list, cancel. */
@RestController
@RequestMapping(AccessRequestController.PATH)
@Tag(name = "Access requests", description = "Ask for access in Atlassian Cloud and follow the request to its end")
@SecurityRequirement(name = OpenApiConfiguration.BASIC_AUTH)
@ApiResponse(responseCode = "401", description = "No or wrong HTTP Basic credentials (a Camunda user)", content = @Content)
class AccessRequestController {

  static final String PATH = "/api/access-requests";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
  private static final int MAX_PAGE_SIZE = 100;

  private final AccessRequestService requests;
  private final IdentityService identityService;

  AccessRequestController(AccessRequestService requests, IdentityService identityService) {
    this.requests = requests;
    this.identityService = identityService;
  }

  @PostMapping
  @Operation(summary = "Ask for access",
      description = "Checks the request at once (every format problem together, then the user, group, project and role in"
          + " Atlassian) and starts it; the approver is chosen right after, so `approver` may still be null. The requester"
          + " is the authenticated caller.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
          content = @Content(mediaType = "application/json", schema = @Schema(implementation = NewAccessRequest.class))))
  @ApiResponse(responseCode = "201", description = "Started; `Location` is the request's URL")
  @ApiResponse(responseCode = "200", description = "The same Idempotency-Key and body were sent before: the request then started")
  @ApiResponse(responseCode = "400", description = "Invalid; `errors` names each bad field and what to fix",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(responseCode = "409", description = "The Idempotency-Key was used before with a different body",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(responseCode = "413", description = "The body is larger than 64 KB",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
  ResponseEntity<AccessRequestView> create(@RequestBody JsonNode body,
      @Parameter(in = ParameterIn.HEADER, name = IDEMPOTENCY_KEY, description = "Any unique string (up to 200 printable ASCII"
          + " characters, e.g. a UUID). Sending the same key and body again returns the request the first call started"
          + " instead of starting another; keys are per caller.")
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
    if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
      throw new InvalidRequestException(IDEMPOTENCY_KEY, "must be 1 to 200 printable ASCII characters without spaces, e.g. a UUID");
    }
    List<RequestError> shapeErrors = new ArrayList<>();
    NewAccessRequest request = NewAccessRequest.read(body, shapeErrors);
    AccessRequestService.Created created = requests.create(caller(), request, shapeErrors, idempotencyKey);
    if (!created.isNew()) {
      return ResponseEntity.ok(created.view());
    }
    return ResponseEntity.created(URI.create(PATH + "/" + created.view().id())).body(created.view());
  }

  @GetMapping("/{id}")
  @Operation(summary = "A request: status, approver, outcome and timeline",
      description = "Readable by its requester, access admins and Camunda administrators; for anyone else it does not exist.")
  @ApiResponse(responseCode = "200", description = "The request")
  @ApiResponse(responseCode = "404", description = "No such request, or not yours to see",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
  AccessRequestView get(@PathVariable String id) {
    return requests.view(caller(), id);
  }

  @GetMapping
  @Operation(summary = "Requests, newest first",
      description = "Access admins and Camunda administrators see everyone's requests (or only their own with `mine=true`);"
          + " everybody else sees their own.")
  @ApiResponse(responseCode = "200", description = "One page of requests (without timelines)")
  @ApiResponse(responseCode = "400", description = "A bad status, page or size",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
  AccessRequestPage list(
      @Parameter(description = "only requests in this status") @RequestParam(required = false) RequestStatus status,
      @Parameter(description = "only the caller's own requests") @RequestParam(defaultValue = "false") boolean mine,
      @Parameter(description = "page number, from 0") @RequestParam(defaultValue = "0") int page,
      @Parameter(description = "page size, 1 to " + MAX_PAGE_SIZE) @RequestParam(defaultValue = "20") int size) {
    List<RequestError> errors = new ArrayList<>();
    if (page < 0) {
      errors.add(new RequestError("page", "must be 0 or more"));
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      errors.add(new RequestError("size", "must be between 1 and " + MAX_PAGE_SIZE));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return requests.list(caller(), status, mine, page, size);
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Cancel a pending request",
      description = "Only while PENDING_APPROVAL, by its requester, an access admin or a Camunda administrator. History"
          + " records who cancelled.")
  @ApiResponse(responseCode = "200", description = "Cancelled; the request with status CANCELLED")
  @ApiResponse(responseCode = "404", description = "No such request, or not yours to see",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(responseCode = "409", description = "The request is no longer pending",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
  AccessRequestView cancel(@PathVariable String id) {
    return requests.cancel(caller(), id);
  }

  /** The user the authentication filter logged in, with their groups. */
  private Caller caller() {
    var authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, "Log in with HTTP Basic as a Camunda user.");
    }
    return new Caller(authentication.getUserId(), authentication.getGroupIds());
  }
}
