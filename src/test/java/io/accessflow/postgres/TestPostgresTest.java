package io.accessflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

  @Test
  void startsARealPostgresAndGivesEachCallerItsOwnDatabase() throws Exception {
    String first = TestPostgres.newDatabase("probe");
    String second = TestPostgres.newDatabase("probe");
    assertThat(first).isNotEqualTo(second);
    try (var connection = DriverManager.getConnection(first, TestPostgres.USER, "");
        ResultSet version = connection.createStatement().executeQuery("SHOW server_version")) {
      assertThat(version.next()).isTrue();
      assertThat(version.getString(1)).startsWith("14.");
    }
  }
}
