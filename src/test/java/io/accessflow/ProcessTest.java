package io.accessflow;

import io.accessflow.atlassian.contract.AtlassianContract;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The app for process tests: the job executor is off (the test drives the jobs), the sandbox's
 * API token is one a test can recognise anywhere it must not appear, and every exchange with the
 * sandbox is checked against Atlassian's OpenAPI document.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=false",
    "accessflow.sandbox.api-token=" + ProcessTest.RECOGNISABLE_TOKEN,
    "accessflow.approval.group-owners.beta-developers=bob@example.com",
    TestContexts.WITHOUT_WEBAPPS})
@ExtendWith(AtlassianContract.class)
public @interface ProcessTest {

  String RECOGNISABLE_TOKEN = "ATATT3xFfGF0-process-test-token-7f3c9e";
}
