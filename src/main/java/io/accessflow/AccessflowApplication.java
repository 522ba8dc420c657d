package io.accessflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AccessflowApplication {

  public static void main(String[] args) {
    SpringApplication.run(AccessflowApplication.class, args);
  }
}
