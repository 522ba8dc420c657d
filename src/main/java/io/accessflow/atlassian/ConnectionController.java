package io.accessflow.atlassian;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/atlassian/connection}: a fresh connection check for administrators. */
@RestController
class ConnectionController {

  private final ConnectionCheck check;

  ConnectionController(ConnectionCheck check) {
    this.check = check;
  }

  @GetMapping("/api/atlassian/connection")
  ConnectionReport connection() {
    return check.check();
  }
}
