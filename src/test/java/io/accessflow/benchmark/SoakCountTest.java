package io.accessflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accessflow.sandbox.SandboxCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The soak's counts and its verdict, which decides whether {@code -Pbenchmark} exits non-zero. */
class SoakCountTest {

  private static final List<String> IDS = List.of("r1", "r2", "r3");

  @Test
  void allCompletedOnceThroughFaultsPasses() {
    List<SandboxCall> calls = new ArrayList<>(List.of(
        create(503), create(201), create(429), create(201), create(201), call("GET", "/rest/api/3/group/bulk", 500)));
    SoakCount count = SoakCount.of(IDS, Map.of("r1", "PROVISIONED", "r2", "PROVISIONED", "r3", "ALREADY_IN_PLACE"), 3, calls, 3, 0);

    assertThat(count.passed()).isTrue();
    assertThat(count.toMap()).containsEntry("completed", 3L).containsEntry("lost", 0L).containsEntry("doubled", 0L)
        .containsEntry("injectedFaults", 3L).containsEntry("passed", true);
    BenchmarkRun.requirePassedSoak(results(count));
  }

  @Test
  void aRequestThatNeverEndedIsLostAndFailsTheRun() {
    SoakCount count = SoakCount.of(IDS, Map.of("r1", "PROVISIONED", "r2", "PROVISIONED"), 2,
        List.of(create(201), create(201)), 2, 1);

    assertThat(count.lost()).isEqualTo(1);
    assertThat(count.passed()).isFalse();
    assertThatThrownBy(() -> BenchmarkRun.requirePassedSoak(results(count))).isInstanceOf(AssertionError.class)
        .hasMessageContaining("lost=1");
  }

  @Test
  void aRequestThatEndedAnyOtherWayIsLost() {
    SoakCount count = SoakCount.of(IDS, Map.of("r1", "PROVISIONED", "r2", "PROVISIONED", "r3", "INVALID"), 3,
        List.of(create(201), create(201)), 2, 0);

    assertThat(count.completed()).isEqualTo(2);
    assertThat(count.lost()).isEqualTo(1);
    assertThat(count.passed()).isFalse();
  }

  @Test
  void aCreationThatReachedTheStoreTwiceIsDoubledAndFailsTheRun() {
    // the second attempt got past the faults and found the group there: Jira answered 400
    SoakCount count = SoakCount.of(IDS, Map.of("r1", "PROVISIONED", "r2", "PROVISIONED", "r3", "ALREADY_IN_PLACE"), 3,
        List.of(create(201), create(201), create(201), create(400)), 3, 0);

    assertThat(count.doubled()).isEqualTo(1);
    assertThat(count.lost()).isZero();
    assertThat(count.passed()).isFalse();
    assertThatThrownBy(() -> BenchmarkRun.requirePassedSoak(results(count))).isInstanceOf(AssertionError.class)
        .hasMessageContaining("doubled=1");
  }

  @Test
  void aThroughputRunHasNoSoakVerdict() {
    BenchmarkRun.requirePassedSoak(Map.of("accessflow", Map.of("requestsPerSecond", 10.0)));
  }

  private static Map<String, Object> results(SoakCount count) {
    return Map.of("accessflow", Map.of("soak", count.toMap()));
  }

  private static SandboxCall create(int status) {
    return call("POST", SoakCount.CREATE_GROUP, status);
  }

  private static SandboxCall call(String method, String path, int status) {
    return new SandboxCall(Instant.now(), method, path, null, status);
  }
}
