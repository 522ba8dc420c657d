package io.accessflow.atlassian;

import io.accessflow.atlassian.contract.AtlassianContract;
import io.accessflow.sandbox.SandboxCallLog;
import io.accessflow.sandbox.SandboxFaults;
import io.accessflow.sandbox.SandboxStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole app on a random port with the sandbox as its Atlassian site; the connector talks to
 * it over real HTTP. Every exchange of a test is checked against Atlassian's OpenAPI document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(AtlassianContract.class)
abstract class SandboxBackedTest {

  static final String SANDBOX_TOKEN = "sandbox-token";

  @LocalServerPort
  int port;
  @Autowired
  AtlassianClient client;
  @Autowired
  AtlassianSite site;
  @Autowired
  SandboxStore store;
  @Autowired
  SandboxCallLog calls;
  @Autowired
  SandboxFaults faults;

  @BeforeEach
  void resetSandbox() {
    store.reset();
    faults.reset();
    calls.clear();
  }

  @AfterEach
  void resetFaults() {
    faults.reset();
  }

  /** A client for the same sandbox with other credentials or timeouts. */
  AtlassianClient clientAs(String email, String token) {
    return clientAs(email, token, Duration.ofSeconds(5));
  }

  AtlassianClient clientAs(String email, String token, Duration readTimeout) {
    return AtlassianClient.create(site::baseUrl, email, token, Duration.ofSeconds(2), readTimeout);
  }

  String accountIdOf(String email) {
    return client.findUserByEmail(email).orElseThrow().accountId();
  }

  String groupIdOf(String name) {
    return client.findGroupByName(name).orElseThrow().groupId();
  }
}
