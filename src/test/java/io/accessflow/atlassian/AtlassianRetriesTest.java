package io.accessflow.atlassian;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@code accessflow.atlassian.retry-cycle} becomes the cycle the model's Atlassian steps retry by. */
class AtlassianRetriesTest {

  private final ApplicationContextRunner app = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Settings.class);

  @Test
  void defaultsToTenSecondsThenAMinuteThenFiveFifteenAndSixty() {
    app.run(context -> assertThat(context.getBean(AtlassianRetries.class).cycle()).isEqualTo("PT10S,PT1M,PT5M,PT15M,PT1H"));
  }

  @Test
  void takesTheWaitsAsSpringOrIsoDurations() {
    app.withPropertyValues("accessflow.atlassian.retry-cycle=2s,PT30S,1m")
        .run(context -> assertThat(context.getBean(AtlassianRetries.class).cycle()).isEqualTo("PT2S,PT30S,PT1M"));
  }

  @Test
  void refusesAWaitOfZeroWithTheSettingsName() {
    app.withPropertyValues("accessflow.atlassian.retry-cycle=PT10S,PT0S").run(context -> assertThat(context).hasFailed()
        .getFailure().rootCause().hasMessageContaining("accessflow.atlassian.retry-cycle").hasMessageContaining("longer than zero"));
  }

  @Test
  void refusesWhatIsNoDuration() {
    app.withPropertyValues("accessflow.atlassian.retry-cycle=soon").run(context -> assertThat(context).hasFailed()
        .getFailure().hasStackTraceContaining("accessflow.atlassian.retry-cycle"));
  }

  @Test
  void refusesAnEmptyCycle() {
    app.withPropertyValues("accessflow.atlassian.retry-cycle=").run(context -> assertThat(context).hasFailed()
        .getFailure().hasStackTraceContaining("retryCycle"));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(AtlassianProperties.class)
  @Import(AtlassianRetries.class)
  static class Settings {}
}
