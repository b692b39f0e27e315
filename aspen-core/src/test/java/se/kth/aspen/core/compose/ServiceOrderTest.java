package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.kth.aspen.core.compose.ServiceDependency.Condition;

class ServiceOrderTest {

  @TempDir Path dir;
  StackFiles files;

  @BeforeEach
  void setUp() {
    files = new StackFiles(dir);
  }

  static final String MIGRATION = """
      version: "3.8"
      services:
        web:
          image: 127.0.0.1:5000/busybox:1.2.3
          depends_on:
            migrate:
              condition: service_completed_successfully
            db:
              condition: service_healthy
        cache:
          image: 127.0.0.1:5000/busybox:1.2.3
        migrate:
          image: 127.0.0.1:5000/busybox:1.2.3
          deploy:
            mode: replicated-job
          depends_on: [db]
        db:
          image: 127.0.0.1:5000/busybox:1.2.3
      """;

  @Test
  void theLongFormGivesEachDependencyItsConditionAndLine() throws Exception {
    ServiceSpec web = files.model(MIGRATION).services().get("web");

    assertThat(web.dependsOn()).containsExactly(
        new ServiceDependency("migrate", Condition.SERVICE_COMPLETED_SUCCESSFULLY, true, 6),
        new ServiceDependency("db", Condition.SERVICE_HEALTHY, true, 8));
  }

  @Test
  void theShortFormWaitsForEachServiceToStart() throws Exception {
    ServiceSpec migrate = files.model(MIGRATION).services().get("migrate");

    assertThat(migrate.dependsOn()).containsExactly(new ServiceDependency("db", Condition.SERVICE_STARTED, true, 16));
    assertThat(migrate.job()).isTrue();
  }

  @Test
  void servicesWithoutDependenciesGoFirstInFileOrderThenEachWaveAfterWhatItWaitsFor() throws Exception {
    ServiceOrder order = ServiceOrder.of(files.model(MIGRATION));

    assertThat(order.waves()).containsExactly(List.of("cache", "db"), List.of("migrate"), List.of("web"));
    assertThat(order.ordered()).isTrue();
    assertThat(order).hasToString("cache, db → migrate → web");
  }

  @Test
  void aStackWithoutDependsOnIsOneWaveInFileOrder() throws Exception {
    ServiceOrder order = ServiceOrder.of(files.model("""
        services:
          b: {image: "127.0.0.1:5000/busybox:1.2.3"}
          a: {image: "127.0.0.1:5000/busybox:1.2.3"}
        """));

    assertThat(order.waves()).containsExactly(List.of("b", "a"));
    assertThat(order.ordered()).isFalse();
  }

  @Test
  void aCycleIsAnInvalidStackNamingTheCycleAndItsLine() {
    assertThatThrownBy(() -> files.model("""
        services:
          a:
            image: 127.0.0.1:5000/busybox:1.2.3
            depends_on: [b]
          b:
            image: 127.0.0.1:5000/busybox:1.2.3
            depends_on:
              c: {condition: service_started}
          c:
            image: 127.0.0.1:5000/busybox:1.2.3
            depends_on: [a]
        """))
        .isInstanceOf(StackFileException.class)
        .hasMessage(StackFiles.FILE + ":4: service a: depends_on forms a cycle: a → b → c → a; "
            + "no service of it could ever be deployed first");
  }

  @Test
  void aServiceDependingOnItselfIsInvalid() {
    assertThatThrownBy(() -> files.web("    depends_on: [web]\n"))
        .hasMessage(StackFiles.FILE + ":5: service web: depends_on names the service itself");
  }

  @Test
  void aDependencyOnAMissingServiceIsInvalidWithTheLine() {
    assertThatThrownBy(() -> files.web("    depends_on:\n      - db\n"))
        .isInstanceOf(StackFileException.class)
        .hasMessage(StackFiles.FILE + ":6: service web: depends_on names service \"db\", which this stack does not have "
            + "(services: web)");
  }

  @Test
  void aMissingServiceThatIsNotRequiredIsLeftOutWithAWarning() throws Exception {
    StackModel model = files.model(StackFiles.service("    depends_on:\n      db: {required: false}\n"));

    assertThat(model.warnings()).extracting(StackWarning::line).containsExactly(6);
    assertThat(ServiceOrder.of(model).waves()).containsExactly(List.of("web"));
  }

  @Test
  void completedSuccessfullyNeedsAJob() {
    assertThatThrownBy(() -> files.model("""
        services:
          web:
            image: 127.0.0.1:5000/busybox:1.2.3
            depends_on:
              db: {condition: service_completed_successfully}
          db:
            image: 127.0.0.1:5000/busybox:1.2.3
        """))
        .hasMessageStartingWith(StackFiles.FILE + ":5: service web: depends_on.db: service_completed_successfully needs a job");
  }

  @Test
  void anUnknownConditionIsInvalid() {
    assertThatThrownBy(() -> files.web("    depends_on:\n      web2: {condition: healthy}\n"))
        .hasMessageContaining(":6: service web: depends_on.web2.condition must be one of service_completed_successfully, "
            + "service_healthy, service_started, got \"healthy\"");
  }

  @Test
  void jobModesAreReadAndAJobTakesNoReplicasWhenGlobal() throws Exception {
    assertThat(files.web("    deploy: {mode: global-job}\n").job()).isTrue();
    assertThat(files.web("    deploy: {mode: replicated-job, replicas: 3}\n").deploy().orElseThrow().replicas()).contains(3);
    assertThat(files.web("    deploy: {mode: global}\n").job()).isFalse();
    assertThatThrownBy(() -> files.web("    deploy: {mode: global-job, replicas: 2}\n"))
        .hasMessageContaining("replicas can only be used with replicated mode");
  }
}
