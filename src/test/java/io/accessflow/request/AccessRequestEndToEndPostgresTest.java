package io.accessflow.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessflow.TestContexts;
import io.accessflow.postgres.TestPostgres;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same end-to-end scenarios on a real PostgreSQL with the postgres profile, as production
 * runs: Liquibase creates the schema from Camunda's changelog and the engine does not touch it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = TestContexts.WITHOUT_WEBAPPS)
@ActiveProfiles("postgres")
class AccessRequestEndToEndPostgresTest extends AccessRequestEndToEndTest {

  private static final String DATABASE = TestPostgres.newDatabase("end_to_end");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> DATABASE);
    registry.add("spring.datasource.username", () -> TestPostgres.USER);
    registry.add("spring.datasource.password", () -> "");
  }

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  ProcessEngine engine;

  @Test
  void liquibaseCreatedTheSchemaAndTheEngineLeavesItAlone() {
    assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).startsWith("end_to_end");
    assertThat(engine.getProcessEngineConfiguration().getDatabaseSchemaUpdate()).isEqualTo("false");
    assertThat(jdbc.queryForList("SELECT id FROM databasechangelog", String.class))
        .contains("7.16.0-baseline", "7.24.0-tag");
  }
}
