package io.accessflow.atlassian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AtlassianOperationsTest extends SandboxBackedTest {

  private static final int RACERS = 8;

  @Autowired
  AtlassianOperations operations;

  @Test
  void ensureMemberAddsOnceThenReportsAlreadyInPlace() {
    String groupId = groupIdOf("alpha-developers");
    String dave = accountIdOf("dave@example.com");

    assertThat(operations.ensureMember(groupId, dave)).isEqualTo(Change.MADE);
    assertThat(operations.ensureMember(groupId, dave)).isEqualTo(Change.ALREADY_IN_PLACE);

    assertThat(client.isMember(groupId, dave)).isTrue();
    assertThat(calls.count("POST", "/rest/api/3/group/user")).isEqualTo(1);
  }

  @Test
  void concurrentEnsureMemberAddsExactlyOnce() throws Exception {
    String groupId = groupIdOf("alpha-developers");
    String dave = accountIdOf("dave@example.com");

    List<Change> results = race(() -> operations.ensureMember(groupId, dave));

    assertThat(results).containsOnlyOnce(Change.MADE);
    assertThat(client.isMember(groupId, dave)).isTrue();
    assertThat(calls.count("POST", "/rest/api/3/group/user", 201)).isEqualTo(1);
  }

  @Test
  void ensureNotMemberRemovesOnceThenReportsAlreadyInPlace() throws Exception {
    String groupId = groupIdOf("alpha-developers");
    String carol = accountIdOf("carol@example.com");

    List<Change> results = race(() -> operations.ensureNotMember(groupId, carol));

    assertThat(results).containsOnlyOnce(Change.MADE);
    assertThat(operations.ensureNotMember(groupId, carol)).isEqualTo(Change.ALREADY_IN_PLACE);
    assertThat(client.isMember(groupId, carol)).isFalse();
    assertThat(calls.count("DELETE", "/rest/api/3/group/user", 200)).isEqualTo(1);
  }

  @Test
  void ensureRoleActorAddsExactlyOnceUnderRaces() throws Exception {
    long developers = client.roleId("BETA", "Developers");
    String dave = accountIdOf("dave@example.com");
    String path = "/rest/api/3/project/BETA/role/" + developers;

    List<Change> results = race(() -> operations.ensureRoleActor("BETA", developers, dave));

    assertThat(results).containsOnlyOnce(Change.MADE);
    assertThat(operations.ensureRoleActor("BETA", developers, dave)).isEqualTo(Change.ALREADY_IN_PLACE);
    assertThat(client.projectRole("BETA", developers).hasUser(dave)).isTrue();
    assertThat(calls.count("POST", path, 200)).isEqualTo(1);
  }

  @Test
  void ensureNotRoleActorRemovesExactlyOnceUnderRaces() throws Exception {
    long developers = client.roleId("ALPHA", "Developers");
    String carol = accountIdOf("carol@example.com");
    String path = "/rest/api/3/project/ALPHA/role/" + developers;

    List<Change> results = race(() -> operations.ensureNotRoleActor("ALPHA", developers, carol));

    assertThat(results).containsOnlyOnce(Change.MADE);
    assertThat(operations.ensureNotRoleActor("ALPHA", developers, carol)).isEqualTo(Change.ALREADY_IN_PLACE);
    assertThat(client.projectRole("ALPHA", developers).hasUser(carol)).isFalse();
    assertThat(calls.count("DELETE", path, 204)).isEqualTo(1);
  }

  @Test
  void ensureGroupCreatesExactlyOnceUnderRaces() throws Exception {
    List<Ensured<AtlassianGroup>> results = race(() -> operations.ensureGroup("delta-developers"));

    assertThat(results).extracting(Ensured::change).containsOnlyOnce(Change.MADE);
    assertThat(results).extracting(r -> r.value().groupId()).containsOnly(groupIdOf("delta-developers"));
    assertThat(calls.count("POST", "/rest/api/3/group", 201)).isEqualTo(1);
    assertThat(operations.ensureGroup("delta-developers").change()).isEqualTo(Change.ALREADY_IN_PLACE);
  }

  @Test
  void ensureUserCreatesOneAccountUnderRaces() throws Exception {
    List<Ensured<AtlassianUser>> results = race(() -> operations.ensureUser("ivy@example.com", List.of("jira-software")));

    assertThat(results).extracting(Ensured::change).containsOnlyOnce(Change.MADE);
    assertThat(results).extracting(r -> r.value().accountId()).containsOnly(accountIdOf("ivy@example.com"));
    assertThat(calls.count("POST", "/rest/api/3/user", 201)).isEqualTo(1);
  }

  @Test
  void ensureUserFindsAnExistingAccountWithoutCreating() {
    Ensured<AtlassianUser> dave = operations.ensureUser("Dave@Example.com", List.of("jira-software"));

    assertThat(dave.change()).isEqualTo(Change.ALREADY_IN_PLACE);
    assertThat(dave.value().displayName()).isEqualTo("Dave Newcomer");
    assertThat(calls.count("POST", "/rest/api/3/user")).isZero();
  }

  @Test
  void ensureOperationsPropagateMissingTargets() {
    String dave = accountIdOf("dave@example.com");

    assertThatThrownBy(() -> operations.ensureMember("00000000-0000-0000-0000-000000000000", dave))
        .isInstanceOf(AtlassianException.NotFound.class);
    assertThatThrownBy(() -> operations.ensureMember(groupIdOf("alpha-developers"), "5b10ac8d82e05b22cc7d4ef9"))
        .isInstanceOf(AtlassianException.NotFound.class);
    assertThatThrownBy(() -> operations.ensureRoleActor("NOPE", 10000, dave)).isInstanceOf(AtlassianException.NotFound.class);
  }

  /** Runs the same operation from several threads released at the same moment. */
  private static <T> List<T> race(Callable<T> operation) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(RACERS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < RACERS; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return operation.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(30, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
