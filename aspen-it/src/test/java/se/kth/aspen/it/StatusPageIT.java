package se.kth.aspen.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The status page in Debian's headless Chromium, served by the real runner process deploying a
 * small git registry to the real swarm: the page follows the passes live, its buttons call the
 * token-protected endpoints, its filter narrows the table. Screenshots go to
 * {@code target/status-page*.png}.
 */
class StatusPageIT extends Scenario {

  private static final Path ARTIFACTS = Path.of("target");

  private final String web = app("web");
  private final String api = app("api");
  private final String flaky = app("flaky");

  @Test
  void thePageFollowsABreakingCommitLiveAndItsRetryButtonAndFilterWork() throws Exception {
    String token = "page-token-" + suffix;
    env.put("API_TOKEN", token);
    env.put("SYNC_START_ON_RUN", "1");
    env.put("DELAY_SECS_BETWEEN_RUNS", "3600");
    env.put("REQUEST_TIMEOUT", "15");
    // The child process reaches WireMock by its address: "localhost" may resolve to ::1 first.
    env.replaceAll((name, value) -> value.replace("http://localhost:", "http://127.0.0.1:"));
    for (String app : List.of(web, api, flaky)) {
      writeStack(app, "active", StackFile.web());
    }
    git.commitAndPush("three apps");

    try (AspenProcess aspen = new AspenProcess(env, dir);
        Browser browser = new Browser(dir.resolve("chromium-profile"), ARTIFACTS.resolve("status-page-chromedriver.log"))) {
      browser.driver.get(aspen.url("/"));
      JavascriptExecutor js = browser.driver;
      js.executeScript("window.aspenSamePage = true");

      // The first pass deploys all three; the open page hears of each app as the pass decides it.
      for (String app : List.of(web, api, flaky)) {
        awaitStatus(browser, app, "DEPLOYED", aspen);
      }
      assertThat(cell(browser, web).getText()).contains("1.2.4_0a1b2c3");

      StackFile broken = StackFile.web();
      broken.service("web").memoryReservation("512G");
      writeStack(flaky, "active", broken);
      git.commitAndPush("a memory reservation no node can hold");

      // Run a pass from the page: it asks for the token first, then keeps it for the tab.
      browser.driver.findElement(By.id("run-now")).click();
      WebElement tokenField = browser.driver.findElement(By.id("token"));
      await().atMost(Duration.ofSeconds(30)).until(tokenField::isDisplayed);
      tokenField.sendKeys(token);
      browser.driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
      awaitStatus(browser, flaky, "FAILED", aspen);
      browser.driver.findElement(By.id("run-now")).click();
      awaitStatus(browser, flaky, "BLOCKED", aspen);

      WebElement blocked = cell(browser, flaky);
      assertThat(blocked.getText()).contains("BLOCKED", "since ");
      // What still runs is the first commit's deploy, and the cell says so (filled live from the event).
      assertThat(blocked.getText()).containsPattern("deployed \\d{4}-\\d{2}-\\d{2} [0-9:]+Z from [0-9a-f]{12}");
      assertThat(cell(browser, web).getAttribute("data-status")).isEqualTo("UNCHANGED");
      assertThat(js.executeScript("return window.aspenSamePage === true")).as("the page was never reloaded").isEqualTo(true);
      assertThat(browser.driver.findElements(By.cssSelector("#timeline rect"))).hasSizeGreaterThanOrEqualTo(3);
      browser.screenshot(ARTIFACTS.resolve("status-page.png"));

      // Retry with the token the tab kept: the pass it starts tries the blocked deploy again.
      blocked.findElement(By.cssSelector("button.retry")).click();
      await().atMost(Duration.ofSeconds(20)).until(() -> browser.driver.findElement(By.id("live")).getText()
          .contains("Retry of active/" + flaky + " asked for"));
      awaitStatus(browser, flaky, "FAILED", aspen);
      assertThat(aspen.log()).contains("retry of active/" + flaky + " asked for through the API");

      WebElement filter = browser.driver.findElement(By.id("q"));
      filter.sendKeys(flaky);
      await().atMost(Duration.ofSeconds(30)).until(() -> !row(browser, web).isDisplayed());
      assertThat(row(browser, api).isDisplayed()).isFalse();
      assertThat(row(browser, flaky).isDisplayed()).isTrue();
      assertThat(browser.driver.getCurrentUrl()).endsWith("/?q=" + flaky);
      browser.screenshot(ARTIFACTS.resolve("status-page-filtered.png"));

      Number bytes = (Number) js.executeScript("return new Blob([document.documentElement.outerHTML]).size");
      assertThat(bytes.longValue()).as("the page with its script and styles").isLessThan(100 * 1024);
      assertThat(js.executeScript("return window.aspenSamePage === true")).isEqualTo(true);
    }
  }

  private static WebElement row(Browser browser, String app) {
    return browser.driver.findElement(By.cssSelector("tr[data-app='" + app + "']"));
  }

  private static WebElement cell(Browser browser, String app) {
    return row(browser, app).findElement(By.cssSelector("td[data-cluster='active']"));
  }

  private static void awaitStatus(Browser browser, String app, String status, AspenProcess aspen) {
    try {
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
          .until(() -> status.equals(cell(browser, app).getAttribute("data-status")));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(app + " never showed " + status + " on the page.\nconsole:\n" + browser.console()
          + "\npage:\n" + tail(browser.driver.getPageSource()) + "\nrunner log:\n" + tail(aspen.log()), e);
    }
  }

  private static String tail(String log) {
    return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
  }
}
