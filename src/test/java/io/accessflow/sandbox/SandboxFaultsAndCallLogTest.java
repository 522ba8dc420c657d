package io.accessflow.sandbox;

import static io.accessflow.sandbox.SandboxHttp.ADMIN;
import static io.accessflow.sandbox.SandboxHttp.API;
import static io.accessflow.sandbox.SandboxHttp.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.accessflow.atlassian.AtlassianSite;
import io.accessflow.sandbox.SandboxHttp.Response;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SandboxFaultsAndCallLogTest extends SandboxTestBase {

  @Autowired
  AtlassianSite site;

  @Autowired
  SandboxProperties properties;

  @Test
  void isTheSiteWithTheActualPort() {
    assertThat(site.sandbox()).isTrue();
    assertThat(site.baseUrl()).isEqualTo("http://localhost:" + port + "/sandbox/atlassian");
  }

  @Test
  void injectsRateLimitWithRetryAfterAndChangesNothing() {
    faults.setRateLimitRate(1.0);
    faults.setRetryAfter(Duration.ofSeconds(2));

    Response response = http.post(ADMIN, API + "/group/user?groupname=beta-developers", "{\"accountId\":\"" + accountId(CAROL) + "\"}");

    assertThat(response.status()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.json().get("errorMessages")).isNotEmpty();
    assertThat(store.memberEmails("beta-developers")).containsExactly("bob@example.com");
  }

  @Test
  void roundsRetryAfterUpToWholeSecondsAndAtLeastOne() {
    faults.setRateLimitRate(1.0);

    faults.setRetryAfter(Duration.ofMillis(1500));
    assertThat(http.get(ADMIN, API + "/myself").headers().firstValue("Retry-After")).hasValue("2");
    faults.setRetryAfter(Duration.ZERO);
    assertThat(http.get(ADMIN, API + "/myself").headers().firstValue("Retry-After")).hasValue("1");
  }

  @Test
  void injectsServerErrorsThatChangeNothing() {
    faults.setFailureRate(1.0);
    Set<Integer> statuses = new HashSet<>();

    // 500 or 503 at random: 40 calls all but surely show both (a miss has probability 2^-39).
    for (int i = 0; i < 40; i++) {
      Response response = http.post(ADMIN, API + "/group", "{\"name\":\"faulty-" + i + "\"}");
      statuses.add(response.status());
      assertThat(response.json().has("errorMessages")).isTrue();
      if (response.status() == 503) {
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
      }
    }

    assertThat(statuses).containsExactlyInAnyOrder(500, 503);
    assertThat(store.groups()).hasSize(4);
  }

  @Test
  void rateLimitComesBeforeServerErrors() {
    faults.setFailureRate(1.0);
    faults.setRateLimitRate(1.0);

    assertThat(http.get(ADMIN, API + "/myself").status()).isEqualTo(429);
  }

  @Test
  void appliesLatencyToEveryCall() {
    faults.setLatency(Duration.ofMillis(300));

    long start = System.nanoTime();
    Response response = http.get(ADMIN, API + "/myself");
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(response.status()).isEqualTo(200);
    assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void resetRestoresTheConfiguredFaults() {
    faults.setLatency(Duration.ofSeconds(1));
    faults.setFailureRate(0.5);
    faults.setRateLimitRate(0.5);
    faults.setRetryAfter(Duration.ofSeconds(9));

    faults.reset();

    assertThat(faults.latency()).isEqualTo(properties.latency());
    assertThat(faults.failureRate()).isEqualTo(properties.failureRate());
    assertThat(faults.rateLimitRate()).isEqualTo(properties.rateLimitRate());
    assertThat(faults.retryAfter()).isEqualTo(properties.retryAfter());
  }

  @Test
  void rejectsRatesOutsideZeroToOne() {
    assertThatThrownBy(() -> faults.setFailureRate(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> faults.setRateLimitRate(-0.1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void logsEveryCallWithItsFinalStatus() {
    String groupId = groupId("alpha-developers");
    http.get(ADMIN, API + "/myself");
    http.get(null, API + "/myself");
    http.delete(ADMIN, API + "/group/user?groupId=" + groupId + "&accountId=" + accountId(CAROL));
    faults.setRateLimitRate(1.0);
    http.get(ADMIN, API + "/group/member?groupId=" + groupId);

    assertThat(callLog.calls()).extracting(SandboxCall::method, SandboxCall::path, SandboxCall::status)
        .containsExactly(
            tuple("GET", "/rest/api/3/myself", 200),
            tuple("GET", "/rest/api/3/myself", 401),
            tuple("DELETE", "/rest/api/3/group/user", 200),
            tuple("GET", "/rest/api/3/group/member", 429));
    assertThat(callLog.calls().get(0).query()).isNull();
    assertThat(callLog.calls().get(2).query()).isEqualTo("groupId=" + groupId + "&accountId=" + accountId(CAROL));
    assertThat(callLog.calls().get(0).at()).isNotNull();
    assertThat(callLog.count("GET", "/rest/api/3/myself")).isEqualTo(2);
    assertThat(callLog.count("GET", "/rest/api/3/myself", 401)).isEqualTo(1);
    assertThat(callLog.count("DELETE", "/rest/api/3/group/user", 200)).isEqualTo(1);
  }

  @Test
  void clearEmptiesTheCallLog() {
    http.get(ADMIN, API + "/myself");

    callLog.clear();

    assertThat(callLog.calls()).isEmpty();
  }
}
