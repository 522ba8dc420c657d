package io.accessflow.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PostgresProfileTest {

  @Test
  void aPostgresUrlTurnsThePostgresProfileOn() {
    assertThat(profilesFor("jdbc:postgresql://db.example.com:5432/accessflow")).containsExactly("postgres");
  }

  @Test
  void h2StaysWithoutTheProfile() {
    assertThat(profilesFor("jdbc:h2:file:./data/accessflow")).isEmpty();
  }

  private static String[] profilesFor(String url) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("spring.datasource.url", url)));
    new PostgresProfile().postProcessEnvironment(environment, new SpringApplication());
    return environment.getActiveProfiles();
  }
}
