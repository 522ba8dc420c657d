package io.accessflow.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.accessflow.sandbox.SandboxStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An access request made and approved by people in Camunda Tasklist, in a real headless Chromium:
 * the start form, the routing to the project lead, the approval form and the change in the sandbox.
 * Skipped without {@code chromium} and {@code chromedriver} on the PATH (or the system properties
 * {@code browser.binary} and {@code webdriver.chrome.driver}), except on CI (or with
 * {@code -Dbrowser.tests.required=true}), where a missing browser fails the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TasklistBrowserTest {

  private static final Logger LOG = LoggerFactory.getLogger(TasklistBrowserTest.class);

  static final String CAROL = "carol@example.com";
  static final String ALICE = "alice@example.com";
  static final String PASSWORD = "demo";
  static final Path ARTIFACTS = Path.of("target", "browser-test");
  static final Duration UI_TIMEOUT = Duration.ofSeconds(20);

  static Path browserBinary;
  static Path driverBinary;

  @LocalServerPort
  int port;
  @Autowired
  SandboxStore store;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  HistoryService historyService;

  @TempDir
  Path profile;

  WebDriver driver;
  WebDriverWait wait;
  String processInstanceId;

  /** On failure the page as the browser showed it, since a stack trace says little about a UI. */
  @RegisterExtension
  final TestExecutionExceptionHandler keepBrowserStateOnFailure = (context, failure) -> {
    if (driver == null) {
      throw failure;
    }
    String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
    AssertionError withState = new AssertionError(failure.getMessage() + "\n" + saveBrowserState(name), failure);
    // reports then point at the test's line, not at this handler
    withState.setStackTrace(failure.getStackTrace());
    throw withState;
  };

  /** Fails early where browser tests are required; elsewhere the test is skipped (see below). */
  @BeforeAll
  static void findBrowser() {
    browserBinary = Optional.ofNullable(System.getProperty("browser.binary")).map(Path::of)
        .or(() -> onPath("chromium", "chromium-browser", "google-chrome")).orElse(null);
    driverBinary = Optional.ofNullable(System.getProperty("webdriver.chrome.driver")).map(Path::of)
        .or(() -> onPath("chromedriver")).orElse(null);
    if (browserMissing() != null && ("true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("browser.tests.required"))) {
      Assertions.fail(browserMissing() + ": browser tests are required here (CI=true or -Dbrowser.tests.required=true); "
          + "install the packages chromium and chromium-driver, e.g. apt-get install chromium chromium-driver");
    }
    if (browserMissing() != null) {
      // Surefire's console shows only a count of skipped tests; say why
      LOG.warn(skipMessage());
    }
  }

  @BeforeEach
  void startBrowser() {
    // skipped per test, not per class: surefire reports a skipped class without its reason
    Assumptions.assumeTrue(browserMissing() == null, TasklistBrowserTest::skipMessage);
    store.reset();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browserBinary.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + profile.toAbsolutePath());
    // an explicit driver executable keeps Selenium Manager (which downloads drivers) out of the way
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(driverBinary.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, UI_TIMEOUT);
  }

  @AfterEach
  void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
    // a request left half-way would show up in alice's task list for the next test
    if (processInstanceId != null
        && runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
      runtimeService.deleteProcessInstance(processInstanceId, "browser test cleanup");
    }
  }

  @Test
  void aRequestStartedInTasklistIsApprovedByTheProjectLeadAndCarriedOut() {
    String reason = "Dave joins the ALPHA team as a developer (" + UUID.randomUUID().toString().substring(0, 8) + ")";

    logIn(CAROL, "Carol Requester");
    startAccessRequest(reason);
    processInstanceId = await("the request started from the browser").atMost(Duration.ofSeconds(10))
        .until(() -> startedWith(reason), Objects::nonNull);
    Task approval = await("the approval task assigned to alice after validation and routing").atMost(Duration.ofSeconds(30))
        .failFast("the request ended without an approval (see its outcome variables)", this::requestEnded)
        .until(() -> taskService.createTaskQuery().processInstanceId(processInstanceId).taskAssignee(ALICE).singleResult(),
            Objects::nonNull);
    logOut();

    logIn(ALICE, "Alice Lead");
    openFromMyApprovals(approval.getId());
    assertThat(formValue("Request")).contains(CAROL, "Dave Newcomer", "dave@example.com", "Developers", "ALPHA");
    assertThat(formValue("Reason given")).isEqualTo(reason);
    assertThat(formValue("Why you decide")).isEqualTo("Alice Lead leads project ALPHA");
    approveAndComplete(approval.getId());

    await("dave in role Developers of ALPHA").atMost(Duration.ofSeconds(30))
        .until(() -> store.roleUserEmails("ALPHA", "Developers").contains("dave@example.com"));
    await("the request to end").atMost(Duration.ofSeconds(30)).until(this::requestEnded);
    assertThat(historicVariable("outcome")).isEqualTo("PROVISIONED");
    assertThat(historicVariable("decidedBy")).isEqualTo(ALICE);
  }

  // --- Tasklist, as a person uses it ------------------------------------------------------------

  private void logIn(String user, String fullName) {
    driver.get("http://localhost:" + port + "/camunda/app/tasklist/");
    WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
    username.sendKeys(user);
    driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(PASSWORD);
    driver.findElement(By.cssSelector("button[type='submit']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("li.account"), fullName));
  }

  private void logOut() {
    driver.findElement(By.cssSelector("li.account a.dropdown-toggle")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.logout a"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
  }

  private void startAccessRequest(String reason) {
    driver.findElement(By.cssSelector("li.start-process-action a")).click();
    WebElement search = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".modal input[ng-model='page.searchValue']")));
    search.sendKeys("Access request");
    clickWhenReady(By.xpath("//div[contains(@class,'modal')]//ul[contains(@class,'processes')]//a[normalize-space()='Access request']"));

    chooseOption("What do you need?", "Add a user to a Jira project role");
    formField("For whom (email address)").sendKeys("dave@example.com");
    formField("Jira project key").sendKeys("ALPHA");
    formField("Project role").sendKeys("Developers");
    formField("Why?").sendKeys(reason);

    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space()='Start']"))).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notifications"),
        "The process has been started."));
  }

  private void openFromMyApprovals(String taskId) {
    By filter = By.xpath("//div[contains(@class,'task-filter')]//a[contains(normalize-space(),'My approvals')]");
    By task = By.cssSelector("ol.tasks-list a[href$='task=" + taskId + "']");
    // the list loads after the filter is chosen; choosing it again reloads the list
    new WebDriverWait(driver, UI_TIMEOUT).pollingEvery(Duration.ofSeconds(2))
        .ignoring(StaleElementReferenceException.class).ignoring(ElementNotInteractableException.class)
        .until(d -> {
          if (d.findElements(task).stream().anyMatch(WebElement::isDisplayed)) {
            return true;
          }
          d.findElement(filter).click();
          return false;
        });
    clickWhenReady(task);
    // form-js fills the fields from the task's variables after rendering the form
    wait.until(d -> !formValue("Request").isEmpty());
  }

  private void approveAndComplete(String taskId) {
    WebElement approve = formField("Approve: carry out this change");
    approve.click();
    assertThat(approve.isSelected()).as("Approve ticked").isTrue();
    // Tasklist's footer overlaps the lower edge of the button at the end of a long form, so a
    // mouse click in its centre can land on the footer; Enter on the button is what a keyboard user does
    driver.findElement(By.xpath("//div[contains(@class,'form-actions')]//button[normalize-space()='Complete']"))
        .sendKeys(Keys.ENTER);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("ol.tasks-list a[href$='task=" + taskId + "']")));
  }

  /** Clicks an element of a list that Tasklist hides and re-renders while it loads. */
  private void clickWhenReady(By element) {
    new WebDriverWait(driver, UI_TIMEOUT)
        .ignoring(StaleElementReferenceException.class).ignoring(ElementNotInteractableException.class)
        .until(d -> {
          d.findElement(element).click();
          return true;
        });
  }

  /** A form-js field, found by its label as a person finds it. */
  private WebElement formField(String label) {
    WebElement labelElement = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//label[contains(@class,'fjs-form-field-label')][starts-with(normalize-space(), '" + label + "')]")));
    return driver.findElement(By.id(labelElement.getDomAttribute("for")));
  }

  private String formValue(String label) {
    return Objects.toString(formField(label).getDomProperty("value"), "");
  }

  /** form-js renders a select as its own dropdown list, not as a native {@code <select>}. */
  private void chooseOption(String label, String option) {
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//div[contains(@class,'fjs-form-field-select')]"
        + "[label[starts-with(normalize-space(), '" + label + "')]]//div[contains(@class,'fjs-input-group')]"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + option + "']"))).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-form-field-select .fjs-select-display"), option));
  }

  // --- engine and environment -------------------------------------------------------------------

  private String startedWith(String reason) {
    HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery()
        .variableValueEquals("reason", reason).singleResult();
    if (variable == null) {
      return null;
    }
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(variable.getProcessInstanceId()).singleResult();
    assertThat(instance.getStartUserId()).as("requester").isEqualTo(CAROL);
    return instance.getId();
  }

  private boolean requestEnded() {
    return historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).finished().count() > 0;
  }

  private Object historicVariable(String name) {
    HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableName(name).singleResult();
    return variable == null ? null : variable.getValue();
  }

  private String saveBrowserState(String name) {
    try {
      Files.createDirectories(ARTIFACTS);
      Path screenshot = ARTIFACTS.resolve(name + ".png");
      Path page = ARTIFACTS.resolve(name + ".html");
      Files.write(screenshot, ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
      Files.writeString(page, driver.getPageSource());
      return "The browser's screenshot and page source: " + screenshot.toAbsolutePath() + ", " + page.toAbsolutePath();
    } catch (IOException | RuntimeException e) {
      return "The browser's state could not be saved: " + e;
    }
  }

  private static String skipMessage() {
    return browserMissing() + ": Tasklist browser test skipped; install chromium and chromium-driver to run it";
  }

  private static String browserMissing() {
    if (browserBinary != null && driverBinary != null) {
      return null;
    }
    List<String> missing = new ArrayList<>();
    if (browserBinary == null) {
      missing.add("chromium");
    }
    if (driverBinary == null) {
      missing.add("chromedriver");
    }
    return String.join(" and ", missing) + " not found on the PATH";
  }

  private static Optional<Path> onPath(String... names) {
    String path = Objects.toString(System.getenv("PATH"), "");
    return Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
        .flatMap(dir -> Arrays.stream(names).map(name -> Path.of(dir, name)))
        .filter(Files::isExecutable).findFirst();
  }
}
