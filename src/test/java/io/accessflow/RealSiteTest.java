package io.accessflow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** The app with a real Atlassian site configured (one that refuses connections) and complete settings. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "accessflow.atlassian.base-url=http://127.0.0.1:9/",
    "accessflow.atlassian.email=automation@example.com",
    "accessflow.atlassian.api-token=test-token-not-secret",
    "camunda.bpm.admin-user.id=operator",
    "camunda.bpm.admin-user.password=a-long-test-password",
    TestContexts.WITHOUT_WEBAPPS})
public @interface RealSiteTest {}
