package io.accessflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.Yaml;

/**
 * The production quick start (docker/) without a Docker engine: the compose file parses, pins its
 * images, runs PostgreSQL with a volume, two accessflow nodes and a load balancer, and every
 * setting it hands to accessflow is one the app reads, mapped the way Spring maps environment
 * variables. A misspelt variable would otherwise be ignored silently.
 */
class DockerComposeTest {

  private static final Path DOCKER = Path.of("docker");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:[-?]?([^}]*))?}");

  private static Map<String, Object> compose;
  /** Property names the app reads: Spring Boot's and Camunda's metadata, application*.yaml, accessflow's records. */
  private static Set<String> properties;
  /** Properties that are maps: any key below them is a setting (spring.mail.properties.*). */
  private static Set<String> mapProperties;
  /** Environment variables named in the placeholders of application*.yaml (${ATLASSIAN_BASE_URL:}). */
  private static Set<String> placeholders;

  @BeforeAll
  static void readConfiguration() throws IOException, ClassNotFoundException {
    compose = new Yaml().load(Files.readString(DOCKER.resolve("docker-compose.yml")));
    properties = new TreeSet<>();
    mapProperties = new TreeSet<>();
    placeholders = new TreeSet<>();
    ObjectMapper json = new ObjectMapper();
    Enumeration<URL> metadata = DockerComposeTest.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
    while (metadata.hasMoreElements()) {
      try (InputStream in = metadata.nextElement().openStream()) {
        for (JsonNode property : json.readTree(in).path("properties")) {
          String name = property.path("name").asText();
          if (ConfigurationPropertyName.isValid(name)) {
            properties.add(name);
            if (property.path("type").asText().startsWith("java.util.Map<")) {
              mapProperties.add(name);
            }
          }
        }
      }
    }
    try (Stream<Path> files = Files.list(Path.of("src/main/resources"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.ya?ml")).toList()) {
        String text = Files.readString(file);
        for (Object document : new Yaml().loadAll(text)) {
          flatten("", document, properties);
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
          placeholders.add(matcher.group(1));
        }
      }
    }
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
    for (BeanDefinition definition : scanner.findCandidateComponents("io.accessflow")) {
      Class<?> type = Class.forName(definition.getBeanClassName());
      String prefix = type.getAnnotation(ConfigurationProperties.class).value();
      if (type.isRecord()) {
        for (var component : type.getRecordComponents()) {
          String name = prefix + "." + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
          properties.add(name);
          if (Map.class.isAssignableFrom(component.getType())) {
            mapProperties.add(name);
          }
        }
      }
    }
  }

  @Test
  void composeRunsPostgresTwoNodesAndALoadBalancer() throws IOException {
    Map<String, Map<String, Object>> services = services();
    assertThat(services).containsKeys("postgres", "accessflow-1", "accessflow-2", "nginx");
    assertThat(accessflowNodes()).hasSize(2);
    assertThat(services.get("postgres").get("volumes")).asInstanceOf(LIST).anySatisfy(volume ->
        assertThat(volume.toString()).endsWith(":/var/lib/postgresql/data"));
    assertThat(compose.get("volumes")).asInstanceOf(MAP).containsKey("postgres-data");
    assertThat(services.get("postgres")).containsKey("healthcheck");
    for (Map<String, Object> node : accessflowNodes().values()) {
      assertThat(node.get("depends_on").toString()).contains("postgres", "service_healthy");
      assertThat(node.get("env_file")).isEqualTo("accessflow.env");
      assertThat(((Map<?, ?>) node.get("build")).get("dockerfile")).isEqualTo("docker/Dockerfile");
    }
    assertThat(Files.readString(DOCKER.resolve("nginx.conf"))).contains("ip_hash", "accessflow-1:8080", "accessflow-2:8080");
  }

  @Test
  void everyImageIsPinnedToAVersion() throws IOException {
    List<String> images = new ArrayList<>();
    services().values().forEach(service -> images.add((String) service.get("image")));
    Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(Files.readString(DOCKER.resolve("Dockerfile")));
    while (from.find()) {
      images.add(from.group(1));
    }
    assertThat(images).isNotEmpty().allSatisfy(image ->
        assertThat(image).as("image %s", image).matches("[^:@]+:\\d+(\\.\\d+)+[^:]*").doesNotContain("latest"));
  }

  @Test
  void theImageRunsAsANonRootUserWithAHealthCheckOnLiveness() throws IOException {
    String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
    assertThat(dockerfile).containsPattern("(?m)^USER\\s+(?!root|0\\b)\\S+")
        .containsPattern("(?m)^HEALTHCHECK .*").contains("/actuator/health/liveness")
        .contains("SPRING_PROFILES_ACTIVE=postgres");
  }

  @Test
  void everySettingPassedToTheNodesIsOneTheAppReads() throws IOException {
    Set<String> passed = new LinkedHashSet<>();
    for (Map<String, Object> node : accessflowNodes().values()) {
      passed.addAll(environment(node.get("environment")));
    }
    passed.addAll(envFileKeys(DOCKER.resolve("accessflow.env.example")));

    assertThat(passed).contains("SPRING_DATASOURCE_URL", "ATLASSIAN_BASE_URL", "ATLASSIAN_API_TOKEN", "CAMUNDA_BPM_ADMINUSER_PASSWORD");
    assertThat(unknown(passed)).as("settings accessflow does not read").isEmpty();
  }

  @Test
  void aMisspeltSettingIsReported() {
    assertThat(unknown(List.of("ATLASSIAN_BASEURL_TYPO", "SPRING_DATASOURCE_URL", "ACCESSFLOW_NO_SUCH_SETTING",
        "SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_ENABLE", "PORT")))
        .containsExactly("ATLASSIAN_BASEURL_TYPO", "ACCESSFLOW_NO_SUCH_SETTING");
  }

  @Test
  void everyVariableTheComposeFileUsesHasADefaultOrIsInTheExampleEnvFile() throws IOException {
    Set<String> example = envFileKeys(DOCKER.resolve("accessflow.env.example"));
    Matcher matcher = PLACEHOLDER.matcher(Files.readString(DOCKER.resolve("docker-compose.yml")));
    while (matcher.find()) {
      boolean hasDefault = matcher.group(2) != null && matcher.group(2).startsWith(":-");
      assertThat(hasDefault || example.contains(matcher.group(1))).as("${%s}", matcher.group(1)).isTrue();
    }
  }

  /** The variables that neither name a placeholder of application*.yaml nor map to a known property. */
  static List<String> unknown(Collection<String> variables) {
    return variables.stream().filter(variable -> !placeholders.contains(variable) && !bindsToAProperty(variable)).toList();
  }

  /** Spring's own mapping: the variable in a source named as the system environment, which Spring Boot maps leniently. */
  private static boolean bindsToAProperty(String variable) {
    ConfigurationPropertySource source = ConfigurationPropertySource.from(
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "value")));
    for (String property : properties) {
      ConfigurationProperty bound = source.getConfigurationProperty(ConfigurationPropertyName.of(property));
      if (bound != null) {
        return true;
      }
    }
    for (String property : mapProperties) {
      if (source.containsDescendantOf(ConfigurationPropertyName.of(property)) == ConfigurationPropertyState.PRESENT) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() {
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  private static Map<String, Map<String, Object>> accessflowNodes() {
    Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
    services().forEach((name, service) -> {
      if (service.containsKey("build")) {
        nodes.put(name, service);
      }
    });
    return nodes;
  }

  /** Compose's environment: a map, or a list of NAME=value. */
  private static Set<String> environment(Object environment) {
    Set<String> names = new LinkedHashSet<>();
    if (environment instanceof Map<?, ?> map) {
      map.keySet().forEach(key -> names.add(key.toString()));
    } else if (environment instanceof List<?> list) {
      list.forEach(entry -> names.add(entry.toString().split("=", 2)[0]));
    }
    return names;
  }

  /** The keys of an env file, commented-out examples included: they are settings a reader will enable. */
  private static Set<String> envFileKeys(Path file) throws IOException {
    Set<String> keys = new LinkedHashSet<>();
    for (String line : Files.readAllLines(file)) {
      Matcher setting = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]*)=").matcher(line.strip());
      if (setting.find()) {
        keys.add(setting.group(1));
      }
    }
    return keys;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Object value, Set<String> into) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, child) -> {
        String name = key.toString().replaceAll("^\\[|]$", "");
        flatten(prefix.isEmpty() ? name : prefix + "." + name, child, into);
      });
    } else if (!prefix.isEmpty() && ConfigurationPropertyName.isValid(prefix)) {
      into.add(prefix);
    }
  }
}
