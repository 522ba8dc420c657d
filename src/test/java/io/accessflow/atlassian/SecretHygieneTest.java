package io.accessflow.atlassian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class SecretHygieneTest extends SandboxBackedTest {

  private static final String WRONG_TOKEN = "ATATT3xFfGF0-recognisable-secret-4711";

  @Autowired
  LoggingSystem logging;

  @AfterEach
  void quietLogs() {
    logging.setLogLevel("io.accessflow", null);
    logging.setLogLevel("feign", null);
  }

  @Test
  void apiTokensAppearInNoLogLineExceptionMessageOrToString(CapturedOutput output) {
    logging.setLogLevel("io.accessflow", LogLevel.DEBUG);
    logging.setLogLevel("feign", LogLevel.DEBUG);
    List<Throwable> failures = new ArrayList<>();
    String groupId = groupIdOf("alpha-developers");
    String dave = accountIdOf("dave@example.com");

    // the working credentials, through successes and every kind of failure
    client.addUserToGroup(groupId, dave);
    failures.add(catchThrowable(() -> client.addUserToGroup(groupId, dave)));
    failures.add(catchThrowable(() -> client.project("NOPE")));
    failures.add(catchThrowable(() -> client.createGroup("")));
    faults.setRateLimitRate(1.0);
    failures.add(catchThrowable(client::myself));
    faults.reset();
    faults.setFailureRate(1.0);
    failures.add(catchThrowable(client::myself));
    faults.reset();
    // wrong credentials
    AtlassianClient wrong = clientAs("admin@example.com", WRONG_TOKEN);
    failures.add(catchThrowable(wrong::myself));
    failures.add(catchThrowable(() -> wrong.addUserToGroup(groupId, dave)));
    ConnectionReport report = new ConnectionCheck(wrong, site, "admin@example.com", java.time.Clock.systemUTC()).check();

    assertThat(output.getAll()).as("Feign logged the calls at DEBUG").contains("---> POST", "<--- HTTP/1.1 201");
    assertThat(failures).allSatisfy(f -> assertThat(f).isInstanceOf(AtlassianException.class));
    for (String secret : secrets()) {
      assertThat(output.getAll()).doesNotContain(secret);
      assertThat(failures).allSatisfy(f -> assertThat(f.getMessage() + f).doesNotContain(secret));
      assertThat(report.toString()).doesNotContain(secret);
    }
    assertThat(new AtlassianProperties("https://x.atlassian.net", "admin@example.com", WRONG_TOKEN,
        Duration.ofSeconds(1), Duration.ofSeconds(1), List.of(Duration.ofSeconds(10))).toString()).doesNotContain(WRONG_TOKEN).contains("<redacted>");
  }

  private static List<String> secrets() {
    return List.of(WRONG_TOKEN, SANDBOX_TOKEN, basic("admin@example.com", WRONG_TOKEN), basic("admin@example.com", SANDBOX_TOKEN));
  }

  private static String basic(String email, String token) {
    return Base64.getEncoder().encodeToString((email + ":" + token).getBytes(StandardCharsets.UTF_8));
  }
}
