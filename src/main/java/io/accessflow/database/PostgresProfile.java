package io.accessflow.database;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * A PostgreSQL URL in SPRING_DATASOURCE_URL (or on the command line) turns the postgres profile on,
 * so that pointing the app at PostgreSQL is enough: without the profile the engine would manage
 * the schema itself and the pool and job executor would keep their laptop sizes. Runs before the
 * configuration files are read, which is why it sees the environment, system properties and the
 * command line only. Listed in META-INF/spring.factories.
 */
public class PostgresProfile implements EnvironmentPostProcessor, Ordered {

  static final String PROFILE = "postgres";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String url = environment.getProperty("spring.datasource.url", "");
    if (url.startsWith("jdbc:postgresql:") && !Arrays.asList(environment.getActiveProfiles()).contains(PROFILE)) {
      environment.addActiveProfile(PROFILE);
    }
  }

  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER - 1;
  }
}
