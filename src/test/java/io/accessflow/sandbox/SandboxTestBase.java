package io.accessflow.sandbox;

import io.accessflow.atlassian.contract.AtlassianContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The full app on a random port, talking real HTTP to its sandbox; state, faults and log fresh per
 * test. Every answer to a valid request is checked against Atlassian's OpenAPI document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(AtlassianContract.class)
@AtlassianContract.InvalidRequestsExpected
abstract class SandboxTestBase {

  @LocalServerPort
  int port;

  @Autowired
  SandboxStore store;

  @Autowired
  SandboxFaults faults;

  @Autowired
  SandboxCallLog callLog;

  SandboxHttp http;

  @BeforeEach
  void freshSandbox() {
    store.reset();
    faults.reset();
    callLog.clear();
    http = new SandboxHttp(port);
  }

  @AfterEach
  void resetFaults() {
    faults.reset();
  }

  String accountId(String email) {
    return store.userByEmail(email).orElseThrow().accountId();
  }

  String groupId(String name) {
    return store.groupByName(name).orElseThrow().groupId();
  }
}
